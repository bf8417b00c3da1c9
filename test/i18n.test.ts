/** The interface language: which one a run uses, the catalogs, and text given per language. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chooseLanguage, hasMessage, t, uiLanguage, uiLanguageOf, withLanguage } from '../src/i18n.js';
import { REPO } from './helpers/cli.js';
import { DECISIONS } from '../src/project/decisions.js';

describe('interface language', () => {
  describe('chooseLanguage', () => {
    it('takes --lang first, then CAREFULLY_LANG, then LC_ALL, LC_MESSAGES and LANG', () => {
      const all = { CAREFULLY_LANG: 'en', LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'en_GB.UTF-8', LANG: 'en_US.UTF-8' };
      assert.deepEqual(chooseLanguage('ko', all), { language: 'ko', from: '--lang' });
      assert.deepEqual(chooseLanguage(undefined, { ...all, CAREFULLY_LANG: 'ko' }), { language: 'ko', from: 'CAREFULLY_LANG' });
      assert.deepEqual(chooseLanguage(undefined, { LC_ALL: 'ko_KR.UTF-8', LC_MESSAGES: 'en_US', LANG: 'en_US' }), { language: 'ko', from: 'LC_ALL' });
      assert.deepEqual(chooseLanguage(undefined, { LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US' }), { language: 'ko', from: 'LC_MESSAGES' });
      assert.deepEqual(chooseLanguage(undefined, { LANG: 'ko_KR.UTF-8' }), { language: 'ko', from: 'LANG' });
      // The flag beats a Korean environment too.
      assert.deepEqual(chooseLanguage('en', { CAREFULLY_LANG: 'ko', LANG: 'ko_KR.UTF-8' }), { language: 'en', from: '--lang' });
    });

    it('uses English when nothing is set, and when the first variable set names a language without a catalog', () => {
      assert.deepEqual(chooseLanguage(undefined, {}), { language: 'en', from: 'default' });
      assert.deepEqual(chooseLanguage(undefined, { LANG: '' }), { language: 'en', from: 'default' });
      assert.deepEqual(chooseLanguage(undefined, { LANG: 'C.UTF-8' }), { language: 'en', from: 'LANG' });
      // The first one set decides, as POSIX orders them: LC_ALL=fr hides LANG=ko.
      assert.deepEqual(chooseLanguage(undefined, { LC_ALL: 'fr_FR.UTF-8', LANG: 'ko_KR.UTF-8' }), { language: 'en', from: 'LC_ALL' });
    });

    it('marks an unknown --lang, so the run can warn', () => {
      assert.deepEqual(chooseLanguage('fr', { LANG: 'ko_KR.UTF-8' }), { language: 'en', from: '--lang', unknownFlag: 'fr' });
    });

    it('reads language tags as they are written', () => {
      for (const tag of ['ko', 'KO', 'ko-KR', 'ko_KR.UTF-8', 'ko_KR.eucKR@euro']) assert.equal(uiLanguageOf(tag), 'ko', tag);
      for (const tag of ['C', 'POSIX', 'kok', 'fr_FR', '', undefined]) assert.equal(uiLanguageOf(tag), undefined, String(tag));
    });
  });

  describe('t()', () => {
    it('speaks the language of the run it is called in, English outside one', async () => {
      assert.equal(uiLanguage(), 'en');
      assert.equal(t('wizard.pane.source'), 'Japanese source');
      const inside = await withLanguage('ko', async () => {
        await new Promise((r) => setTimeout(r, 1)); // the language survives an await
        return [uiLanguage(), t('wizard.pane.source'), t('adapt.item.position', { position: 2, total: 9 })];
      });
      assert.deepEqual(inside, ['ko', '일본어 원문', '항목 2/9']);
      assert.equal(t('wizard.pane.source'), 'Japanese source', 'nothing leaks out of the run');
    });

    it('fills variables as they are (no HTML escaping) and picks English plurals', () => {
      assert.equal(t('adapt.notice.saved', { id: 'a<b>&"c"', decision: 'adapt' }), 'Saved a<b>&"c": adapt.');
      assert.equal(t('wizard.layout.more', { count: 1, key: '1' }), '… 1 more line · 1 expands');
      assert.equal(t('wizard.layout.more', { count: 3, key: '1' }), '… 3 more lines · 1 expands');
      assert.equal(
        withLanguage('ko', () => t('wizard.layout.more', { count: 1, key: '1' })),
        '… 1줄 더 있음 · 1 펼치기',
      );
    });
  });

  describe('catalogs', () => {
    const catalog = (lang: string) => JSON.parse(readFileSync(path.join(REPO, 'locales', 'ui', `${lang}.json`), 'utf8')) as object;
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/u, '');

    it('every key the source code names is in the English catalog', () => {
      const files = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
        );
      const used = new Set<string>();
      for (const f of files(path.join(REPO, 'src'))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-z][\w.]+)'/gu)) used.add(m[1]!);
      }
      assert.ok(used.size > 150, `found ${used.size} keys`);
      const missing = [...used].filter((k) => !hasMessage(k));
      assert.deepEqual(missing, []);
    });

    it('describes every decision (the wizard names these keys at run time)', () => {
      const missing = DECISIONS.filter((d) => !hasMessage(`adapt.decision.describe.${d}`));
      assert.deepEqual(missing, []);
    });

    it('Korean has every English message and nothing else', () => {
      const en = new Set(keys(catalog('en')).map(base));
      const ko = new Set(keys(catalog('ko')).map(base));
      assert.deepEqual(
        [...en].filter((k) => !ko.has(k)),
        [],
        'English messages without a Korean one',
      );
      assert.deepEqual(
        [...ko].filter((k) => !en.has(k)),
        [],
        'Korean messages that English does not have',
      );
    });

    it('keeps the same {{placeholders}} in both languages', () => {
      const en = catalog('en');
      const ko = catalog('ko');
      const get = (o: object, k: string) => k.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], o) as string | undefined;
      const vars = (s: string | undefined) => [...new Set([...(s ?? '').matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]))].sort();
      for (const k of keys(ko)) {
        const enKey = get(en, k) !== undefined ? k : `${base(k)}_other`;
        assert.deepEqual(vars(get(ko, k)), vars(get(en, enKey)), k);
      }
    });
  });
});
