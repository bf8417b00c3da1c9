/** Cultural labels per item (issue #16): answered through adapt --answers or inferred, exported with --annotate, counted in the card. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { culturalLabels } from '../../src/locale/cultural-labels.js';
import { items as makeItems } from '../helpers/session-fixtures.js';

describe('cultural labels', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  it('infers sensitive and local from a Japan-specific annotation, an added item or a changed item; nothing else', () => {
    const [japan, other] = makeItems(2); // even indexes are Japan-specific
    const none = { checklist: {} };
    assert.deepEqual(culturalLabels(japan!, none), {
      sensitivity: 'sensitive',
      scope: 'local',
      timeSensitive: null,
      asOf: null,
      inferred: ['sensitivity', 'scope'],
    });
    assert.deepEqual(culturalLabels(other!, none), { sensitivity: null, scope: null, timeSensitive: null, asOf: null, inferred: [] });
    assert.equal(culturalLabels(other!, { checklist: {}, decision: { decision: 'adapt' } }).sensitivity, 'sensitive');
    assert.equal(culturalLabels(other!, { checklist: {}, decision: { decision: 'adapt' } }).scope, null);
    assert.equal(culturalLabels({ ...other!, added: true }, none).scope, 'local');
    const answered = culturalLabels(japan!, {
      checklist: {
        'cultural-sensitivity': { answer: 'agnostic', author: 'kim' },
        'time-sensitive': { answer: 'time-sensitive', note: '2026-11-29', author: 'kim' },
      },
    });
    assert.equal(answered.sensitivity, 'agnostic', 'an answer wins over the inference');
    assert.deepEqual([answered.timeSensitive, answered.asOf, answered.inferred], [true, '2026-11-29', ['scope']]);
  });

  it('are set by adapt --answers (a time-sensitive item needs its as-of date), exported with --annotate and counted in the card', async () => {
    const project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', tmp.json('ac.json', makeRecords(2)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
    const bad = tmp.jsonl('bad.jsonl', [
      { id: 'test-0001', decision: 'transfer', checklist: { 'time-sensitive': { answer: 'time-sensitive', note: 'recently' } } },
    ]);
    const refused = await run(['adapt', '-p', project, '--answers', bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /field "checklist\.time-sensitive": The answer "time-sensitive" .* needs its evidence as a note \(As of which date/);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer' },
      {
        id: 'test-0001',
        decision: 'transfer',
        checklist: { 'cultural-sensitivity': 'agnostic', 'harm-scope': 'global', 'time-sensitive': { answer: 'time-sensitive', note: '2026-11-29' } },
      },
    ]);
    const r = await run(['adapt', '-p', project, '--answers', answers]);
    assert.equal(r.code, 0, r.stderr);
    const out = tmp.join('out');
    assert.equal((await run(['export', '-p', project, '--out', out, '--include-unreviewed', '--annotate'])).code, 0);
    const records = JSON.parse(readFileSync(`${out}/data/test.json`, 'utf8')) as { adaptation: { culture: unknown } }[];
    assert.deepEqual(
      records.map((x) => x.adaptation.culture),
      [
        { sensitivity: 'sensitive', scope: 'local', 'time-sensitive': null, 'as-of': null, inferred: ['sensitivity', 'scope'] },
        { sensitivity: 'agnostic', scope: 'global', 'time-sensitive': true, 'as-of': '2026-11-29', inferred: [] },
      ],
    );
    const card = readFileSync(`${out}/README.md`, 'utf8');
    assert.match(card, /\| sensitivity \| sensitive \| 1 \| 1 \|/);
    assert.match(card, /\| sensitivity \| agnostic \| 1 \| 0 \|/);
    assert.match(card, /\| time-sensitive \| yes \| 1 \| 0 \|/);
    assert.match(card, /\| time-sensitive \| not labelled \| 1 \| 0 \|/);
  });
});
