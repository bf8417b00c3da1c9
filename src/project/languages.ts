/** Language tags: validated with the runtime's ICU data, so any BCP 47 language Node knows is accepted. */
import { UsageError } from '../errors.js';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** English name of a known language tag, or undefined when the tag is malformed or unknown. */
export function languageName(tag: string): string | undefined {
  let canonical: string;
  try {
    [canonical = ''] = Intl.getCanonicalLocales(tag);
  } catch {
    return undefined;
  }
  // Judge the language subtag alone: DisplayNames "names" any well-formed tag with unknown parts.
  const language = new Intl.Locale(canonical).language;
  if (names.of(language) === language) return undefined;
  return names.of(canonical);
}

/** The canonical tag (e.g. "zh-hans" -> "zh-Hans"), or a UsageError naming the option. */
export function checkLanguage(tag: string, option: string): string {
  const name = languageName(tag);
  if (!name) {
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
