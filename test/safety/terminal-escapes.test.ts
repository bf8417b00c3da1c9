/** Issue #9 item 11: text from data never drives the terminal (wizard screens, CLI output, errors). */
import assert from 'node:assert/strict';
import { visible, visibleInline, visibleDeep, visibleStyled, safeJson } from '../../src/text-safety.js';
import { renderItem, COLOR } from '../../src/wizard/render-item.js';
import { renderReviewItem } from '../../src/wizard/render-review.js';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { ReviewSession } from '../../src/review/review-session.js';
import { testPack, mt, ev, decision, toItems } from '../helpers/session-fixtures.js';
import { makeRecord, TempDir } from '../helpers/fixtures.js';
import { cli } from '../helpers/cli.js';

const CLEAR = '\x1b[2J\x1b[H';
const TITLE = '\x1b]0;pwned\x07';
const C1_CSI = '\u009b2J';
const RLO = '\u202e';

/** Any raw control character a terminal would act on (newline and tab excepted). */
function assertNoRawControls(text: string): void {
  // eslint-disable-next-line no-control-regex -- looks for raw control characters
  const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(text);
  assert.equal(m, null, `raw control character U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in:\n${text}`);
}

describe('visible(): control characters shown as escapes', () => {
  it('escapes ESC, BEL, CR, DEL, C1 controls and bidi overrides, and keeps newlines, tabs and ordinary text', () => {
    assert.equal(visible(`a${CLEAR}b`), 'a\\u001b[2J\\u001b[Hb');
    assert.equal(visible(TITLE), '\\u001b]0;pwned\\u0007');
    assert.equal(visible(`x\ry\x7fz${C1_CSI}`), 'x\\u000dy\\u007fz\\u009b2J');
    assert.equal(visible(`abc${RLO}def\u2066g\u2069`), 'abc\\u202edef\\u2066g\\u2069');
    assert.equal(visible('一行目\n\t二行目 한국어 café'), '一行目\n\t二行目 한국어 café');
  });

  it('visibleInline escapes newlines and tabs too', () => {
    assert.equal(visibleInline('a\nb\tc'), 'a\\u000ab\\u0009c');
  });

  it('visibleDeep escapes every string of plain objects and arrays', () => {
    const out = visibleDeep({ a: `x${CLEAR}`, b: [{ c: TITLE }], n: 3, m: new Map([['k', 'v']]) });
    assert.equal(out.a, 'x\\u001b[2J\\u001b[H');
    assert.equal(out.b[0]!.c, '\\u001b]0;pwned\\u0007');
    assert.equal(out.n, 3);
    assert.ok(out.m instanceof Map);
  });

  it('visibleStyled keeps the wizard colours and escapes everything else', () => {
    const text = COLOR.green(`Saved ${CLEAR}x: adapt.`);
    const out = visibleStyled(text);
    assert.ok(out.startsWith('\x1b[32mSaved \\u001b[2J\\u001b[Hx'));
    assert.ok(out.endsWith('\x1b[39m'));
  });

  it('safeJson escapes C1 and bidi controls and stays valid JSON', () => {
    const value = { t: `a${C1_CSI}${RLO}\x1b` };
    const text = safeJson(value, 2);
    assertNoRawControls(text);
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('wizard screens escape data', () => {
  const hostile = `${CLEAR}${TITLE}${RLO}`;
  const [a] = toItems([makeRecord(0, { text: `質問${hostile}`, output: `回答${C1_CSI}`, text_en: `Q${hostile}` })]);
  const events = [
    mt(a!, { question: `KO ${hostile}`, answer: `A\r${hostile}` }),
    ev(a!, { type: 'flag', note: `note ${hostile}` }, `mallory${TITLE}`),
    decision(a!, 'adapt', `why ${hostile}`),
  ];

  it('the adapt item screen shows source, English, machine translation, flags and decisions escaped', () => {
    const s = new AdaptSession({ items: [a!], events, pack: testPack(), author: 'tester' });
    const text = renderItem(s.view(a!.id), s.progress(), { width: 200, header: `adapt · ${TITLE}`, notice: COLOR.green(`Saved ${hostile}`) });
    // eslint-disable-next-line no-control-regex -- strips our own colour sequences
    assertNoRawControls(text.replace(/\x1b\[(?:1|2|22|31|32|33|36|39)m/g, ''));
    assert.match(text, /質問\\u001b\[2J\\u001b\[H\\u001b\]0;pwned\\u0007\\u202e/);
    assert.match(text, /Flagged by mallory\\u001b\]0;pwned\\u0007: note /);
    assert.match(text, /A\\u000dKO|A\\u000d\\u001b/);
  });

  it('the review screen shows the final text, decision and flags escaped', () => {
    const s = new ReviewSession({ items: [a!], events, pack: testPack(), reviewer: 'park' });
    const text = renderReviewItem(s.view(a!.id), s.progress(), { width: 200, style: COLOR });
    // eslint-disable-next-line no-control-regex -- strips our own colour sequences
    assertNoRawControls(text.replace(/\x1b\[(?:1|2|22|31|32|33|36|39)m/g, ''));
    assert.match(text, /why \\u001b\[2J/);
  });
});

describe('CLI output escapes data', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  it('inspect and validate print IDs, examples and labels with control characters escaped', () => {
    const file = dir.jsonl('src.jsonl', [
      makeRecord(0, { ID: `id${TITLE}`, meta: { 'risk-area': `領域${CLEAR}`, 'harm-type': 'x' } }),
      makeRecord(1, { ID: `id${TITLE}` }),
    ]);
    for (const args of [
      ['inspect', file],
      ['validate', file],
      ['inspect', file, '--json'],
    ]) {
      const r = cli(args);
      assertNoRawControls(r.stdout);
      assertNoRawControls(r.stderr);
      assert.match(r.stdout + r.stderr, /id\\+u001b\]0;pwned\\+u0007/, args.join(' '));
    }
  });

  it('an error message quoting data is escaped', () => {
    const file = dir.file('bad.json', `[${JSON.stringify({ ID: 'x', text: 'a' }).slice(0, -1)}, "\u009b2J${RLO}": }]`);
    const r = cli(['validate', file]);
    assert.notEqual(r.code, 0);
    assertNoRawControls(r.stderr);
  });
});
