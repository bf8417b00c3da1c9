/** Language tags: the common-code fast path accepts exactly what Intl.DisplayNames would (project/languages.ts). */
import assert from 'node:assert/strict';
import { COMMON_LANGUAGES, checkLanguage, isKnownLanguage, languageName } from '../../src/project/languages.js';
import { UsageError } from '../../src/errors.js';

/** The judgement without the fast path: ICU names the language subtag. */
function namedByIcu(tag: string): boolean {
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
  const language = new Intl.Locale(Intl.getCanonicalLocales(tag)[0]!).language;
  return names.of(language) !== language;
}

describe('language tags', () => {
  it('every common code is canonical and named by ICU, so skipping the display names changes no answer', () => {
    assert.ok(COMMON_LANGUAGES.size > 150);
    for (const code of COMMON_LANGUAGES) {
      assert.equal(new Intl.Locale(Intl.getCanonicalLocales(code)[0]!).language, code, code);
      assert.ok(namedByIcu(code), `${code} is not named by ICU`);
    }
  });

  it('accepts known languages outside the common codes and rejects unknown or malformed tags', () => {
    for (const tag of ['ko', 'zh-Hans', 'yue', 'fil', 'haw-US', 'ko-XX']) assert.ok(isKnownLanguage(tag), tag);
    for (const tag of ['qq', 'xx-nope', 'xx!!', '', 'qaa']) assert.equal(isKnownLanguage(tag), false, tag);
    for (const tag of ['yue', 'fil', 'ko', 'qq', 'bh', 'iw']) assert.equal(isKnownLanguage(tag), namedByIcu(tag), tag);
  });

  it('names a tag in English and canonicalises it', () => {
    assert.equal(languageName('ko'), 'Korean');
    assert.equal(languageName('zh-hans'), 'Simplified Chinese');
    assert.equal(languageName('qq'), undefined);
    assert.equal(checkLanguage('zh-hans', '--to'), 'zh-Hans');
    assert.throws(
      () => checkLanguage('xx-nope', '--to'),
      (e: unknown) => e instanceof UsageError && /--to "xx-nope" is not a language code/.test(e.message),
    );
  });
});
