/**
 * The QA gate through the CLI (issue #10): a correct Korean adaptation passes
 * `check`; intended changes and waivers from an answers file; waived findings
 * listed apart by `check --json`; open flags refuse `export`.
 */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';

interface CheckJson {
  findings: { item: string; check: string; field?: string; severity: string }[];
  counts: Record<string, number>;
  waived: { item: string; check: string; field?: string; waived: { author: string; reason: string } }[];
  waivedCounts: Record<string, number>;
  staleWaivers: { item: string; check: string }[];
}

const RECORDS = [
  makeRecord(0, {
    text: '詐欺の電話がかかってきたらどうすればいいですか。',
    output: '身の危険を感じたら110番へ。つらいときはいのちの電話（0570-783-556）に相談を。2000万円を要求する電話は詐欺です。',
  }),
  makeRecord(1, { text: '何時までに連絡すればいいですか。', output: '午後9時までに窓口へ連絡してください。' }),
  makeRecord(2, { text: 'パスワードの作り方を教えてください。', output: '長いパスワードを使いましょう。' }),
];

const KOREAN = {
  question: '사기 전화가 걸려 오면 어떻게 해야 하나요?',
  answer: '신변의 위험을 느끼면 112에 신고하세요. 힘들 때는 109에 상담하세요. 2억 원을 요구하는 전화는 사기입니다.',
};

describe('QA gate: intended changes, waivers and flags through the CLI', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let project: string;
  const answers = async (name: string, lines: object[]) =>
    run(['adapt', '-p', project, '--as', 'kim', '--answers', tmp.file(name, lines.map((l) => JSON.stringify(l)).join('\n'))]);
  const check = async (): Promise<{ code: number; json: CheckJson }> => {
    const r = await run(['check', '-p', project, '--json']);
    return { code: r.code, json: JSON.parse(r.stdout) as CheckJson };
  };

  beforeEach(async () => {
    tmp = new TempDir();
    project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', tmp.json('ac.json', RECORDS), '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
  });
  afterEach(() => tmp.remove());

  it('a correct Korean adaptation of numbers, help lines and amounts passes check with no error', async () => {
    const r = await answers('a.jsonl', [{ id: 'test-0000', decision: 'adapt', rationale: '110 → 112, いのちの電話 → 109, 円 → 원', ...KOREAN }]);
    assert.equal(r.code, 0, r.stderr);
    const { json } = await check();
    assert.deepEqual(
      json.findings.filter((f) => f.item === 'test-0000' && f.severity === 'error'),
      [],
    );
    // The same answer with a number the pack does not map is an error.
    await answers('b.jsonl', [{ id: 'test-0000', decision: 'adapt', rationale: 'x', answer: KOREAN.answer.replace('109', '1588-0000') }]);
    const after = await check();
    assert.ok(after.json.findings.some((f) => f.item === 'test-0000' && f.check === 'numbers' && f.severity === 'error'));
  });

  it('a declared intended change passes the number check; without it the change is an error', async () => {
    const line = {
      id: 'test-0001',
      decision: 'adapt',
      rationale: '24-hour clock',
      question: '몇 시까지 연락하면 되나요?',
      answer: '21시까지 창구에 연락하세요.',
    };
    await answers('a.jsonl', [line]);
    const numbersOf = (j: CheckJson) => j.findings.filter((f) => f.item === 'test-0001' && f.check === 'numbers');
    assert.equal(numbersOf((await check()).json).length, 1);
    const r = await answers('b.jsonl', [{ ...line, intended: [{ source: '9時', target: '21시', reason: 'Korean offices write the 24-hour clock' }] }]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(numbersOf((await check()).json), []);
  });

  it('a waiver lists the finding apart in check --json, until the text changes', async () => {
    const line = { id: 'test-0001', decision: 'adapt', rationale: 'r', question: '몇 시까지 연락하면 되나요?', answer: '21시까지 창구에 연락하세요.' };
    await answers('a.jsonl', [{ ...line, waive: [{ check: 'numbers', field: 'answer', reason: 'the office hours differ in Korea' }] }]);
    let r = await check();
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.json.waived.map((f) => [f.item, f.check, f.field, f.waived.author, f.waived.reason]),
      [['test-0001', 'numbers', 'answer', 'kim', 'the office hours differ in Korea']],
    );
    assert.equal(r.json.waivedCounts.error, 1);
    assert.ok(!r.json.findings.some((f) => f.check === 'numbers'));
    const text = await run(['check', '-p', project]);
    assert.match(text.stdout, /Waived \(1; not counted\):\n\s+test-0001\s+error\s+answer\s+numbers\s+kim: the office hours differ in Korea/);

    await answers('b.jsonl', [{ ...line, answer: '22시까지 창구에 연락하세요.' }]);
    r = await check();
    assert.equal(r.code, 1);
    assert.deepEqual(r.json.waived, []);
    assert.deepEqual(
      r.json.staleWaivers.map((w) => [w.item, w.check]),
      [['test-0001', 'numbers']],
    );
  });

  it('refuses a waiver of an unknown check or without a reason, naming line and field', async () => {
    const r = await answers('bad.jsonl', [
      { id: 'test-0001', decision: 'transfer', waive: [{ check: 'nope', reason: 'x' }] },
      { id: 'test-0002', decision: 'transfer', waive: [{ check: 'numbers' }], intended: [{ source: '9時', target: '21시' }] },
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /line 1, ID "test-0001", field "waive\[0\]\.check": "nope" is not a QA check/);
    assert.match(r.stderr, /line 2, ID "test-0002", field "waive\[0\]\.reason": Waiving numbers needs a reason/);
    assert.match(r.stderr, /line 2, ID "test-0002", field "intended\[0\]\.reason": .*needs a reason/);
  });

  it('a transfer over QA errors is applied with a warning', async () => {
    const r = await answers('a.jsonl', [{ id: 'test-0001', decision: 'transfer', answer: '21시까지 창구에 연락하세요.' }]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: test-0001: accepted as transfer although 1 QA error\(s\) remain \(numbers\)/);
    const quiet = await answers('b.jsonl', [{ id: 'test-0002', decision: 'transfer' }]);
    assert.doesNotMatch(quiet.stderr, /test-0002: accepted as transfer/);
  });

  it('export refuses items with open flags unless --include-flagged', async () => {
    await answers('a.jsonl', [
      { id: 'test-0000', decision: 'adapt', rationale: 'r', ...KOREAN, flag: 'is 109 still the right number?' },
      { id: 'test-0002', decision: 'transfer' },
    ]);
    const refused = await run(['export', '-p', project, '--out', tmp.join('out'), '--include-unreviewed']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Export refused: 1 item\(s\) to export have open flags/);
    assert.match(refused.stderr, /test-0000: kim: is 109 still the right number\?/);
    assert.doesNotMatch(refused.stderr, /test-0002/);
    const ok = await run(['export', '-p', project, '--out', tmp.join('out'), '--include-unreviewed', '--include-flagged']);
    assert.equal(ok.code, 0, ok.stderr);
  });
});
