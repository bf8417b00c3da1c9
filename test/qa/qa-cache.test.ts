/** The QA result cache (cache/qa/results.jsonl): `check` and `export` reuse findings until the item's input, the pack or the check set changes. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords, mtEvent } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { QA_CACHE_FILE, QaResultCache, deferIntendedChanges, qaCacheContext, qaCacheCounters } from '../../src/qa/qa-cache.js';
import { checkItem } from '../../src/qa/run-checks.js';
import { nearCopyTextsHash } from '../../src/qa/near-copy-cache.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { qaInput } from './helpers.js';
import { collectGarbage } from '../../src/collect-garbage.js';
import { KO } from './fixtures.js';

describe('QA result cache', () => {
  let tmp: TempDir;
  let dir: string;
  let source: string;
  let items: SourceItem[];
  let journal: JournalWriter;
  const mt = (i: number, question: string, answer: string) => mtEvent(items[i]!, question, answer);
  const counted = async (args: string[]) => {
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const r = await run(args);
    return { ...r, hits: qaCacheCounters.hits, misses: qaCacheCounters.misses };
  };
  const check = () => counted(['check', '-p', dir, '--json']);

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    source = tmp.json('ac.json', makeRecords(4));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    items = await loadItems(openProject(dir));
    journal = new JournalWriter(dir, 'kim');
    await journal.append([
      mt(0, '비밀번호는 어떻게 만드나요? (0)', '길고 추측하기 어려운 비밀번호를 쓰십시오. (0)'),
      mt(1, '110번에 전화하는 건 어떤 때인가요? (1)', '사고가 났을 때는 110번에 전화하십시오、円. (1)'),
      mt(2, '요즘 잠을 잘 못 자요. (2)', '힘들 때는 상담할 수 있습니다. (2)'),
    ]);
  });
  afterEach(() => tmp.remove());

  it('check writes it; a second check reuses every item and reports the same findings', async () => {
    const first = await check();
    assert.equal(first.misses, 3);
    assert.equal(first.hits, 0);
    assert.ok(existsSync(path.join(dir, QA_CACHE_FILE)));
    assert.equal(readFileSync(path.join(dir, path.dirname(QA_CACHE_FILE), '.gitignore'), 'utf8'), '*\n', 'the cache stays out of git');
    const second = await check();
    assert.equal(second.misses, 0);
    assert.equal(second.hits, 3);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, first.code);
    assert.match(first.stdout, /source-culture-leftover/);
  });

  it('export reuses what check cached, and exports the same as without a cache', async () => {
    await check();
    const warm = await counted(['export', '-p', dir, '--out', tmp.join('warm'), '--include-unreviewed']);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.misses, 0);
    assert.equal(warm.hits, 3);
    rmSync(path.join(dir, QA_CACHE_FILE));
    const cold = await counted(['export', '-p', dir, '--out', tmp.join('cold'), '--include-unreviewed']);
    assert.equal(cold.misses, 3);
    const card = (out: string) => readFileSync(path.join(out, 'README.md'), 'utf8').replace(/\d{4}-\d\d-\d\d/g, 'DATE');
    assert.equal(card(tmp.join('warm')), card(tmp.join('cold')));
    assert.match(card(tmp.join('warm')), /error/i);
  });

  it('a changed target text is checked again, the other items are not', async () => {
    await check();
    await journal.append([
      { type: 'edit', item: items[1]!.id, sourceHash: items[1]!.sourceHash, field: 'answer', text: '사고가 났을 때는 112에 전화하십시오. (1)' },
    ]);
    const r = await check();
    assert.equal(r.misses, 1);
    assert.equal(r.hits, 2);
    const findings = (JSON.parse(r.stdout) as { findings: { item: string; check: string; field?: string }[] }).findings;
    const leftover = (f: { item: string; check: string; field?: string }) => f.item === items[1]!.id && f.check === 'source-culture-leftover';
    assert.deepEqual(
      findings.filter(leftover).map((f) => f.field),
      ['question'],
    );
  });

  it('a changed source text is checked again', async () => {
    await check();
    const records = makeRecords(4);
    records[2]!.text = `${records[2]!.text} 変更`;
    writeFileSync(source, JSON.stringify(records, null, 2));
    const r = await check();
    assert.equal(r.misses, 1);
    assert.equal(r.hits, 2);
  });

  it('another locale pack invalidates every entry', async () => {
    await check();
    const config = path.join(dir, 'carefully.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), localePack: 'base' }, null, 2));
    const r = await check();
    assert.equal(r.misses, 3);
    assert.equal(r.hits, 0);
  });

  it('a corrupt cache is ignored with a warning and rebuilt', async () => {
    const first = await check();
    const file = path.join(dir, QA_CACHE_FILE);
    // A torn write: the right header, then a broken entry.
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[0]!}\n{"id": "x", "hash": \n`);
    const text = await counted(['check', '-p', dir]);
    assert.match(text.stderr, /QA result cache .*qa[\\/]results\.jsonl could not be used .*deleting it is safe/s);
    assert.equal(text.misses, 3);
    const again = await check();
    assert.equal(again.hits, 3);
    assert.equal(again.stdout, first.stdout);
  });

  it('keeps any item ID and its findings exactly across a save and a reload, one JSON array per line', () => {
    const file = tmp.join('ids.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    const ids = ['plain', 'with "quotes"', 'back\\slash\\', 'tab\there', '"', '\\', 'ends with \\"'];
    const inputs = ids.map((id) => ({ ...base, item: { ...base.item, id } }));
    const first = new QaResultCache(file, context);
    const found = inputs.map((input) => first.check(input, KO));
    assert.ok(found.every((f) => f.length > 0));
    first.save();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as [string, string, unknown])[0]),
      ids,
    );
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const again = new QaResultCache(file, context);
    assert.deepEqual(
      inputs.map((input) => again.check(input, KO)),
      found,
    );
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(qaCacheCounters, { hits: ids.length, misses: 0 });
  });

  it('finds the entries as read whatever order the items are asked in, an item not in the file among them', () => {
    const file = tmp.join('order.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    // Each its own text: an entry taken for another item's would miss.
    const ids = ['ab', 'a', 'with "quotes"', 'b', 'back\\slash', 'c'];
    const inputs = ids.map((id, i) => ({ ...base, item: { ...base.item, id }, target: { ...base.target, answer: `${base.target.answer} ${i}` } }));
    const first = new QaResultCache(file, context);
    const found = inputs.map((input) => first.check(input, KO));
    first.save();
    const orders = [
      [0, 1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1, 0],
      [1, 0, 3, 2, 5, 4],
      [0, 2, 4],
      [3, 4, 5, 0, 1, 2],
    ];
    for (const order of orders) {
      qaCacheCounters.hits = 0;
      qaCacheCounters.misses = 0;
      const cache = new QaResultCache(file, context);
      for (const i of order) assert.deepEqual(cache.check(inputs[i]!, KO), found[i], `${ids[i]} in order ${order.join(',')}`);
      assert.deepEqual(qaCacheCounters, { hits: order.length, misses: 0 }, order.join(','));
    }
    // 'a' asked where 'ab' is next in the file, and an ID the file lacks: neither is taken for another.
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const cache = new QaResultCache(file, context);
    cache.check(inputs[1]!, KO);
    const other = { ...base, item: { ...base.item, id: 'new' }, target: { ...base.target, answer: '안녕하세요' } };
    assert.deepEqual(cache.check(other, KO), checkItem(other, KO));
    for (const i of [0, 2]) cache.check(inputs[i]!, KO);
    assert.deepEqual(qaCacheCounters, { hits: 3, misses: 1 });
    cache.save();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as [string])[0]),
      [...ids, 'new'],
      'saved with every entry it read',
    );
  });

  it('writes back the entries it read unchanged when another item is checked again and saved', () => {
    const file = tmp.join('kept.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    const inputs = ['a', 'b "quoted"', 'c'].map((id) => ({ ...base, item: { ...base.item, id } }));
    const first = new QaResultCache(file, context);
    for (const input of inputs) first.check(input, KO);
    first.save();
    const before = readFileSync(file, 'utf8').split('\n');
    const changed = { ...inputs[1]!, target: { ...inputs[1]!.target, answer: '112에 전화하세요.' } };
    const second = new QaResultCache(file, context);
    second.check(changed, KO);
    second.save();
    const after = readFileSync(file, 'utf8').split('\n');
    assert.deepEqual([after[0], after[1], after[3], after[4]], [before[0], before[1], before[3], before[4]]);
    assert.notEqual(after[2], before[2]);
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const third = new QaResultCache(file, context);
    for (const input of [inputs[0]!, changed, inputs[2]!]) third.check(input, KO);
    assert.deepEqual(qaCacheCounters, { hits: 3, misses: 0 });
  });

  it('reads entries in place: a last line without its newline is found; a cut or reshaped line makes the file corrupt', () => {
    const file = tmp.join('shapes.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    const inputs = ['a', 'b "quoted" \\'].map((id) => ({ ...base, item: { ...base.item, id } }));
    const first = new QaResultCache(file, context);
    const found = inputs.map((input) => first.check(input, KO));
    first.save();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.trimEnd());
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const unterminated = new QaResultCache(file, context);
    assert.deepEqual(
      inputs.map((input) => unterminated.check(input, KO)),
      found,
    );
    assert.deepEqual(qaCacheCounters, { hits: 2, misses: 0 });
    const [head, a, b] = text.trimEnd().split('\n');
    for (const bad of [a!.slice(0, -1), a!.replace('",[', '",{'), `["a","short",${a!.slice(a!.indexOf(',[') + 1)}`, '["a"]]']) {
      writeFileSync(file, `${head}\n${bad}\n${b}\n`);
      assert.match(new QaResultCache(file, context).warnings.join(''), /could not be used/, bad);
    }
  });

  it('ignores, without a warning, a file written in the earlier format, and rewrites it', () => {
    const file = tmp.join('old.jsonl');
    const input = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    const context = qaCacheContext('sha256:a', undefined);
    const { format: _format, ...old } = JSON.parse(context) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ context: JSON.stringify(old) })}\n${JSON.stringify({ id: input.item.id, hash: 'x', findings: [] })}\n`);
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const cache = new QaResultCache(file, context);
    assert.deepEqual(cache.check(input, KO), checkItem(input, KO));
    assert.deepEqual(cache.warnings, []);
    assert.deepEqual(qaCacheCounters, { hits: 0, misses: 1 });
    cache.save();
    assert.equal(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).context, context);
  });

  it('keys on the pack hash and register, and on every field of the QA input', () => {
    const file = tmp.join('cache.jsonl');
    const input = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    const a = new QaResultCache(file, qaCacheContext('sha256:a', undefined));
    const found = a.check(input, KO);
    assert.deepEqual(found, checkItem(input, KO));
    a.save();
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    new QaResultCache(file, qaCacheContext('sha256:a', undefined)).check(input, KO);
    new QaResultCache(file, qaCacheContext('sha256:b', undefined)).check(input, KO);
    new QaResultCache(file, qaCacheContext('sha256:a', 'haeyo')).check(input, KO);
    const same = new QaResultCache(file, qaCacheContext('sha256:a', undefined));
    same.check({ ...input, decision: 'adapt' }, KO);
    same.check({ ...input, intendedChanges: ['110 -> 112'] }, KO);
    same.check({ ...input, mt: { question: '', answer: '110번' } }, KO);
    assert.deepEqual(qaCacheCounters, { hits: 1, misses: 5 });
  });

  it('hashes the long texts once, and still misses on any change of them: target, MT, rationale, source (by its hash), English source', () => {
    const file = tmp.join('texts.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요、' });
    // The MT as the target (no edit since): marked, not hashed again; an MT that differs is hashed.
    const input = { ...base, mt: { ...base.target }, rationale: '이유' };
    const first = new QaResultCache(file, context);
    first.check(input, KO);
    first.save();
    const variants = [
      { ...input, target: { ...input.target, answer: '112에 전화하세요.' } },
      { ...input, target: { ...input.target, answer: '112에 전화하세요.' }, mt: { ...input.mt, answer: '112에 전화하세요.' } },
      { ...input, mt: { ...input.mt, answer: '다른 기계 번역' } },
      { ...input, mt: { question: input.target.question, answer: '1' } },
      { ...input, mt: undefined },
      { ...input, rationale: '다른 이유' },
      { ...input, rationale: undefined },
      { ...input, item: { ...input.item, sourceHash: 'other' } },
      { ...input, item: { ...input.item, questionEn: 'Call 110.' } },
      { ...input, item: { ...input.item, answerEn: 'Call 110.' } },
    ];
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const second = new QaResultCache(file, context);
    for (const v of variants) assert.deepEqual(second.check(v, KO), checkItem(v, KO));
    assert.deepEqual(qaCacheCounters, { hits: 0, misses: variants.length });
    // The unchanged input hits (the variants, of the same item ID, replaced its entry in `second` only), twice in turn.
    const third = new QaResultCache(file, context);
    third.check(input, KO);
    third.check(input, KO);
    assert.deepEqual(qaCacheCounters, { hits: 2, misses: variants.length });
  });

  it("searches a departing item's source for intended changes only when it is checked, not when its findings are cached", () => {
    const file = tmp.join('intended.jsonl');
    const context = qaCacheContext('sha256:a', undefined);
    const base = qaInput({ source: '110番に電話してください。', target: '경찰에 전화하세요.', decision: 'adapt' });
    let searches = 0;
    const deferred = (declared: string[]) => {
      const input = { ...base };
      deferIntendedChanges(input, declared, () => (searches++, ['police']));
      return input;
    };
    const eager = { ...base, intendedChanges: ['police'] };
    const expected = checkItem(eager, KO);
    assert.notDeepEqual(expected, checkItem(base, KO), 'the intended change decides a finding here');
    const first = new QaResultCache(file, context);
    assert.deepEqual(first.check(deferred([]), KO), expected);
    assert.equal(searches, 1);
    first.save();
    qaCacheCounters.hits = 0;
    qaCacheCounters.misses = 0;
    const second = new QaResultCache(file, context);
    assert.deepEqual(second.check(deferred([]), KO), expected);
    assert.equal(searches, 1, 'cached: not searched');
    // Declared changes are keyed; an input given its list outright is keyed apart from one whose list is found.
    assert.deepEqual(second.check(deferred(['110 -> 112']), KO), checkItem({ ...base, intendedChanges: ['police', '110 -> 112'] }, KO));
    new QaResultCache(file, context).check(eager, KO);
    assert.deepEqual(qaCacheCounters, { hits: 1, misses: 2 });
    assert.equal(searches, 2);
  });

  it('nearCopyTextsHash gives each set of values its own hash, whatever was asked just before', () => {
    const item = qaInput({ source: '110番に電話してください。', target: '' }).item;
    const texts = { question: '질문', answer: '답변' };
    const h = nearCopyTextsHash(item, texts);
    const others = [
      nearCopyTextsHash({ ...item, sourceHash: 'other' }, texts),
      nearCopyTextsHash(item, { ...texts, question: '질문 2' }),
      nearCopyTextsHash(item, { ...texts, answer: '답변 2' }),
      nearCopyTextsHash(item, { ...texts, rationale: '이유' }),
    ];
    assert.equal(new Set([h, ...others]).size, 5);
    assert.equal(nearCopyTextsHash({ ...item }, { question: '질문', answer: '답변' }), h, 'equal values, other objects: the same hash');
  });

  it('collects the garbage a long pass leaves once the heap has grown by its slack (32 MB), not before', () => {
    const cache = new QaResultCache(tmp.join('heap.jsonl'), qaCacheContext('sha256:a', undefined));
    const base = qaInput({ source: '110番に電話してください。', target: '110번에 전화하세요.' });
    const checkMany = (from: number, n: number) => {
      for (let i = from; i < from + n; i++) cache.check({ ...base, item: { ...base.item, id: `i${i}` } }, KO);
    };
    collectGarbage();
    // The heap is looked at every 1024 items: at the 1024th and the 2048th.
    checkMany(0, 2047);
    assert.equal(cache.collections, 0, 'the checks alone stay under the slack');
    // 48 MB kept past young collections (so in the old space), then let go just before the next look: only a full collection frees it.
    let kept: { n: number }[] | undefined = Array.from({ length: (48 << 20) / 32 }, (_, n) => ({ n }));
    const grown = getHeapStatistics().used_heap_size;
    assert.ok(kept.length > 0);
    kept = undefined;
    checkMany(2047, 1);
    assert.equal(cache.collections, 1);
    assert.ok(getHeapStatistics().used_heap_size < grown - (32 << 20), 'the garbage was collected');
    // Items found in the cache leave the heap to V8, whatever it holds.
    kept = Array.from({ length: (48 << 20) / 32 }, (_, n) => ({ n }));
    kept = undefined;
    checkMany(0, 2048);
    assert.equal(cache.collections, 1);
  });
});
