/**
 * The compact fold of export and report (foldWithSource by default): MT and
 * edit texts stay in the journal and each item's events are read back when
 * its state is handed over. Every state must equal the full fold's
 * (keepTexts), whichever file and line the deciding events are on.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { foldWithSource, loadItems, openProject } from '../../src/project/project.js';
import type { SourceItem } from '../../src/dataset/item.js';
import type { ItemState } from '../../src/project/state.js';
import { eventId } from '../../src/project/event-order.js';
import { ProjectError } from '../../src/errors.js';

let n = 0;
/** A journal line: a version 2 event one second after the previous one. */
function line(author: string, item: SourceItem, e: Record<string, unknown>): string {
  const ts = new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString();
  return JSON.stringify({ v: 2, ts, c: 0, author, item: item.id, sourceHash: item.sourceHash, ...e });
}
const mt = (item: SourceItem, q: string, a: string) =>
  line('bot', item, { type: 'mt', provider: 'pseudo', label: 'pseudo', isTranslation: false, question: q, answer: a });

describe('compact fold (texts read back from the journal)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];

  const checkpoint = () => path.join(dir, 'cache', 'journal-state.jsonl');
  /** Folded from the journal alone unless `fromCheckpoint`: a checkpoint would give every text without a place read back. */
  const states = async (keepTexts: boolean, fromCheckpoint = false) => {
    if (!fromCheckpoint) rmSync(checkpoint(), { force: true });
    const seen = new Map<string, ItemState>();
    const r = await foldWithSource(openProject(dir), (item, state) => void seen.set(item.id, state), {
      keepTexts,
      onFolded: () => ({ release: true }),
    });
    return { seen, r };
  };
  const journal = (author: string) => path.join(dir, 'journal', `${author}.jsonl`);

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    const source = tmp.json('ac.json', makeRecords(6));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
    const [a, b, c, d] = items as [SourceItem, SourceItem, SourceItem, SourceItem];
    const bot = [mt(a, '질문 A', '답변 A'), mt(b, '질문 B', '답변 B'), mt(c, '질문 C', '답변 C'), mt(d, '질문 D', '답변 D')];
    const kim = [
      // The answer's text is in kim's file, the question's and the MT's in bot's.
      line('kim', a, { type: 'edit', field: 'answer', text: '김의 답변 A' }),
      line('kim', a, { type: 'decision', decision: 'transfer' }),
      line('kim', c, { type: 'decision', decision: 'adapt', rationale: '110 -> 112' }),
    ];
    // A later MT of b replaces the earlier one: the place kept must move with it.
    const bot2 = [mt(b, '질문 B2', '답변 B2')];
    const lee = [
      line('lee', a, { type: 'edit', field: 'question', text: '이의 질문 A' }),
      // Neither saw kim's decision on c: a conflict.
      line('lee', c, { type: 'decision', decision: 'drop', rationale: 'no counterpart' }),
      line('lee', d, { type: 'edit', field: 'question', text: '이의 질문 D' }),
    ];
    // Blank lines and a torn last line shift line numbers: places must count them as the journal reader does.
    writeFileSync(journal('bot'), `${bot.join('\n')}\n\n${bot2.join('\n')}\n`);
    writeFileSync(journal('kim'), `\n${kim.join('\n')}\n`);
    writeFileSync(journal('lee'), `${lee.join('\n')}\n{"v":2,"ts":"2026-01-0`);
  });
  afterEach(() => tmp.remove());

  it('hands over the states of the full fold, texts from whichever file and line set them', async () => {
    const full = await states(true);
    const compact = await states(false);
    assert.deepEqual([...compact.seen], [...full.seen]);
    assert.deepEqual(compact.r.warnings, full.r.warnings);
    const [a, b, c, d] = items.map((i) => compact.seen.get(i.id)!);
    assert.equal(a!.question, '이의 질문 A');
    assert.equal(a!.answer, '김의 답변 A');
    assert.deepEqual([a!.mt?.question, a!.mt?.answer], ['질문 A', '답변 A']);
    assert.deepEqual(a!.edited, { question: true, answer: true });
    assert.deepEqual([b!.question, b!.mt?.answer, b!.state], ['질문 B2', '답변 B2', 'translated']);
    assert.equal(c!.state, 'conflict');
    assert.deepEqual(
      c!.conflict?.map((x) => x.decision),
      ['adapt', 'drop'],
    );
    assert.deepEqual([d!.question, d!.answer], ['이의 질문 D', '답변 D']);
    assert.equal(compact.seen.get(items[4]!.id)!.state, 'untranslated');
  });

  it('reads on from a checkpoint: texts kept in it and texts placed after it both come out', async () => {
    // Without the torn line, and with journal lines enough for a checkpoint to pay (journal-fold.ts), the full fold writes one.
    writeFileSync(journal('lee'), readFileSync(journal('lee'), 'utf8').replace(/\n[^\n]*$/, '\n'));
    for (let k = 0; k < 40; k++) appendFileSync(journal('bot'), `${mt(items[5]!, `질문 F${k}`, `답변 F${k}`)}\n`);
    await states(true);
    assert.ok(existsSync(checkpoint()), 'the full fold wrote a checkpoint');
    const saved = readFileSync(checkpoint());
    appendFileSync(journal('bot'), `${mt(items[4]!, '질문 E', '답변 E')}\n`);
    appendFileSync(journal('kim'), `${line('kim', items[1]!, { type: 'edit', field: 'answer', text: '김의 답변 B' })}\n`);
    const compact = await states(false, true);
    const full = await states(true);
    assert.deepEqual([...compact.seen], [...full.seen]);
    const [a, b, , , e] = items.map((i) => compact.seen.get(i.id)!);
    assert.deepEqual([a!.question, a!.answer], ['이의 질문 A', '김의 답변 A'], 'texts from the checkpoint');
    assert.deepEqual([b!.question, b!.answer], ['질문 B2', '김의 답변 B'], 'an edit placed after the checkpoint over its MT');
    assert.deepEqual([e!.question, e!.mt?.answer], ['질문 E', '답변 E'], 'an MT placed after the checkpoint');
    // The texts after the checkpoint were read back from the journal (a rewrite is noticed), not kept.
    writeFileSync(checkpoint(), saved);
    await assert.rejects(
      foldWithSource(openProject(dir), () => undefined, { onFolded: () => writeFileSync(journal('bot'), '\n') }),
      (err: unknown) => err instanceof ProjectError && /bot\.jsonl line \d+ no longer holds/.test(err.message),
    );
  });

  it('reads back lines longer than its read window, and the line after one', async () => {
    const long = '가'.repeat(200_000); // 600 KB of UTF-8: longer than the 256 KiB window
    writeFileSync(journal('bot'), `${mt(items[0]!, '질문 A', long)}\n${mt(items[1]!, '질문 B', '답변 B')}\n${mt(items[2]!, long, '답변 C')}`);
    const compact = await states(false);
    assert.deepEqual([...compact.seen], [...(await states(true)).seen]);
    const [a, b, c] = items.map((i) => compact.seen.get(i.id)!);
    assert.equal(a!.mt?.answer, long);
    assert.deepEqual([b!.mt?.question, b!.mt?.answer], ['질문 B', '답변 B']);
    assert.equal(c!.mt?.question, long, 'a long last line without a newline');
  });

  it('gives the same states when an undo makes the journal be read whole (no places)', async () => {
    const kimEvents = (await states(true)).seen.get(items[0]!.id)!;
    assert.equal(kimEvents.decision?.decision, 'transfer');
    const decision = { author: 'kim', ts: kimEvents.decision.ts, c: 0 };
    appendFileSync(journal('kim'), `${line('kim', items[0]!, { type: 'undo', undoes: eventId(decision) })}\n`);
    const full = await states(true);
    const compact = await states(false);
    assert.deepEqual([...compact.seen], [...full.seen]);
    const a = compact.seen.get(items[0]!.id)!;
    assert.equal(a.decision, undefined, 'the undone decision is left out');
    assert.deepEqual([a.question, a.answer], ['이의 질문 A', '김의 답변 A']);
  });

  it('refuses, naming the file and line, when the journal is rewritten before the texts are read back', async () => {
    await assert.rejects(
      foldWithSource(openProject(dir), () => undefined, {
        onFolded: () => {
          // A checkout puts other content where the folded events were.
          writeFileSync(journal('bot'), `${mt(items[5]!, 'x', 'y')}\n`);
        },
      }),
      (e: unknown) => e instanceof ProjectError && /journal[/\\]bot\.jsonl line 1 no longer holds the event of item/.test(e.message),
    );
  });
});
