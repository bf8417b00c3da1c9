import assert from 'node:assert/strict';
import { TempDir, makeRecord, makeRecords, mtEvent } from '../helpers/fixtures.js';
import { initProject, loadItems, loadState, loadStateOnly, openProject, type Project } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';
import type { ItemState } from '../../src/project/state.js';
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { computeLengthStats, lengthPairs } from '../../src/qa/length-stats.js';
import { UsageError } from '../../src/errors.js';
import { departsFromSource, openItemQa, projectQaEnv, qaInputFor, qaContextBuilder, qaContextFor } from '../../src/qa/project-qa.js';
import { runProjectQa } from '../../src/qa/run-project-qa.js';
import type { QaInput } from '../../src/qa/types.js';

const KO = loadLocalePack('ko').pack;

/** Korean text of about the source's length, so lengths look ordinary. */
const ko = (i: number, what: string) => `${what} 번역된 문장입니다 (${i})`;

async function newProject(tmp: TempDir, n: number): Promise<{ project: Project; items: SourceItem[]; journal: JournalWriter }> {
  const src = tmp.json('ac.json', makeRecords(n));
  await initProject({ dir: tmp.join('p'), source: src, to: 'ko' });
  const project = openProject(tmp.join('p'));
  return { project, items: await loadItems(project), journal: new JournalWriter(project.dir, 'kim') };
}

const mt = mtEvent;
const decision = (item: SourceItem, d: 'transfer' | 'adapt' | 'replace' | 'drop', rationale?: string): NewEvent => ({
  type: 'decision',
  item: item.id,
  sourceHash: item.sourceHash,
  decision: d,
  ...(rationale ? { rationale } : {}),
});

describe('project QA: inputs from the project state', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  // makeRecord(1): "110番に電話するのはどんな時ですか。（1）" / "事件や事故の時は110番に電話してください。（1）"
  const police = { question: '112에 전화해야 하는 때는 언제인가요? (1)', answer: '사건이나 사고가 났을 때는 112에 전화하세요. (1)' };

  // What the checks read: the QA input's intended changes (searched for when first read).
  const intendedChanges = (item: SourceItem, state: ItemState, pack: LocalePack) =>
    qaInputFor(item, state, { pack, packHash: 'sha256:test', sourceLanguage: 'ja', targetLanguage: 'ko' })?.intendedChanges ?? [];

  it('intended changes: the equivalents found in the source, when the decision is adapt or replace', async () => {
    const { project, items, journal } = await newProject(tmp, 2);
    const item = items[1]!;
    await journal.append([mt(item, police.question, police.answer)]);
    let state = (await loadState(project)).states.get(item.id)!;
    assert.equal(departsFromSource(state, KO), false);
    assert.deepEqual(intendedChanges(item, state, KO), []);

    await journal.append([decision(item, 'adapt', 'police number 110 -> 112')]);
    state = (await loadState(project)).states.get(item.id)!;
    assert.deepEqual(intendedChanges(item, state, KO), ['emergency-police']);

    await journal.append([decision(item, 'transfer')]);
    state = (await loadState(project)).states.get(item.id)!;
    assert.deepEqual(intendedChanges(item, state, KO), [], 'under transfer nothing is intended');
  });

  it('intended changes before a decision: a checklist answer that implies adaptation', async () => {
    const { project, items, journal } = await newProject(tmp, 2);
    const item = items[1]!;
    const answer = (a: 'yes' | 'no'): NewEvent => ({
      type: 'checklist',
      item: item.id,
      sourceHash: item.sourceHash,
      question: 'helplines-in-answer',
      answer: a,
    });
    await journal.append([mt(item, police.question, police.answer), answer('no')]);
    assert.deepEqual(intendedChanges(item, (await loadState(project)).states.get(item.id)!, KO), []);
    await journal.append([answer('yes')]);
    assert.deepEqual(intendedChanges(item, (await loadState(project)).states.get(item.id)!, KO), ['emergency-police']);
  });

  it('builds inputs from the current text, MT, decision and rationale; none without target text', async () => {
    const { project, items, journal } = await newProject(tmp, 2);
    await journal.append([
      mt(items[1]!, 'q mt', 'a mt'),
      { type: 'edit', item: items[1]!.id, sourceHash: items[1]!.sourceHash, field: 'answer', text: 'a edited' },
      decision(items[1]!, 'adapt', 'why'),
    ]);
    const { states } = await loadState(project);
    const env = projectQaEnv(project);
    assert.equal(env.packName, 'ko');
    assert.equal(qaInputFor(items[0]!, states.get(items[0]!.id)!, env), undefined);
    const input = qaInputFor(items[1]!, states.get(items[1]!.id)!, env)!;
    assert.deepEqual(
      {
        target: input.target,
        mt: input.mt,
        decision: input.decision,
        rationale: input.rationale,
        from: input.sourceLanguage,
        to: input.targetLanguage,
        intended: input.intendedChanges,
      },
      {
        target: { question: 'q mt', answer: 'a edited' },
        mt: { question: 'q mt', answer: 'a mt' },
        decision: 'adapt',
        rationale: 'why',
        from: 'ja',
        to: 'ko',
        intended: ['emergency-police'],
      },
    );
  });

  it('a number replaced via the locale pack passes under any decision; one the pack does not map is reported', async () => {
    const { project, items, journal } = await newProject(tmp, 2);
    const item = items[1]!;
    await journal.append([mt(item, police.question, police.answer), decision(item, 'adapt', '110 is not the police in Korea')]);
    assert.deepEqual((await runProjectQa(project, { only: ['numbers'] })).findings, []);
    await journal.append([decision(item, 'transfer')]);
    assert.deepEqual((await runProjectQa(project, { only: ['numbers'] })).findings, []);
    await journal.append([{ type: 'edit', item: item.id, sourceHash: item.sourceHash, field: 'answer', text: police.answer.replace('112', '113') }]);
    const r = await runProjectQa(project, { only: ['numbers'] });
    assert.deepEqual(
      r.findings.map((f) => [f.item, f.field, f.check, f.severity]),
      [[item.id, 'answer', 'numbers', 'error']],
    );
    assert.match(r.findings[0]!.message, /"113"/);
    assert.deepEqual(r.itemInfo[item.id], { state: 'adapted', decision: 'transfer' });
  });
});

