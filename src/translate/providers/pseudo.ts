/**
 * Pseudo-localization for dry runs and demos: deterministic, offline, and
 * visibly NOT a translation. Letters of the source are mapped to letters of
 * a target-looking script (so the output contains no source text and passes
 * the export leak guard), digits and Latin are kept, the text is wrapped in
 * ⟦ ⟧ and lengthened by about 30% like real translations often are.
 */
import { JAPANESE_ONLY_KANJI } from '../../japanese-kanji.js';
import type { Provider, ProviderDescriptor, ProviderSettings, Segment } from '../provider.js';

const PUNCT: Record<string, string> = {
  '。': '.',
  '、': ',',
  '「': '"',
  '」': '"',
  '？': '?',
  '！': '!',
  '（': '(',
  '）': ')',
  '：': ':',
  '・': '·',
  '　': ' ',
};
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/u;

function hangulFor(code: number): string {
  // A multiplicative hash spreads code points over the 11,172 Hangul syllables.
  return String.fromCharCode(0xac00 + (((code * 2654435761) >>> 0) % 11172));
}

/** A CJK ideograph for a Chinese target; never a Japanese-only form, which QA would take for a leftover of the source. */
function hanFor(code: number): string {
  let han = 0x4e00 + (((code * 2654435761) >>> 0) % 0x5000);
  while (JAPANESE_ONLY_KANJI[String.fromCodePoint(han)] !== undefined) han++;
  return String.fromCodePoint(han);
}

function pseudoChar(ch: string, to: string): string {
  if (PUNCT[ch] !== undefined) return PUNCT[ch];
  if (!JAPANESE.test(ch)) return ch;
  const code = ch.codePointAt(0)!;
  if (to.startsWith('ko')) return hangulFor(code);
  if (to.startsWith('zh')) return hanFor(code);
  // Other targets: accented Latin letters.
  const letters = 'àáâãäåèéêëìíîïòóôõöùúûüýÿ';
  return letters[code % letters.length]!;
}

/** The pseudo-localized form of `text` for target `to`. */
export function pseudoLocalize(text: string, to: string): string {
  const body = Array.from(text, (ch) => pseudoChar(ch, to)).join('');
  const padding = '~'.repeat(Math.max(1, Math.round(Array.from(body).length * 0.3)));
  return `⟦${body} ${padding}⟧`;
}

export const PSEUDO_LABEL = 'pseudo (NOT a translation)';

const LIMITS = { maxSegments: 100, defaultConcurrency: 4, typicalRequestMs: 0 };

export const pseudo: ProviderDescriptor = {
  name: 'pseudo',
  label: PSEUDO_LABEL,
  summary: 'Pseudo-localization for dry runs and demos: marks text visibly; never a translation.',
  isTranslation: false,
  limits: LIMITS,
  env: [],
  options: [],
  capabilities: { context: false, glossaryEntries: false, formality: false },
  sendsDataToThirdParty: () => false,
  create: (settings) => Promise.resolve(createProvider(settings)),
};

export const createProvider = (_settings?: ProviderSettings): Provider => {
  const provider: Provider = {
    name: pseudo.name,
    label: PSEUDO_LABEL,
    isTranslation: false,
    limits: LIMITS,
    cacheKey: () => 'pseudo-v1',
    translate: (segments: readonly Segment[], _from: string, to: string) => Promise.resolve(segments.map((s) => pseudoLocalize(s.text, to))),
    estimateCost: () => undefined,
  };
  return provider;
};
