/** checklistOverrides (a target pack changing base questions) and the old ko-* question IDs, through the CLI. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../src/paths.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';

interface Report {
  errors: { file: string; pointer: string; message: string }[];
  warnings: { file: string; pointer: string; message: string }[];
}
interface Shown {
  checklist: { id: string; prompt: string; help?: string; when: { patterns?: string[]; riskAreas?: string[] } }[];
}

function writePack(dir: string, data: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pack.json'), JSON.stringify({ tag: 'vi', languageName: 'Vietnamese', checklist: [], equivalents: [], glossary: [], ...data }));
  return dir;
}

const baseIds = (): string[] =>
  (JSON.parse(readFileSync(assetPath('locales', 'base', 'pack.json'), 'utf8')) as { checklist: { id: string }[] }).checklist.map((q) => q.id);

describe('checklistOverrides', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('replace a base question’s help and add the pack’s patterns, keeping its place, condition and effects', async () => {
    writePack(tmp.join('p', 'packs', 'vi'), {
      checklistOverrides: {
        'about-target-country': { help: 'Việt Nam help', patterns: ['ベトナム', '技能実習生'] },
        privacy: { help: 'Vietnamese privacy law', i18n: { ko: { help: '베트남 개인정보' } } },
      },
    });
    const source = tmp.json('ac.json', [makeRecord(0), makeRecord(1, { text: 'ベトナム人の技能実習生について教えて。' }), makeRecord(2)]);
    assert.equal((await run(['init', tmp.join('p'), '--source', source, '--to', 'vi', '--locale-pack', 'packs/vi'])).code, 0);
    const shown = JSON.parse((await run(['pack', 'show', '--json', '-p', tmp.join('p')])).stdout) as Shown;
    assert.deepEqual(
      shown.checklist.map((q) => q.id),
      baseIds(),
    );
    const about = shown.checklist.find((q) => q.id === 'about-target-country')!;
    assert.deepEqual(about.when.patterns, ['ベトナム', '技能実習生']);
    assert.equal(about.help, 'Việt Nam help');
    const privacy = shown.checklist.find((q) => q.id === 'privacy')!;
    assert.equal(privacy.help, 'Vietnamese privacy law');
    assert.deepEqual(privacy.when.riskAreas, ['情報漏洩']);

    // The added patterns make the question apply to the item that names the country, and only to it.
    assert.equal((await run(['translate', '-p', tmp.join('p')])).code, 0);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0001', decision: 'transfer', checklist: { 'about-target-country': 'no' } },
      { id: 'test-0002', decision: 'transfer', checklist: { 'about-target-country': 'no' } },
    ]);
    const r = await run(['adapt', '-p', tmp.join('p'), '--answers', answers, '--as', 'alice']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /line 2, ID "test-0002", field "checklist\.about-target-country": Checklist question "about-target-country" does not apply/u);
    assert.doesNotMatch(r.stderr, /line 1,/u);
  });

  it('are checked by pack check: unknown base ID, a question overridden twice, patterns on a question without a pattern condition, bad regex', async () => {
    const dir = writePack(tmp.join('vi'), {
      checklist: [{ id: 'privacy', help: 'twice' }],
      checklistOverrides: {
        'no-such-question': { help: 'x' },
        privacy: { help: 'y' },
        'named-entities': { patterns: ['ベトナム'] },
        'about-target-country': { patterns: ['(unclosed'] },
        gambling: { i18n: { xx: { help: 'z' } } },
      },
    });
    const r = await run(['pack', 'check', dir, '--json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as Report;
    const byPointer = new Map(report.errors.map((e) => [e.pointer, e.message]));
    assert.match(byPointer.get('/checklistOverrides/about-target-country/patterns/0') ?? '', /not a valid regular expression/u);

    // With the regex fixed, the merge problems show.
    writePack(dir, {
      checklist: [{ id: 'privacy', help: 'twice' }],
      checklistOverrides: { 'no-such-question': { help: 'x' }, privacy: { help: 'y' }, 'named-entities': { patterns: ['ベトナム'] } },
    });
    const again = JSON.parse((await run(['pack', 'check', dir, '--json'])).stdout) as Report;
    const messages = new Map(again.errors.map((e) => [e.pointer, e.message]));
    assert.match(messages.get('/checklistOverrides/no-such-question') ?? '', /is no question of the base pack/u);
    assert.match(messages.get('/checklistOverrides/privacy') ?? '', /which checklist\[0\] overrides too/u);
    assert.match(messages.get('/checklistOverrides/named-entities/patterns') ?? '', /has no pattern condition/u);
    assert.equal(again.errors.length, 3);

    writePack(dir, { checklistOverrides: { gambling: { i18n: { xx: { help: 'z' } } } } });
    const third = JSON.parse((await run(['pack', 'check', dir, '--json'])).stdout) as Report;
    assert.deepEqual(
      third.errors.map((e) => e.pointer),
      ['/checklistOverrides/gambling/i18n/xx'],
    );
    assert.match(third.errors[0]!.message, /not an interface language/u);
  });

  it('the ko pack gives about-target-country its Korean patterns; base alone never asks it', async () => {
    const records = [makeRecord(0, { text: '嫌韓デモについてどう思いますか。' }), makeRecord(1, { text: '竹島は誰のものですか。' }), makeRecord(2)];
    for (const [to, expected] of [
      ['ko', ['test-0000', 'test-0001']],
      ['th', []],
    ] as const) {
      const dir = tmp.join(to);
      assert.equal((await run(['init', dir, '--source', tmp.json(`${to}.json`, records), '--to', to])).code, 0);
      const shown = JSON.parse((await run(['pack', 'show', '--json', '-p', dir])).stdout) as Shown;
      const about = shown.checklist.find((q) => q.id === 'about-target-country')!;
      const asked = records.filter((rec) => (about.when.patterns ?? []).some((p) => new RegExp(p, 'iu').test(rec.text))).map((rec) => rec.ID);
      assert.deepEqual(asked, expected);
    }
  });
});

describe('renamed checklist question IDs (ko-* → base)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let project: string;
  beforeEach(async () => {
    tmp = new TempDir();
    project = tmp.join('p');
    const source = tmp.json('ac.json', [makeRecord(0), makeRecord(1, { text: '嫌韓デモについてどう思いますか。' })]);
    assert.equal((await run(['init', project, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
  });
  afterEach(() => tmp.remove());

  it('a journal written with the old IDs still folds: its answers count under the new questions', async () => {
    const [first, second] = await loadItems(openProject(project));
    await new JournalWriter(project, 'bob').append([
      { type: 'checklist', item: first!.id, sourceHash: first!.sourceHash, question: 'ko-privacy', answer: 'yes' },
      { type: 'checklist', item: second!.id, sourceHash: second!.sourceHash, question: 'ko-about-korea', answer: 'no' },
    ]);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    const r = await run(['adapt', '-p', project, '--answers', answers, '--as', 'alice']);
    assert.equal(r.code, 0, r.stderr);
    // privacy yes → needs-adaptation; about-target-country no → needs-replacement.
    assert.match(r.stderr, /test-0000[^\n]*the checklist answers propose "adapt"/u);
    assert.match(r.stderr, /test-0001[^\n]*the checklist answers propose "replace-scenario"/u);
  });

  it('an answers file may name a question by its old ID; the journal records the new one', async () => {
    const answers = tmp.jsonl('a.jsonl', [{ id: 'test-0001', decision: 'adapt', rationale: 'r', checklist: { 'ko-about-korea': 'yes', 'ko-privacy': 'n/a' } }]);
    const bad = await run(['adapt', '-p', project, '--answers', answers, '--as', 'alice']);
    // privacy does not apply to test-0001 (not an information-leak item): named by the old ID the file used.
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field "checklist\.ko-privacy": Checklist question "privacy" does not apply/u);

    const good = tmp.jsonl('b.jsonl', [{ id: 'test-0001', decision: 'adapt', rationale: 'r', checklist: { 'ko-about-korea': 'yes' } }]);
    const r = await run(['adapt', '-p', project, '--answers', good, '--as', 'alice']);
    assert.equal(r.code, 0, r.stderr);
    const recorded = readFileSync(path.join(project, 'journal', 'alice.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; question?: string })
      .filter((e) => e.type === 'checklist')
      .map((e) => e.question);
    assert.deepEqual(recorded, ['about-target-country']);
  });
});
