import { empty, unchangedFromSource, untranslated } from '../../src/qa/checks/untranslated.js';
import { fails, passes } from './helpers.js';

describe('qa: empty', () => {
  it('reports an empty target for a non-empty source', () => {
    fails(empty, { source: '気をつけてください', target: '' }, {}, '"気をつけてください"');
    fails(empty, { source: '気をつけてください', target: '  \n' });
    passes(empty, { source: '気をつけてください', target: '조심하세요' });
    passes(empty, { source: '', target: '' });
  });

  it('does not look at a dropped item', () => {
    passes(empty, { source: '気をつけてください', target: '', decision: 'drop', rationale: 'no counterpart' });
  });
});

describe('qa: untranslated', () => {
  it('reports a target that is the Japanese or the English source', () => {
    fails(untranslated, { source: '警察に相談してください', target: '警察に相談してください' }, {}, /"警察に相談してください" is the source text/);
    fails(untranslated, { source: '警察に相談', sourceEn: 'Talk to the police.', target: ' Talk to the police. ' }, {}, 'English source');
    passes(untranslated, { source: '警察に相談してください', target: '경찰에 상담하세요' });
    passes(untranslated, { source: '', target: '' });
  });
});

describe('qa: unchanged-from-source', () => {
  it('reports a copy with only spacing, width or case changed', () => {
    fails(unchangedFromSource, { source: '警察に相談してください', target: '警察に 相談して ください' }, {}, 'spacing');
    fails(unchangedFromSource, { source: '相談', sourceEn: 'Talk to the police.', target: 'Ｔａｌｋ to the POLICE.' }, {}, 'English source');
    passes(unchangedFromSource, { source: '警察に相談してください', target: '경찰에 상담하세요' });
  });

  it('leaves exact copies to untranslated', () => {
    passes(unchangedFromSource, { source: '警察に相談してください', target: '警察に相談してください' });
  });
});