describe('project QA: runs over a project', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /** 13 items: 12 translated with ordinary lengths, one (index 5) with a far too long answer; the rest untranslated. */
  async function lengthProject() {
    const p = await newProject(tmp, 15);
    const events = p.items.slice(0, 13).map((item, i) => mt(item, ko(i, '질문'), i === 5 ? ko(i, '아주 긴 대답'.repeat(30)) : ko(i, '대답')));
    await p.journal.append(events);
    return p;
  }

  it('checks only items with target text, and counts what it reports', async () => {
    const { project } = await lengthProject();
    const r = await runProjectQa(project);
    assert.equal(r.items, 15);
    assert.equal(r.checked, 13);
    assert.equal(r.localePack, 'ko');
    assert.ok(r.findings.every((f) => !['test-0013', 'test-0014'].includes(f.item)));
    assert.deepEqual(r.counts, {
      error: r.findings.filter((f) => f.severity === 'error').length,
      warning: r.findings.filter((f) => f.severity === 'warning').length,
      info: r.findings.filter((f) => f.severity === 'info').length,
    });
  });

  it('judges lengths against the whole dataset, also when checking one item by ID', async () => {
    const { project } = await lengthProject();
    const all = await runProjectQa(project, { only: ['length-ratio'] });
    assert.deepEqual(
      all.findings.map((f) => [f.item, f.field]),
      [['test-0005', 'answer']],
    );
    // Alone, one item is too few to learn statistics from (LENGTH_MIN_SAMPLES): a finding proves the dataset's were used.
    const one = await runProjectQa(project, { only: ['length-ratio'], ids: ['test-0005'] });
    assert.equal(one.checked, 1);
    assert.deepEqual(one.findings, all.findings);
  });

  it('filters by severity and refuses unknown check or item IDs', async () => {
    const { project } = await lengthProject();
    const errorsOnly = await runProjectQa(project, { minSeverity: 'error' });
    assert.ok(errorsOnly.findings.every((f) => f.severity === 'error'));
    assert.equal(errorsOnly.counts.warning, 0);
    await assert.rejects(
      runProjectQa(project, { only: ['no-such-check'] }),
      (e: unknown) => e instanceof UsageError && /Unknown QA check "no-such-check"/.test((e as Error).message),
    );
    await assert.rejects(
      runProjectQa(project, { ids: ['test-0001', 'nope'] }),
      (e: unknown) => e instanceof UsageError && /Unknown item ID\(s\): nope/.test((e as Error).message),
    );
  });

  it('streamed length statistics and item-by-item QA give what the in-memory run gives', async () => {
    const { project, items } = await lengthProject();
    const { states } = await loadState(project);
    const env = projectQaEnv(project);
    const inputs = items.map((i) => qaInputFor(i, states.get(i.id)!, env)).filter((i): i is QaInput => i !== undefined);
    const expected = computeLengthStats(lengthPairs(inputs));
    assert.ok(expected && expected.count === 26);
    const builder = qaContextBuilder(env);
    const streamed = await loadStateOnly(project, (item, state) => builder.add(item, state));
    assert.deepEqual(streamed.states, states, 'folding item by item while streaming gives the same states');
    const built = builder.done();
    assert.deepEqual(built.ctx.lengthStats, expected);
    // The near-copy verdicts (objects with their own cache and index) are compared through the QA results below.
    const { nearCopies: inMemory, ...inMemoryCtx } = qaContextFor(project, items, states).ctx;
    const { nearCopies: streamedCopies, ...streamedCtx } = built.ctx;
    assert.ok(inMemory && streamedCopies);
    assert.deepEqual(inMemoryCtx, streamedCtx, 'in memory and streamed, the same context');

    const qa = openItemQa(built);
    for (const item of items) qa.check(item, states.get(item.id)!);
    assert.deepEqual(qa.result(), await runProjectQa(project).then((r) => ({ findings: r.findings, counts: r.counts, waivedCounts: r.waivedCounts })));
  });

  it('reports a source-culture leftover on an adapted item (leftovers are never intended)', async () => {
    const src = tmp.json('ac.json', [makeRecord(1)]);
    await initProject({ dir: tmp.join('q'), source: src, to: 'ko' });
    const project = openProject(tmp.join('q'));
    const [item] = await loadItems(project);
    await new JournalWriter(project.dir, 'kim').append([
      mt(item!, '110번에 전화해야 하는 때는 언제인가요? (1)', '사건이나 사고가 났을 때는 112에 전화하세요. (1)'),
      decision(item!, 'adapt', 'police number'),
    ]);
    const r = await runProjectQa(project, { only: ['source-culture-leftover', 'numbers'] });
    assert.deepEqual(
      r.findings.map((f) => [f.check, f.field]),
      [['source-culture-leftover', 'question']],
    );
  });
});
