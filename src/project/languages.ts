/** Language tags: validated with the runtime's ICU data, so any BCP 47 language Node knows is accepted. */
import { UsageError } from '../errors.js';

// Created at first use: loading ICU's display names costs tens of milliseconds, which every
// command reading carefully.json would pay at start-up only to learn that "ko" is a language.
let displayNames: Intl.DisplayNames | undefined;
const names = () => (displayNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }));

/**
 * ISO 639-1 codes (canonical forms) that ICU names: accepted without loading
 * the display names. Any other language subtag is judged by Intl.DisplayNames.
 */
export const COMMON_LANGUAGES: ReadonlySet<string> = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr ' +
    'fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg ' +
    'li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
    'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tn to tr ts tt ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

/** The canonical form of a well-formed tag and its language subtag, or undefined when the tag is malformed. */
function parseTag(tag: string): { canonical: string; language: string } | undefined {
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(tag);
  } catch {
    return undefined;
  }
  return { canonical, language: new Intl.Locale(canonical).language };
}

// Judge the language subtag alone: DisplayNames "names" any well-formed tag with unknown parts.
const knownSubtag = (language: string) => COMMON_LANGUAGES.has(language) || names().of(language) !== language;

/** Whether a tag is well-formed and its language one the runtime knows (what languageName checks, without naming it). */
export function isKnownLanguage(tag: string): boolean {
  const parsed = parseTag(tag);
  return parsed !== undefined && knownSubtag(parsed.language);
}

/** English name of a known language tag, or undefined when the tag is malformed or unknown. */
export function languageName(tag: string): string | undefined {
  const parsed = parseTag(tag);
  if (!parsed || !knownSubtag(parsed.language)) return undefined;
  return names().of(parsed.canonical);
}

/** The canonical tag (e.g. "zh-hans" -> "zh-Hans"), or a UsageError naming the option. */
export function checkLanguage(tag: string, option: string): string {
  if (!isKnownLanguage(tag)) {
    throw new UsageError(
      `${option} "${tag}" is not a language code this tool knows. Use a BCP 47 tag such as ko (Korean), zh-Hans (Simplified Chinese), en, th, vi or id.`,
    );
  }
  return Intl.getCanonicalLocales(tag)[0]!;
}

/** The source side can only be the Japanese fields or their English translations. */
export function checkSourceLanguage(tag: string): 'ja' | 'en' {
  if (tag !== 'ja' && tag !== 'en') {
    throw new UsageError(
      `--from "${tag}" is not supported: translate from ja (the question/answer fields) or en (the English translations, roles questionEn/answerEn).`,
    );
  }
  return tag;
}
