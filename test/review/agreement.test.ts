import assert from 'node:assert/strict';
import { agreementSummary, annotationsOf, cohenKappa, computeAgreement, krippendorffAlphaNominal, rawAgreement } from '../../src/review/agreement.js';
import { foldState } from '../../src/project/state.js';
import type { JournalEvent } from '../../src/project/events.js';

/** `n` copies of a pair. */
const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe('agreement statistics', () => {
  it("Cohen's kappa: the 2×2 textbook example", () => {
    // 50 items; both "yes" 20, A yes / B no 5, A no / B yes 10, both "no" 15.
    // p_o = (20 + 15) / 50 = 0.7
    // A says yes 25/50 = 0.5, B says yes 30/50 = 0.6
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5
    // kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4
    const pairs = [
      ...times(20, ['yes', 'yes'] as const),
      ...times(5, ['yes', 'no'] as const),
      ...times(10, ['no', 'yes'] as const),
      ...times(15, ['no', 'no'] as const),
    ];
    assert.ok(Math.abs(cohenKappa(pairs)! - 0.4) < 1e-12);
  });

  it("Cohen's kappa: perfect, chance-level and undefined cases", () => {
    assert.equal(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
      ]),
      1,
    );
    // p_o = 0.5; each rater 50/50 on a, b: p_e = 0.25 + 0.25 = 0.5; kappa = 0.
    assert.equal(
      cohenKappa([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'b'],
      ]),
      0,
    );
    // Both raters always say "a": p_e = 1, kappa is 0/0.
    assert.equal(
      cohenKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
      undefined,
    );
    assert.equal(cohenKappa([]), undefined);
  });

  it("Krippendorff's alpha (nominal): the published example with 4 coders and missing data", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    // 4 observers, 12 units, values 1-5, "." = missing. Published nominal alpha: 0.743.
    //   A: 1 2 3 3 2 1 4 1 2 . . .
    //   B: 1 2 3 3 2 2 4 1 2 5 . 3
    //   C: . 3 3 3 2 3 4 2 2 5 1 .
    //   D: 1 2 3 3 2 4 4 1 2 5 1 .
    // By hand: unit 12 has one value (not pairable); n = 3+4·9+3+2 = 40 pairable values.
    // Ordered mismatching pairs / (m_u − 1): unit 2 {2,2,3,2}: 6/3 = 2; unit 6 {1,2,3,4}: 12/3 = 4;
    // unit 8 {1,1,2,1}: 6/3 = 2; all other units agree. Σ_{c≠k} o_ck = 8.
    // Marginals n_1..n_5 = 9, 13, 10, 5, 3; Σ_{c≠k} n_c·n_k = 40² − (81+169+100+25+9) = 1216.
    // alpha = 1 − (40 − 1)·8 / 1216 = 1 − 312/1216 = 0.743421...
    const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', undefined, undefined, undefined];
    const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', undefined, '3'];
    const C = [undefined, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', undefined];
    const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', undefined];
    const units = A.map((_, u) => [A[u], B[u], C[u], D[u]].filter((v): v is string => v !== undefined));
    const alpha = krippendorffAlphaNominal(units)!;
    assert.ok(Math.abs(alpha - (1 - 312 / 1216)) < 1e-12);
    assert.equal(alpha.toFixed(3), '0.743');
  });

  it("Krippendorff's alpha and Cohen's kappa: the published 2-coder binary example", () => {
    // Krippendorff (2011), section A: two observers, ten units, binary values; published alpha 0.095.
    //   A: 0 1 0 0 0 0 0 0 1 0
    //   B: 1 1 1 0 0 1 0 0 0 0
    // alpha by hand: n = 20; units 1, 3, 6, 9 disagree, 2 ordered pairs each / (2 − 1): Σ o_ck = 8;
    // n_0 = 8 + 6 = 14, n_1 = 6; Σ_{c≠k} n_c·n_k = 2·14·6 = 168; alpha = 1 − 19·8/168 = 16/168 = 0.0952...
    // kappa by hand: p_o = 6/10; A says 1 in 2/10, B in 4/10: p_e = 0.2·0.4 + 0.8·0.6 = 0.56;
    // kappa = (0.6 − 0.56) / 0.44 = 0.0909...
    const A = '0100000010'.split('');
    const B = '1110010000'.split('');
    const alpha = krippendorffAlphaNominal(A.map((a, i) => [a, B[i]!]))!;
    assert.ok(Math.abs(alpha - 16 / 168) < 1e-12);
    const kappa = cohenKappa(A.map((a, i) => [a, B[i]!] as const))!;
    assert.ok(Math.abs(kappa - 0.04 / 0.44) < 1e-12);
  });

  it("Krippendorff's alpha: undefined without pairable values or without variation", () => {
    assert.equal(krippendorffAlphaNominal([['a'], ['b']]), undefined);
    assert.equal(
      krippendorffAlphaNominal([
        ['a', 'a'],
        ['a', 'a', 'a'],
      ]),
      undefined,
    );
    assert.equal(
      krippendorffAlphaNominal([
        ['a', 'a'],
        ['b', 'b'],
      ]),
      1,
    );
  });

  it('raw agreement: share of units where every value is the same', () => {
    assert.equal(
      rawAgreement([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b', 'b'],
        ['c', 'c', 'd'],
      ]),
      0.5,
    );
    assert.equal(rawAgreement([]), undefined);
  });
});

