/** `carefully agreement` and the dataset card's agreement section, through the real CLI. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { Decision, NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

describe('CLI: agreement', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const decide = (i: number, decision: Decision, rationale: string, secondary = false): NewEvent => ({
    type: 'decision',
    item: items[i]!.id,
    sourceHash: items[i]!.sourceHash,
    decision,
    rationale,
    ...(secondary ? { secondary: true } : {}),
  });

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(6)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    items = await loadItems(openProject(dir));
  });
  afterEach(() => tmp.remove());

  it('reports that nothing was double-annotated yet', async () => {
    const r = await run(['agreement', '-p', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Double-annotated items: 0/);
    assert.match(r.stdout, /--double/);
  });

  it("reports raw agreement, Cohen's kappa and Krippendorff's alpha, and lists the disagreements with rationales", async () => {
    // kim decides all six; lee independently decides a sample of four (items 0-3).
    await new JournalWriter(dir, 'kim').append([
      decide(0, 'transfer', 'ok as is'),
      decide(1, 'adapt', '110 -> 112'),
      decide(2, 'adapt', 'helpline'),
      decide(3, 'transfer', 'generic'),
      decide(4, 'transfer', 'generic'),
      decide(5, 'adapt', '110 -> 112'),
    ]);
    await new JournalWriter(dir, 'lee').append([
      decide(0, 'transfer', 'fine', true),
      decide(1, 'adapt', 'police number', true),
      decide(2, 'transfer', 'the helpline is generic', true),
      decide(3, 'transfer', 'fine', true),
    ]);
    const json = await run(['agreement', '-p', dir, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout);
    // By hand, 4 items: kim = (transfer, adapt, adapt, transfer), lee = (transfer, adapt, transfer, transfer).
    // Raw agreement 3/4. kappa: p_o = 0.75; kim transfer 2/4, adapt 2/4; lee transfer 3/4, adapt 1/4;
    // p_e = 0.5·0.75 + 0.5·0.25 = 0.5; kappa = (0.75 − 0.5) / 0.5 = 0.5.
    // alpha: n = 8, one disagreeing unit: Σ o_ck = 2; n_transfer = 5, n_adapt = 3;
    // Σ_{c≠k} n_c·n_k = 2·5·3 = 30; alpha = 1 − 7·2/30 = 16/30 = 0.5333...
    assert.equal(r.items, 4);
    assert.equal(r.agreed, 3);
    assert.deepEqual(r.annotators, ['kim', 'lee']);
    assert.equal(r.rawAgreement, 0.75);
    assert.ok(Math.abs(r.cohenKappa - 0.5) < 1e-12);
    assert.ok(Math.abs(r.krippendorffAlpha - 16 / 30) < 1e-12);
    assert.deepEqual(r.disagreements, [
      {
        id: 'test-0002',
        annotations: [
          { annotator: 'kim', decision: 'adapt', role: 'primary', rationale: 'helpline' },
          { annotator: 'lee', decision: 'transfer', role: 'secondary', rationale: 'the helpline is generic' },
        ],
      },
    ]);

    const text = await run(['agreement', '-p', dir]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /Double-annotated items: 4 \(annotators: kim, lee\)/);
    assert.match(text.stdout, /raw agreement\s+75\.0% \(3 of 4\)/);
    assert.match(text.stdout, /Cohen's kappa\s+0\.500/);
    assert.match(text.stdout, /Krippendorff's alpha \(nominal\)\s+0\.533/);
    assert.match(
      text.stdout,
      /Disagreements to discuss \(1\):\n {2}test-0002\n {4}kim \(primary\)\s+adapt\s+helpline\n {4}lee \(secondary\)\s+transfer\s+the helpline is generic/,
    );

    // The dataset card reports the same figures.
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--include-unreviewed']);
    assert.equal(ex.code, 0, ex.stderr);
    const card = readFileSync(tmp.join('out', 'README.md'), 'utf8');
    assert.match(
      card,
      /### Annotator agreement\n\n4 item\(s\) were decided independently by 2 annotators .*raw agreement 75\.0% \(3 of 4\), Cohen's κ 0\.500, Krippendorff's α 0\.533 \(nominal\)/,
    );
  });

  it("with three annotators, reports alpha overall, Cohen's kappa per pair and each annotator's decisions", async () => {
    await new JournalWriter(dir, 'kim').append([decide(0, 'transfer', 'a'), decide(1, 'adapt', 'b')]);
    await new JournalWriter(dir, 'lee').append([decide(0, 'transfer', 'c', true)]);
    await new JournalWriter(dir, 'park').append([decide(0, 'adapt', 'd', true), decide(1, 'adapt', 'e', true)]);
    const r = await run(['agreement', '-p', dir]);
    assert.equal(r.code, 0, r.stderr);
    // By hand: units {transfer, transfer, adapt} and {adapt, adapt}; n = 5.
    // Unit 1: 2 transfer-adapt pairs in each order = 4, / (3 − 1) = 2; unit 2 agrees. Σ o_ck = 2.
    // n_transfer = 2, n_adapt = 3: Σ_{c≠k} n_c·n_k = 2·2·3 = 12. alpha = 1 − 4·2/12 = 1/3.
    assert.match(r.stdout, /Double-annotated items: 2 \(annotators: kim, lee, park\)/);
    assert.match(r.stdout, /raw agreement\s+50\.0% \(1 of 2\)/);
    assert.match(r.stdout, /Krippendorff's alpha \(nominal\)\s+0\.333/);
    assert.doesNotMatch(r.stdout, /Cohen's kappa\s+\d/);
    assert.match(r.stdout, /Note: Cohen's kappa needs exactly two annotators; there are 3/);
    assert.match(
      r.stdout,
      /Decisions per annotator[^\n]*\n.*transfer.*\n\s+kim\s+1\s+1\s+0\s+0\s+0\s+0\n\s+lee\s+1\s+0\s+0\s+0\s+0\s+0\n\s+park\s+0\s+2\s+0\s+0\s+0\s+0/,
    );
    // Per pair, by hand: kim & lee (transfer, transfer): one label throughout, kappa undefined;
    // kim & park (transfer, adapt), (adapt, adapt): p_o = 0.5, p_e = 0.5·0 + 0.5·1 = 0.5, kappa 0;
    // lee & park (transfer, adapt): p_o = 0, p_e = 0, kappa 0.
    assert.match(
      r.stdout,
      /Cohen's kappa per pair of annotators[^\n]*\n\s+kim & lee\s+kappa undefined[^\n]*raw 100\.0% \(1 of 1\)\n\s+kim & park\s+kappa 0\.000, raw 50\.0% \(1 of 2\)\n\s+lee & park\s+kappa 0\.000, raw 0\.0% \(0 of 1\)/,
    );
    const json = JSON.parse((await run(['agreement', '-p', dir, '--json'])).stdout);
    assert.deepEqual(
      json.pairs.map((p: { annotators: string[]; cohenKappa?: number }) => [p.annotators.join('&'), p.cohenKappa]),
      [
        ['kim&lee', undefined],
        ['kim&park', 0],
        ['lee&park', 0],
      ],
    );
  });

  it('the card has no agreement section without double annotation', async () => {
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--include-unreviewed']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.doesNotMatch(readFileSync(tmp.join('out', 'README.md'), 'utf8'), /Annotator agreement/);
  });
});
