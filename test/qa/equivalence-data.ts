/**
 * Inputs for the QA equivalence test: the examples' items with generated
 * targets, and a generated set (seeded PRNG) built from the locale packs' own
 * terms mixed with what touches their word edges (Hangul, particles, Latin,
 * digits, full-width and half-width forms, spaces, Japanese punctuation).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prng } from '../helpers/prng.js';
import { KOREAN_PARTICLES } from '../../src/locale/korean-particles.js';
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import type { SourceItem } from '../../src/dataset/item.js';
import type { QaDecision, QaInput } from '../../src/qa/types.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/answercarefully-synthetic.json', import.meta.url));

const FILLERS = [
  '안전',
  '합니다',
  '해요',
  '에서',
  '엔진',
  '온라인',
  'online',
  'Line',
  'ONLINE',
  'yen',
  'Yen',
  '１１０',
  '1110',
  '110',
  '119',
  '1393',
  '0120',
  '-',
  ' ',
  '  ',
  '\n',
  '、',
  '。',
  '・',
  '(',
  ')',
  '（',
  '）',
  '번',
  '번째',
  '番',
  'に',
  'へ',
  'ｶﾀｶﾅ',
  'ﾃﾞﾝﾜ',
  'です',
  '電話',
  'abc',
  '_',
  '5,000',
  '만',
  '원',
  '億',
  '#',
  '.',
  ',',
  'https://example.org/a',
  '{name}',
  '<b>',
];
const DECISIONS: (QaDecision | undefined)[] = [undefined, undefined, 'transfer', 'adapt', 'replace-scenario', 'drop'];
const LANGUAGES = ['ko', 'ko', 'ko', 'ko-KR', 'en', 'zh-Hans', 'ja'];

/** Every literal a pack matches on, and what it renders them as. */
function packTerms(pack: LocalePack): string[] {
  const terms: string[] = [];
  for (const g of pack.glossary) terms.push(g.source, ...(g.target ? [g.target] : []));
  for (const e of pack.equivalents) terms.push(...e.source, e.target, ...(e.leftovers ?? []), ...(e.outdated ?? []));
  return terms.filter((t) => t.trim() !== '');
}

/** A variant of a term a matcher must see through or must reject: case, width, spacing. */
function variant(term: string, r: () => number): string {
  switch (Math.floor(r() * 8)) {
    case 0:
      return term.toLowerCase();
    case 1:
      return term.toUpperCase();
    case 2:
      // Full-width ASCII (NFKC folds it back).
      return term.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 3:
      return term.replace(/\s+/g, '');
    case 4:
      return term.replace(/\s/g, '  ');
    default:
      return term;
  }
}

export function generatedText(r: () => number, terms: readonly string[], parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) {
    const x = r();
    if (x < 0.35) text += variant(terms[Math.floor(r() * terms.length)]!, r);
    else if (x < 0.45) text += KOREAN_PARTICLES[Math.floor(r() * KOREAN_PARTICLES.length)]!;
    else text += FILLERS[Math.floor(r() * FILLERS.length)]!;
  }
  return text;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function withOptions(
  r: () => number,
  pack: LocalePack,
  terms: readonly string[],
  item: SourceItem,
  target: { question: string; answer: string },
  language?: string,
): QaInput {
  const input: QaInput = { item, sourceLanguage: r() < 0.8 ? 'ja' : 'en', targetLanguage: language ?? pick(r, LANGUAGES), target };
  const decision = pick(r, DECISIONS);
  if (decision !== undefined) input.decision = decision;
  if (r() < 0.3) input.rationale = generatedText(r, terms, 3);
  if (r() < 0.4) input.mt = { question: generatedText(r, terms, 6), answer: generatedText(r, terms, 8) };
  if (r() < 0.3) {
    const eq = pick(r, pack.equivalents);
    input.intendedChanges = [r() < 0.5 ? eq.id : `${pick(r, eq.source)} -> ${eq.target}`, ...(r() < 0.3 ? [pick(r, terms)] : [])];
  }
  return input;
}

/** The 36 synthetic examples, each with targets generated from its own source and the pack's terms. */
export function exampleInputs(pack: LocalePack, seed = 11): QaInput[] {
  const r = prng(seed);
  const terms = packTerms(pack);
  const records = JSON.parse(readFileSync(EXAMPLES, 'utf8')) as Record<string, unknown>[];
  const out: QaInput[] = [];
  records.forEach((rec, index) => {
    const item: SourceItem = {
      index,
      id: String(rec.ID),
      question: String(rec.text),
      answer: String(rec.output),
      questionEn: String(rec.text_en),
      answerEn: String(rec.output_en),
      sourceHash: `example-${index}`,
    };
    // Untranslated, the English text, and a generated Korean-ish target.
    out.push(withOptions(r, pack, terms, item, { question: item.question, answer: item.answer }, 'ko'));
    out.push(withOptions(r, pack, terms, item, { question: item.questionEn!, answer: item.answerEn! }, 'ko'));
    out.push(withOptions(r, pack, terms, item, { question: generatedText(r, terms, 10), answer: `${generatedText(r, terms, 20)}${item.answer.slice(0, 20)}` }));
  });
  return out;
}

/** `n` generated items (sources and targets from the pack's terms and edge characters). */
export function generatedInputs(pack: LocalePack, n: number, seed = 1111): QaInput[] {
  const r = prng(seed);
  const terms = packTerms(pack);
  const out: QaInput[] = [];
  for (let index = 0; index < n; index++) {
    const item: SourceItem = {
      index,
      id: `gen-${index}`,
      question: generatedText(r, terms, 4 + Math.floor(r() * 8)),
      answer: generatedText(r, terms, 6 + Math.floor(r() * 14)),
      sourceHash: `gen-${index}`,
      ...(r() < 0.6 ? { questionEn: generatedText(r, terms, 5), answerEn: generatedText(r, terms, 7) } : {}),
    };
    const target = { question: generatedText(r, terms, 4 + Math.floor(r() * 8)), answer: generatedText(r, terms, 6 + Math.floor(r() * 14)) };
    out.push(withOptions(r, pack, terms, item, target));
  }
  return out;
}

/** Texts for the leftover and equivalents engines (wizard users): generated ones. */
export function generatedTexts(pack: LocalePack, n: number, seed = 111): string[] {
  const r = prng(seed);
  const terms = packTerms(pack);
  return Array.from({ length: n }, () => generatedText(r, terms, 3 + Math.floor(r() * 12)));
}
