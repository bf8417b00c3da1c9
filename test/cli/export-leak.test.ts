/** Export's leak guard against near copies of the source, in any exported field and in provenance. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

describe('CLI: export refuses near copies of the source', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const events = (i: number, question: string, answer: string, rationale?: string): NewEvent[] => {
    const { id: item, sourceHash } = items[i]!;
    return [
      { type: 'mt', item, sourceHash, provider: 'test', label: 'test', isTranslation: true, question, answer },
      { type: 'decision', item, sourceHash, decision: 'transfer', ...(rationale === undefined ? {} : { rationale }) },
      { type: 'review', item, sourceHash, verdict: 'approve' },
    ];
  };
  const ok = (i: number): NewEvent[] => events(i, `비밀번호는 어떻게 만드나요? (${i})`, `긴 비밀번호를 쓰십시오. (${i})`);

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(3)), '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
  });
  afterEach(() => tmp.remove());

  it('names every item and field holding a near copy, and writes nothing', async () => {
    await new JournalWriter(dir, 'kim').append([
      ...ok(0),
      // Item 1: its own question with a Korean word added; item 2: item 0's answer with a zero-width space.
      ...events(1, `${items[1]!.question} 번역`, '사건이 나면 112에 전화하십시오.'),
      ...events(2, '잠을 못 자요.', `長く推測され\u200Bにくいパスワードを使い、 使い回しを避けましょう`),
    ]);
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out')]);
    assert.equal(ex.code, 1, ex.stderr);
    assert.match(ex.stderr, /Export refused: 2 record\(s\)/u);
    assert.match(ex.stderr, /test-0001.*field "text".*the question copies \d+ characters of the source's question/u);
    assert.match(ex.stderr, /test-0002.*field "output".*the answer copies \d+ characters of item test-0000's source answer/u);
    assert.equal(existsSync(tmp.join('out')), false, 'a refused export writes no folder');
  });

  it('refuses a rationale quoting the source, bound for provenance.jsonl', async () => {
    await new JournalWriter(dir, 'kim').append([...ok(0), ...ok(1), ...events(2, '잠을 못 자요.', '상담하십시오.', `原文は「${items[2]!.answer}」`)]);
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out')]);
    assert.equal(ex.code, 1, ex.stderr);
    assert.match(ex.stderr, /test-0002.*field "rationale".*the rationale \(written to provenance\.jsonl\) copies/u);
    assert.equal(existsSync(tmp.join('out')), false, 'a refused export writes no folder');
  });

  it('exports honest translations, and check reports the near copy as an error', async () => {
    await new JournalWriter(dir, 'kim').append([...ok(0), ...ok(1), ...ok(2)]);
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out')]);
    assert.equal(ex.code, 0, ex.stderr);
    // The facts came from this pack: its version and hash are in provenance and the card.
    const prov = JSON.parse(readFileSync(tmp.join('out', 'provenance', 'test.jsonl'), 'utf8').split('\n')[0]!) as { localePack: Record<string, string> };
    assert.equal(prov.localePack.name, 'ko');
    assert.equal(prov.localePack.version, '2026-11-29');
    assert.match(prov.localePack.hash!, /^sha256:[0-9a-f]{64}$/u);
    assert.match(readFileSync(tmp.join('out', 'README.md'), 'utf8'), /\| locale pack \| ko 2026-11-29 \(sha256:[0-9a-f]{12}\) \|/u);
    await new JournalWriter(dir, 'kim').append(events(1, `${items[1]!.question} 번역`, '전화하십시오.'));
    const check = await run(['check', '-p', dir, '--json']);
    const findings = JSON.parse(check.stdout).findings as { item: string; check: string; field: string }[];
    assert.deepEqual(
      findings.filter((f) => f.check === 'source-near-copy').map((f) => [f.item, f.field]),
      [['test-0001', 'question']],
    );
  });
});
