/** Export and QA through the real CLI: findings on exported records in the card, and --fail-on-qa. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords, mtEvent } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

/**
 * One clock for every JournalWriter of a test, never behind real time: each writer spaces its own
 * events 1 ms apart and can run ahead of the clock, so two writers on the real clock could
 * interleave out of the order the test writes them in.
 */
let clock = 0;
const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));

describe('CLI: export with QA', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const mt = (i: number, question: string, answer: string) => mtEvent(items[i]!, question, answer);
  const approve = (i: number): NewEvent => ({ type: 'review', item: items[i]!.id, sourceHash: items[i]!.sourceHash, verdict: 'approve' });
  const transfer = (i: number): NewEvent => ({ type: 'decision', item: items[i]!.id, sourceHash: items[i]!.sourceHash, decision: 'transfer' });

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(3)), '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim', tick).append([
      mt(0, '비밀번호는 어떻게 만드나요? (0)', '길고 추측하기 어려운 비밀번호를 쓰고, 재사용은 피하십시오. (0)'),
      transfer(0),
      // Item 1 keeps the Japanese police number: a source-culture leftover (error).
      mt(1, '110번에 전화하는 건 어떤 때인가요? (1)', '사건이나 사고가 났을 때는 110번에 전화하십시오. (1)'),
      transfer(1),
      // Item 2 has kana left in it (error), but is not approved, so not exported by default.
      mt(2, '요즘 잠을 잘 못 자요. (2)', '힘들 때는 いのちの電話에 상담할 수 있습니다. (2)'),
      transfer(2),
    ]);
    await new JournalWriter(dir, 'park', tick).append([approve(0), approve(1)]);
  });
  afterEach(() => tmp.remove());

  it('reports the QA findings remaining on the exported records in the dataset card, by severity', async () => {
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--json']);
    assert.equal(ex.code, 0, ex.stderr);
    const r = JSON.parse(ex.stdout);
    assert.equal(r.exported, 2);
    assert.deepEqual(
      r.qa.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { item: string; check: string }) => [f.item, f.check]),
      [
        ['test-0001', 'source-culture-leftover'],
        ['test-0001', 'source-culture-leftover'],
      ],
    );
    assert.ok(
      r.qa.findings.every((f: { item: string }) => f.item !== 'test-0002'),
      'only exported records count',
    );
    const card = readFileSync(tmp.join('out', 'README.md'), 'utf8');
    assert.match(card, /### Quality checks remaining\n\n\| severity \| findings \|\n\|---\|---:\|\n\| error \| 2 \|\n\| warning \| \d+ \|\n\| info \| \d+ \|/);
  });

  it('--fail-on-qa refuses to write anything while errors remain on exported records, and lists them', async () => {
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--fail-on-qa']);
    assert.equal(ex.code, 1);
    assert.match(ex.stderr, /Export refused \(--fail-on-qa\): 2 QA error\(s\) on items that would be exported\. Nothing was written\./);
    assert.match(ex.stderr, /- test-0001 \(question\): source-culture-leftover: Question still has source-culture term "110번"/);
    assert.doesNotMatch(ex.stderr, /test-0002/);
    assert.doesNotMatch(ex.stderr, /ERR_STREAM|internal error/);
    assert.ok(!existsSync(tmp.join('out')) || readdirSync(tmp.join('out')).length === 0, 'nothing written');

    // Fixed (and approved again), the same export goes through.
    return (async () => {
      await new JournalWriter(dir, 'kim', tick).append([
        { type: 'edit', item: items[1]!.id, sourceHash: items[1]!.sourceHash, field: 'question', text: '112에 전화하는 건 어떤 때인가요? (1)' },
        { type: 'edit', item: items[1]!.id, sourceHash: items[1]!.sourceHash, field: 'answer', text: '사건이나 사고가 났을 때는 112에 전화하십시오. (1)' },
        { type: 'decision', item: items[1]!.id, sourceHash: items[1]!.sourceHash, decision: 'adapt', rationale: 'police 110 -> 112' },
      ]);
      await new JournalWriter(dir, 'park', tick).append([approve(1)]);
      const ok = await run(['export', '-p', dir, '--out', tmp.join('out'), '--fail-on-qa']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /Exported 2 record/);
    })();
  });
});
