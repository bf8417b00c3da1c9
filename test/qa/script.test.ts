import assert from 'node:assert/strict';
import { sourcePunctuation, sourceScript, scriptsOf } from '../../src/qa/checks/script.js';
import { fails, passes } from './helpers.js';

describe('qa: source-script', () => {
  it('reports Han characters (Hanja) and kana left in Korean', () => {
    fails(sourceScript, { source: '警察に電話してください', target: '경찰에 電話하세요' }, {}, '"電話"');
    fails(sourceScript, { source: '警察に電話してください', target: '경찰에 でんわ하세요' }, {}, /kana.*"でんわ"/);
    fails(sourceScript, { source: 'スマホを見て', target: '스마ホ를 보세요' }, {}, '"ホ"');
    fails(sourceScript, { source: 'ちょっと待って', target: '잠깐ー만요' }, {}, '"ー"');
    fails(sourceScript, { source: '𠮟る', target: '𠮟하다' }, {}, '"𠮟"'); // a Han character outside the BMP
    passes(sourceScript, { source: '警察に電話してください', target: '경찰에 전화하세요' });
    passes(sourceScript, { source: 'ChatGPTに聞いて', target: 'ChatGPT에게 물어보세요 (1위, 100%)' });
  });

  it('lets Chinese keep Han but not kana', () => {
    passes(sourceScript, { source: '110番に電話', target: '请拨打110报警', targetLanguage: 'zh-Hans' });
    fails(sourceScript, { source: '110番に電話', target: '请拨打110番に', targetLanguage: 'zh-Hans' }, {}, '"に"');
    fails(sourceScript, { source: '110番に電話', target: '請撥打110番に', targetLanguage: 'zh-Hant' }, {}, '"に"');
  });

  it('allows only Latin in English, and knows Japanese is in play when translating from English', () => {
    fails(sourceScript, { source: '警察', target: 'Call the 警察.', targetLanguage: 'en' }, {}, '"警察"');
    passes(sourceScript, { source: '警察', target: 'Call the police.', targetLanguage: 'en' });
    fails(sourceScript, { source: 'Call the police.', target: '警察에 전화하세요', sourceLanguage: 'en', sourceEn: 'Call the police.' }, {}, '"警察"');
  });

  it('checks the question as well, naming the field', () => {
    const [f] = fails(sourceScript, { field: 'question', source: '本当に？', target: '本当에?' });
    assert.equal(f?.field, 'question');
    assert.match(f?.message ?? '', /^Question /);
  });

  it('has a script table per target', () => {
    assert.deepEqual(
      scriptsOf('ko')?.map((s) => s.name),
      ['Hangul', 'Latin letters'],
    );
    assert.deepEqual(
      scriptsOf('ja')?.map((s) => s.name),
      ['Han characters', 'kana', 'Latin letters'],
    );
    assert.deepEqual(
      scriptsOf('ru')?.map((s) => s.chars),
      ['\\p{sc=Cyrl}', '\\p{sc=Latin}'],
    );
    assert.equal(scriptsOf('not a tag!'), undefined);
  });
});

describe('qa: source-punctuation', () => {
  it('reports Japanese punctuation where the target does not use it', () => {
    fails(sourcePunctuation, { source: '連絡してください。', target: '연락하세요。' }, {}, '"。"');
    fails(sourcePunctuation, { source: '警察・消防', target: '경찰・소방', targetLanguage: 'ko' }, {}, '"・"');
    passes(sourcePunctuation, { source: '連絡してください。', target: '연락하세요.' });
    passes(sourcePunctuation, { source: '連絡してください。', target: '请联系我们。', targetLanguage: 'zh-Hans' });
  });
});
