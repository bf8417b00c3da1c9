/**
 * Double annotation through the real CLI: a primary localizer decides every
 * item, `adapt --double 50 --second lee` assigns a stable half to lee, lee
 * decides via --answers (recorded as secondary, never the item's decision),
 * and `carefully agreement` compares the two.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { inDoubleSample } from '../../src/session/filters.js';

const journal = (dir: string, author: string) =>
  readFileSync(path.join(dir, 'journal', `${author}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('adapt --double and agreement', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  const ids = Array.from({ length: 10 }, (_, i) => `test-${String(i).padStart(4, '0')}`);
  // The 50% sample of these IDs (a hash of the ID): test-0001, -0002, -0003, -0005, -0006.
  const sample = ids.filter((id) => inDoubleSample(id, 50));

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(10)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
  });
  after(() => tmp.remove());

  it('assigns a stable sample, records the second annotator apart, and reports kappa and the disagreement', async () => {
    assert.deepEqual(sample, ['test-0001', 'test-0002', 'test-0003', 'test-0005', 'test-0006'], 'the sample of these IDs (stable: a hash of each ID)');
    // kim, the primary localizer: items about 110 (every third, from 1) are adapted, the rest transferred.
    const kimFile = tmp.jsonl(
      'kim.jsonl',
      ids.map((id, i) => (i % 3 === 1 ? { id, decision: 'adapt', rationale: '110 → 112' } : { id, decision: 'transfer' })),
    );
    const primary = await run(['adapt', '-p', dir, '--as', 'kim', '--answers', kimFile, '--json']);
    assert.equal(primary.code, 0, primary.stderr);
    assert.equal(JSON.parse(primary.stdout).applied, 10);

    const assign = await run(['adapt', '-p', dir, '--as', 'kim', '--double', '50', '--second', 'lee', '--json']);
    assert.equal(assign.code, 0, assign.stderr);
    assert.deepEqual(JSON.parse(assign.stdout), {
      author: 'kim',
      assignee: 'lee',
      percent: 50,
      selected: 10,
      sampled: 5,
      alreadyAssigned: 0,
      ownPrimary: [],
      assigned: 5,
    });
    const assigns = journal(dir, 'kim').filter((e) => e.type === 'assign');
    assert.deepEqual(
      assigns.map((e) => [e.item, e.assignee, e.role]),
      sample.map((id) => [id, 'lee', 'secondary']),
    );

    // Assigning again writes nothing.
    const before = readFileSync(path.join(dir, 'journal', 'kim.jsonl'), 'utf8');
    const again = await run(['adapt', '-p', dir, '--as', 'kim', '--double', '50', '--second', 'lee']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /5 of 10 selected item\(s\) are in the 50% sample; 0 newly assigned to lee, 5 already assigned\./);
    assert.equal(readFileSync(path.join(dir, 'journal', 'kim.jsonl'), 'utf8'), before);

    // lee answers the sample (and two items not assigned to them, which are not applied); lee disagrees on test-0005.
    const lee = {
      'test-0001': 'adapt',
      'test-0002': 'transfer',
      'test-0003': 'transfer',
      'test-0005': 'adapt',
      'test-0006': 'transfer',
      'test-0000': 'drop',
      'test-0004': 'drop',
    };
    const leeFile = tmp.jsonl(
      'lee.jsonl',
      Object.entries(lee).map(([id, decision]) => ({ id, decision, rationale: `lee on ${id}` })),
    );
    const second = await run(['adapt', '-p', dir, '--as', 'lee', '--answers', leeFile]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Second annotation: the decisions below are recorded apart and compared/);
    assert.match(second.stdout, /applied\s+5\n/);
    assert.match(second.stdout, /not assigned to you\s+2\n/);
    const leeEvents = journal(dir, 'lee');
    assert.deepEqual(
      leeEvents.map((e) => [e.type, e.item, e.secondary]),
      sample.map((id) => ['decision', id, true]),
    );
    // Applying lee's file again writes nothing.
    assert.match((await run(['adapt', '-p', dir, '--as', 'lee', '--answers', leeFile])).stdout, /already recorded\s+5\n/);
    assert.equal(journal(dir, 'lee').length, 5);

    // The items' decisions are still kim's.
    const status = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.deepEqual(status.byDecision, { transfer: 7, adapt: 3, 'replace-target': 0, 'replace-scenario': 0, drop: 0, new: 0, none: 0 });

    const r = await run(['agreement', '-p', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    // By hand, 5 items: kim = (adapt, transfer, transfer, transfer, transfer), lee = (adapt, transfer, transfer, adapt, transfer).
    // p_o = 4/5; kim adapt 1/5, transfer 4/5; lee adapt 2/5, transfer 3/5; p_e = 0.2·0.4 + 0.8·0.6 = 0.56;
    // kappa = (0.8 − 0.56) / 0.44 = 6/11.
    assert.equal(report.items, 5);
    assert.deepEqual(report.annotators, ['kim', 'lee']);
    assert.equal(report.rawAgreement, 0.8);
    assert.ok(Math.abs(report.cohenKappa - 6 / 11) < 1e-12, String(report.cohenKappa));
    assert.deepEqual(report.disagreements, [
      {
        id: 'test-0005',
        annotations: [
          { annotator: 'kim', decision: 'transfer', role: 'primary' },
          { annotator: 'lee', decision: 'adapt', role: 'secondary', rationale: 'lee on test-0005' },
        ],
      },
    ]);
  });

  it('does not make whoever ran --double an author of the items they assigned', async () => {
    const assign = await run(['adapt', '-p', dir, '--as', 'lead', '--double', '50', '--second', 'park', '--json']);
    assert.equal(assign.code, 0, assign.stderr);
    assert.equal(journal(dir, 'lead').length, 5, 'lead wrote the five assign events');
    const list = JSON.parse((await run(['list', '-p', dir, '--json'])).stdout);
    const authors = new Set(list.items.flatMap((i: { authors: string[] }) => i.authors));
    assert.equal(authors.has('lead'), false, [...authors].join(','));
    assert.equal(authors.has('kim'), true);
  });

  it('refuses --second without --double, and a bad percentage, writing nothing', async () => {
    const files = () =>
      readdirSync(path.join(dir, 'journal'))
        .map((f) => readFileSync(path.join(dir, 'journal', f), 'utf8'))
        .join('\n');
    const before = files();
    const noDouble = await run(['adapt', '-p', dir, '--second', 'lee']);
    assert.equal(noDouble.code, 2);
    assert.match(noDouble.stderr, /--second NAME names who gets the --double sample: give --double K too/);
    const bad = await run(['adapt', '-p', dir, '--double', '150', '--second', 'lee']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--double "150" is not a share of items/);
    assert.equal(files(), before);
  });
});
