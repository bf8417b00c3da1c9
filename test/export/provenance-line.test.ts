/** provenanceLine and jsonText: the template gives the text JSON.stringify gives of the provenance record, awkward values included. */
import assert from 'node:assert/strict';
import { jsonText, provenanceLine } from '../../src/export/provenance-line.js';
import { Annotators } from '../../src/export/annotations.js';
import { emptyState, type ItemState } from '../../src/project/state.js';

const AWKWARD = [
  'plain',
  '',
  'say "hi"',
  'back\\slash',
  'tab\there\nnew line\r\u0000\u001f',
  '\u007f del stays',
  'line sep \u2028 and para sep \u2029',
  'lone high \ud800 surrogate',
  'lone low \udc00 surrogate',
  'paired 😀 surrogates',
  '한국어 텍스트',
  '</script>',
];

describe('provenance line', () => {
  it('jsonText is JSON.stringify for strings with and without characters to escape, and for other values', () => {
    const values: unknown[] = [...AWKWARD, null, true, false, 0, -0, 1.5, 1e21, NaN, Infinity, { a: 'x"y', b: [1, null] }, ['\ud800']];
    for (const v of values) assert.equal(jsonText(v), JSON.stringify(v), `for ${JSON.stringify(v)}`);
  });

  it('is the JSON text of the provenance record, key for key, for states with awkward texts and every optional part', () => {
    const localePack = { name: 'ko', version: null, hash: 'sha256:"x"' };
    for (const text of AWKWARD) {
      const s: ItemState = {
        ...emptyState(`id-${text}`),
        state: 'adapted',
        mt: { provider: `p${text}`, label: text, isTranslation: true, question: 'q', answer: 'a', ts: 't', author: 'm', sourceHash: 'h' },
        edited: { question: true, answer: false },
        fromSuggestion: true,
        checklist: { [`c${text}`]: { answer: 'yes', author: 'a' }, other: { answer: 'no', note: text, author: 'b' } },
        decision: { decision: 'adapt', rationale: text, author: `a${text}`, ts: 't', sourceHash: 'h' },
        review: { verdict: 'approve', author: `r${text}`, ts: 't' },
        authors: [`a${text}`, `r${text}`],
        firstTs: text,
        lastTs: 'z',
      };
      const expected = (annotators: Annotators) => {
        // What export wrote before the template: itemPeople labels the localizers, then the reviewer; then the authors are mapped.
        annotators.label(`a${text}`, 'localizer');
        const reviewer = annotators.label(`r${text}`, 'reviewer');
        return {
          id: s.id,
          exported: false,
          excludedBecause: text || undefined,
          state: 'adapted',
          reviewed: true,
          decision: 'adapt',
          rationale: text,
          provider: `p${text}`,
          providerLabel: text,
          machineTranslation: true,
          edited: { question: true, answer: false },
          fromSuggestion: true,
          checklist: { [`c${text}`]: 'yes', other: 'no' },
          authors: s.authors.map((a) => annotators.label(a, a === `r${text}` ? 'reviewer' : 'localizer')),
          reviewer,
          firstChange: text,
          lastChange: 'z',
          sourceHash: `sh${text}`,
          localePack,
        };
      };
      for (const mode of ['pseudonyms', 'names'] as const) {
        const line = provenanceLine({ id: s.id, sourceHash: `sh${text}` }, s, text || undefined, false, true, {
          annotators: new Annotators(mode),
          localePack: JSON.stringify(localePack),
        });
        assert.equal(line, JSON.stringify(expected(new Annotators(mode))), `for ${JSON.stringify(text)} (${mode})`);
      }
    }
  });

  it('writes nulls and leaves out the reason of an item without MT, decision, review or times', () => {
    const s = emptyState('bare');
    const line = provenanceLine({ id: 'bare', sourceHash: 'h' }, s, undefined, true, false, { annotators: new Annotators('pseudonyms'), localePack: 'null' });
    assert.equal(
      line,
      JSON.stringify({
        id: 'bare',
        exported: true,
        state: 'untranslated',
        reviewed: false,
        decision: null,
        rationale: null,
        provider: null,
        providerLabel: null,
        machineTranslation: null,
        edited: { question: false, answer: false },
        fromSuggestion: false,
        checklist: {},
        authors: [],
        reviewer: null,
        firstChange: null,
        lastChange: null,
        sourceHash: 'h',
        localePack: null,
      }),
    );
  });
});