let n = 0;
function ev(e: Record<string, unknown>): JournalEvent {
  return { v: 1, ts: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(), author: 'kim', sourceHash: 'h', ...e } as JournalEvent;
}
const decide = (item: string, author: string, decision: string, secondary = false, rationale?: string) =>
  ev({ item, author, type: 'decision', decision, ...(secondary ? { secondary: true } : {}), ...(rationale ? { rationale } : {}) });
const statesOf = (ids: string[], events: JournalEvent[]) =>
  foldState(
    ids.map((id) => ({ id, sourceHash: 'h' })),
    events,
  ).states.values();

describe('computeAgreement over project states', () => {
  it('uses the primary decision and the secondary ones, and lists the disagreements with rationales', () => {
    const events = [
      decide('a', 'kim', 'adapt', false, '110 -> 112'),
      decide('a', 'lee', 'adapt', true),
      decide('b', 'kim', 'transfer'),
      decide('b', 'lee', 'adapt', true, 'the answer names a Japanese law'),
      decide('c', 'kim', 'drop', false, 'no counterpart'),
      decide('c', 'lee', 'drop', true, 'agree'),
      decide('d', 'kim', 'transfer'), // single annotation: not counted
    ];
    const r = computeAgreement(statesOf(['a', 'b', 'c', 'd'], events));
    assert.equal(r.items, 3);
    assert.equal(r.agreed, 2);
    assert.deepEqual(r.annotators, ['kim', 'lee']);
    assert.ok(Math.abs(r.rawAgreement! - 2 / 3) < 1e-12);
    // kappa by hand: kim = (adapt, transfer, drop), lee = (adapt, adapt, drop). p_o = 2/3.
    // p_e = adapt (1/3)(2/3) + transfer (1/3)(0) + drop (1/3)(1/3) = 2/9 + 1/9 = 1/3.
    // kappa = (2/3 − 1/3) / (1 − 1/3) = 0.5
    assert.ok(Math.abs(r.cohenKappa! - 0.5) < 1e-12);
    // alpha by hand: n = 6; one disagreeing unit: Σ o_ck = 2; n_adapt = 3, n_transfer = 1, n_drop = 2;
    // Σ_{c≠k} n_c·n_k = 36 − (9 + 1 + 4) = 22; alpha = 1 − 5·2/22 = 12/22.
    assert.ok(Math.abs(r.krippendorffAlpha! - 12 / 22) < 1e-12);
    assert.equal(r.matrix!.transfer.adapt, 1);
    assert.equal(r.matrix!.adapt.adapt, 1);
    assert.deepEqual(r.counts.lee, { transfer: 0, adapt: 2, 'replace-target': 0, 'replace-scenario': 0, drop: 1, new: 0 });
    assert.deepEqual(r.disagreements, [
      {
        id: 'b',
        annotations: [
          { annotator: 'kim', decision: 'transfer', role: 'primary' },
          { annotator: 'lee', decision: 'adapt', role: 'secondary', rationale: 'the answer names a Japanese law' },
        ],
      },
    ]);
    assert.match(agreementSummary(r)!, /3 item\(s\).*2 annotators.*raw agreement 66\.7% \(2 of 3\).*κ 0\.500.*α 0\.545/);
  });

  it("reports alpha but not Cohen's kappa for three annotators, and ignores one person's second vote", () => {
    const events = [
      decide('a', 'kim', 'adapt', false, 'x'),
      decide('a', 'kim', 'transfer', true), // the primary author again: not a second annotator
      decide('a', 'lee', 'adapt', true),
      decide('b', 'park', 'transfer'),
      decide('b', 'lee', 'transfer', true),
    ];
    const states = [...statesOf(['a', 'b'], events)];
    assert.deepEqual(
      annotationsOf(states[0]!).map((a) => a.annotator),
      ['kim', 'lee'],
    );
    const r = computeAgreement(states);
    assert.deepEqual(r.annotators, ['kim', 'lee', 'park']);
    assert.equal(r.cohenKappa, undefined);
    assert.equal(r.matrix, undefined);
    assert.match(r.notes.join(' '), /exactly two annotators; there are 3/);
    // All four values agree within units but adapt/transfer vary across units: alpha = 1.
    assert.equal(r.krippendorffAlpha, 1);
  });

  it("gives Cohen's kappa per pair of annotators when shards mix three people, whoever was primary", () => {
    const events = [
      // kim and lee: kim primary on a1 and a3, lee primary on a2 (the other shard).
      decide('a1', 'kim', 'adapt', false, 'x'),
      decide('a1', 'lee', 'adapt', true),
      decide('a2', 'lee', 'adapt', false, 'law'),
      decide('a2', 'kim', 'transfer', true),
      decide('a3', 'kim', 'drop', false, 'none'),
      decide('a3', 'lee', 'drop', true),
      // lee and park.
      decide('b1', 'lee', 'transfer'),
      decide('b1', 'park', 'transfer', true),
      decide('b2', 'park', 'adapt', false, 'names'),
      decide('b2', 'lee', 'adapt', true),
    ];
    const r = computeAgreement(statesOf(['a1', 'a2', 'a3', 'b1', 'b2'], events));
    assert.deepEqual(r.annotators, ['kim', 'lee', 'park']);
    assert.equal(r.cohenKappa, undefined);
    assert.deepEqual(
      r.pairs.map((p) => [p.annotators, p.items, p.agreed]),
      [
        [['kim', 'lee'], 3, 2],
        [['lee', 'park'], 2, 2],
      ],
    );
    // kim = (adapt, transfer, drop), lee = (adapt, adapt, drop): kappa 0.5 (as in the first test).
    assert.ok(Math.abs(r.pairs[0]!.cohenKappa! - 0.5) < 1e-12);
    // lee = park = (transfer, adapt): p_o = 1, p_e = 0.5, kappa = 1.
    assert.equal(r.pairs[1]!.cohenKappa, 1);
    // alpha over all: n = 10, one disagreeing unit (Σ o_ck = 2); adapt 5, transfer 3, drop 2: 100 − 38 = 62; 1 − 9·2/62.
    assert.ok(Math.abs(r.krippendorffAlpha! - (1 - 18 / 62)) < 1e-12);
  });

  it('has nothing to report without double annotation', () => {
    const r = computeAgreement(statesOf(['a'], [decide('a', 'kim', 'transfer')]));
    assert.equal(r.items, 0);
    assert.equal(r.rawAgreement, undefined);
    assert.equal(agreementSummary(r), undefined);
    assert.match(r.notes[0]!, /--double/);
  });
});
