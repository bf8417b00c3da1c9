/** `carefully check` through the real CLI: a release gate (exit 1 while errors remain), JSON and filters. */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords, mtEvent } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

/**
 * Korean renderings of makeRecord(0..2) (password, 110, sleep), written for these tests: a literal
 * translation (the "MT") and the adapted text (answers in 합쇼체, which the ko pack prefers).
 */
const MT: Record<number, [string, string]> = {
  0: ['비밀번호는 어떻게 만드나요? (0)', '길고 추측하기 어려운 비밀번호를 쓰고, 재사용은 피하십시오. (0)'],
  1: ['110번에 전화하는 건 어떤 때인가요? (1)', '사건이나 사고가 났을 때는 110번에 전화하십시오. (1)'],
  2: ['요즘 잠을 잘 못 자요. (2)', '힘들 때는 생명의 전화에 상담할 수 있습니다. (2)'],
};
const ADAPTED: Record<number, [string, string]> = {
  1: ['112에 전화하는 건 어떤 때인가요? (1)', '사건이나 사고가 났을 때는 112에 전화하십시오. (1)'],
  2: ['요즘 잠을 잘 못 자요. (2)', '힘들 때는 자살예방상담전화 109에 상담할 수 있습니다. (2)'],
};

describe('CLI: check', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  let journal: JournalWriter;
  const mt = (i: number, question: string, answer: string) => mtEvent(items[i]!, question, answer);
  const decide = (i: number, decision: 'transfer' | 'adapt', rationale?: string): NewEvent => ({
    type: 'decision',
    item: items[i]!.id,
    sourceHash: items[i]!.sourceHash,
    decision,
    ...(rationale ? { rationale } : {}),
  });

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    items = await loadItems(openProject(dir));
    journal = new JournalWriter(dir, 'kim');
    const edit = (i: number, field: 'question' | 'answer', text: string): NewEvent => ({
      type: 'edit',
      item: items[i]!.id,
      sourceHash: items[i]!.sourceHash,
      field,
      text,
    });
    await journal.append([
      mt(0, ...MT[0]!),
      decide(0, 'transfer'),
      mt(1, ...MT[1]!),
      edit(1, 'question', ADAPTED[1]![0]),
      edit(1, 'answer', ADAPTED[1]![1]),
      decide(1, 'adapt', 'police 110 -> 112'),
      mt(2, ...MT[2]!),
      edit(2, 'answer', ADAPTED[2]![1]),
      decide(2, 'adapt', 'Korean suicide prevention line'),
    ]);
  });
  afterEach(() => tmp.remove());

  it('exits 0 on a clean project and says what it checked', async () => {
    const r = await run(['check', '-p', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Checked 3 of 4 item\(s\) with target text, locale pack ko: 0 error\(s\)/);
    assert.doesNotMatch(r.stdout, /Errors remain/);
  });

  it('exits 1 while errors remain and lists them grouped by item, with field, check and severity', async () => {
    await journal.append([
      {
        type: 'edit',
        item: items[0]!.id,
        sourceHash: items[0]!.sourceHash,
        field: 'answer',
        text: '길고 추측하기 어려운 パスワード를 쓰고, 재사용은 피하십시오. (0)',
      },
      { type: 'edit', item: items[1]!.id, sourceHash: items[1]!.sourceHash, field: 'question', text: '110번에 전화하는 건 어떤 때인가요? (1)' },
    ]);
    const r = await run(['check'], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const block = (id: string) => r.stdout.split('\n\n').find((b) => b.startsWith(id)) ?? '';
    assert.match(block('test-0000'), /^test-0000 \(adapted, transfer\)\n/);
    assert.match(block('test-0000'), /error\s+answer\s+source-script\s+Answer has .*"パスワード"/);
    assert.match(block('test-0001'), /error\s+question\s+source-culture-leftover\s+Question still has source-culture term "110번"/);
    assert.doesNotMatch(r.stdout, /^test-0002/m);
    assert.match(r.stdout, /Errors remain \(exit code 1\)/);
  });

  it('--json prints the findings and counts; --severity and --only filter them', async () => {
    await journal.append([
      {
        type: 'edit',
        item: items[0]!.id,
        sourceHash: items[0]!.sourceHash,
        field: 'answer',
        text: '길고 추측하기 어려운 パスワード를 쓰고, 재사용은 피하십시오. (0)',
      },
      {
        type: 'edit',
        item: items[2]!.id,
        sourceHash: items[2]!.sourceHash,
        field: 'answer',
        text: '힘들 때는 자살예방상담전화 109에 상담할 수 있습니다. 괜찮아요. (2)',
      },
    ]);
    const all = await run(['check', '-p', dir, '--json']);
    assert.equal(all.code, 1);
    const report = JSON.parse(all.stdout) as {
      findings: { item: string; check: string; severity: string; field?: string; message: string }[];
      counts: Record<string, number>;
      checked: number;
    };
    assert.equal(report.checked, 3);
    assert.ok(report.findings.some((f) => f.item === 'test-0000' && f.check === 'source-script' && f.severity === 'error' && f.field === 'answer'));
    assert.ok(report.findings.some((f) => f.item === 'test-0002' && f.check === 'register-mixed' && f.severity === 'warning'));
    assert.equal(report.counts.error, report.findings.filter((f) => f.severity === 'error').length);

    const errors = JSON.parse((await run(['check', '-p', dir, '--json', '--severity', 'error'])).stdout) as typeof report;
    assert.ok(errors.findings.length > 0 && errors.findings.every((f) => f.severity === 'error'));
    assert.equal(errors.counts.warning, 0);

    // Warnings alone do not fail the gate.
    const warnings = await run(['check', '-p', dir, '--only', 'register-mixed,register-preferred']);
    assert.equal(warnings.code, 0, warnings.stdout);
    assert.match(warnings.stdout, /test-0002/);
    assert.doesNotMatch(warnings.stdout, /test-0000/);

    const one = JSON.parse((await run(['check', '-p', dir, '--json', '--ids', 'test-0002'])).stdout) as typeof report;
    assert.equal(one.checked, 1);
    assert.ok(one.findings.every((f) => f.item === 'test-0002'));
  });

  it('--list prints every check with its severity and title; unknown IDs are usage errors', async () => {
    const r = await run(['check', '--list']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^numbers\s+error\s+Numbers differ between source and target$/m);
    assert.match(r.stdout, /^register-mixed\s+warning\s+/m);
    const listed = JSON.parse((await run(['check', '--list', '--json'])).stdout) as { id: string }[];
    assert.ok(listed.some((c) => c.id === 'source-culture-leftover'));
    const bad = await run(['check', '-p', dir, '--only', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown QA check "nope"/);
    // With --ids, the unknown check is told after the pass over the items (an unknown item ID is told first).
    const badWithIds = await run(['check', '-p', dir, '--ids', 'test-0002', '--only', 'nope']);
    assert.equal(badWithIds.code, 2, badWithIds.stderr);
    assert.match(badWithIds.stderr, /Unknown QA check "nope"/);
    const badBoth = await run(['check', '-p', dir, '--ids', 'test-9999', '--only', 'nope']);
    assert.equal(badBoth.code, 2, badBoth.stderr);
    assert.match(badBoth.stderr, /Unknown item ID\(s\): test-9999/);
    assert.doesNotMatch(badBoth.stderr, /Unknown QA check/);
    const level = await run(['check', '-p', dir, '--severity', 'fatal']);
    assert.notEqual(level.code, 0);
    assert.match(level.stderr, /Allowed choices are error, warning, info/);
  });
});
