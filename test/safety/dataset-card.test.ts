/** Issue #9 item 12: data values cannot inject Markdown or HTML into the dataset card. */
import assert from 'node:assert/strict';
import { renderDatasetCard, escapeMarkdown, type CardData } from '../../src/export/dataset-card.js';

const HOSTILE = 'Bad [click](https://evil.invalid) ![x](y) <img src=x onerror=alert(1)> | injected | cell |\n# Heading\n*bold* `code` &amp;';

function card(label: string, extra: Partial<CardData> = {}): string {
  return renderDatasetCard({
    title: 'T',
    languageName: 'Korean',
    to: 'ko',
    from: 'Japanese (ja)',
    generated: '2026-11-29',
    format: 'JSON Lines',
    sourceItems: 1,
    exported: 1,
    dropped: 0,
    excluded: 0,
    unreviewed: 0,
    pseudo: false,
    pseudoCount: 0,
    providers: 'pseudo: 1',
    decisions: [{ name: 'adapt', count: 1, kobbq: 'TM', meaning: 'target-specific entities changed' }],
    states: [{ name: 'approved', count: 1 }],
    decisionNames: ['transfer', 'adapt', 'replace-scenario', 'drop'],
    riskAreas: [{ label, exported: 1, counts: [0, 1, 0, 0] }],
    split: 'test',
    dataFile: 'data/test.jsonl',
    provenanceFile: 'provenance/test.jsonl',
    acRelease: 'v2.2',
    acPage: 'https://llmc.nii.ac.jp/answercarefully-dataset/',
    acHfPage: 'https://huggingface.co/datasets/llm-jp/AnswerCarefully',
    acPaper: 'https://arxiv.org/abs/2506.02372',
    toolUrl: 'https://github.com/carefully-dev/carefully',
    toolVersion: '0.1.0',
    droppedFields: [],
    annotators: [],
    annotatorNames: false,
    ...extra,
  });
}

/** Unescaped "|" in a Markdown table row (a "\|" does not split cells). */
const cells = (row: string) => row.split(/(?<!\\)\|/).length - 1;

describe('dataset card: data escaped for Markdown', () => {
  it('an unknown taxonomy label makes no link, image, HTML, heading or extra table cell', () => {
    const text = card(HOSTILE);
    const row = text.split('\n').find((l) => l.includes('click'))!;
    assert.ok(row, text);
    assert.equal(cells(row), 7, `the risk-area row keeps its 6 columns:\n${row}`);
    assert.doesNotMatch(text, /(?<!\\)\]\(https:\/\/evil/, 'no link or image syntax');
    assert.doesNotMatch(text, /(?<!\\)<img/, 'no raw HTML');
    assert.doesNotMatch(text, /^# Heading/m, 'no heading from data');
    assert.doesNotMatch(text, /(?<!\\)\*bold/);
    assert.doesNotMatch(text, /(?<!\\)&amp;/);
  });

  it('escapes other data values too (providers, agreement) and control characters', () => {
    const text = card('x', { providers: 'deepl <script>alert(1)</script>', agreement: 'see [here](https://evil.invalid)\u001b[2J' });
    assert.doesNotMatch(text, /(?<!\\)<script>/);
    assert.doesNotMatch(text, /(?<!\\)\]\(https:\/\/evil/);
    // eslint-disable-next-line no-control-regex -- looks for a raw ESC
    assert.doesNotMatch(text, /\u001b/);
    assert.match(text, /\\u001b\\\[2J/);
  });

  it('escapeMarkdown leaves ordinary text readable', () => {
    assert.equal(escapeMarkdown('Korean (ko), 3 items: 보이스피싱.'), 'Korean (ko), 3 items: 보이스피싱.');
    assert.equal(escapeMarkdown('a|b'), 'a\\|b');
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
  });
});
