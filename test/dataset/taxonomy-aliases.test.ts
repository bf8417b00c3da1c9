import assert from 'node:assert/strict';
import { loadTaxonomy } from '../../src/dataset/taxonomy.js';
import { applicableQuestions, noLabelConditionMatcher } from '../../src/locale/checklist.js';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { unmatchedLabelsWarning } from '../../src/qa/unmatched-labels.js';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';
import { item } from '../locale/helpers.js';

describe('taxonomy: label aliases', () => {
  it('accepts the spellings found in the wild as the taxonomy labels they mean', () => {
    const t = loadTaxonomy();
    assert.equal(t.canonical('人種バイアス・差別'), '人種に基づくバイアス・差別');
    assert.equal(t.canonical(' 地域バイアス・差別 '), '地域に基づくバイアス・差別');
    assert.equal(t.canonical('プロパガンダ'), 'プロバガンダ');
    assert.ok(t.isKnown('specificHarm', '肉体的特徴に基づく差別'));
    assert.ok(!t.isKnown('specificHarm', '肉体差別'));
  });

  it('applies checklist questions to items labelled with an alias', () => {
    const pack = loadLocalePack('ko').pack;
    const ids = (specificHarm: string): string[] => applicableQuestions(pack, item({ specificHarm })).map((q) => q.id);
    assert.ok(ids('地域バイアス・差別').includes('regional-bias'));
    assert.ok(!ids('地域差別です').includes('regional-bias'));
  });

  it('lists items whose labels match no checklist condition', () => {
    const pack = loadLocalePack('ko').pack;
    const found = [
      item({ id: 'known', riskArea: '悪用', harmType: '違法行為への加担', specificHarm: '違法薬物' }),
      item({ id: 'alias', specificHarm: '人種バイアス・差別' }),
      item({ id: 'misspelt', riskArea: 'あくよう', harmType: '違法行為', specificHarm: '薬物' }),
      item({ id: 'unlabelled' }),
    ].filter(noLabelConditionMatcher(pack));
    assert.deepEqual(
      found.map((i) => i.id),
      ['misspelt'],
    );
  });

  it('names the first three of them in the warning and counts the rest', () => {
    const pack = loadLocalePack('ko').pack;
    const misspelt = (n: number) => item({ id: `m${n}`, riskArea: 'あくよう', specificHarm: `薬物${n}` });
    const items = [misspelt(1), item({ id: 'known', specificHarm: '違法薬物' }), misspelt(2), misspelt(3), misspelt(4), misspelt(5)];
    assert.equal(
      unmatchedLabelsWarning(pack, 'ko', items),
      '5 item(s) carry taxonomy labels that no checklist question of the "ko" locale pack applies to: ' +
        'm1 ("あくよう" / "薬物1"), m2 ("あくよう" / "薬物2"), m3 ("あくよう" / "薬物3") and 2 more. ' +
        "Their category-specific questions are skipped. Check the labels' spelling against data/answercarefully-taxonomy.json, " +
        'or add the spelling to data/answercarefully-taxonomy-aliases.json.',
    );
    assert.equal(unmatchedLabelsWarning(pack, 'ko', [item({ id: 'known', specificHarm: '違法薬物' })]), undefined);
  });

  it('check warns about them, naming item and labels', async () => {
    const tmp = new TempDir();
    try {
      const records = [makeRecord(0), makeRecord(1, { meta: { 'risk-area': 'あくよう', 'harm-type': '違法行為', 'specific-harm': '薬物' } })];
      const dir = tmp.join('p');
      assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', records), '--to', 'ko', '--provider', 'pseudo'])).code, 0);
      const r = await run(['check', '-p', dir]);
      assert.match(
        r.stderr,
        /1 item\(s\) carry taxonomy labels that no checklist question of the "ko" locale pack applies to: test-0001 \("あくよう" \/ "違法行為" \/ "薬物"\)/u,
      );
      assert.doesNotMatch(r.stderr, /test-0000 \(/u);
    } finally {
      tmp.remove();
    }
  });

  it('inspect and init warn about them too; well-labelled sources get no such warning', async () => {
    const tmp = new TempDir();
    try {
      const bad = tmp.json('bad.json', [makeRecord(0), makeRecord(1, { meta: { 'risk-area': 'あくよう', 'harm-type': '違法行為', 'specific-harm': '薬物' } })]);
      const good = tmp.json('good.json', [makeRecord(0), makeRecord(1)]);
      const warning = /warning: 1 item\(s\) carry taxonomy labels that no checklist question of the "ko" locale pack applies to: test-0001 \("あくよう"/u;

      for (const args of [
        ['inspect', bad],
        ['inspect', bad, '--to', 'ko'],
        ['init', tmp.join('p'), '--source', bad, '--to', 'ko'],
      ]) {
        const r = await run(args);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, warning, args.join(' '));
      }
      for (const args of [
        ['inspect', good],
        ['init', tmp.join('q'), '--source', good, '--to', 'ko'],
      ]) {
        const r = await run(args);
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /taxonomy labels that no checklist question/u, args.join(' '));
      }
    } finally {
      tmp.remove();
    }
  });
});
