/**
 * The interface language: one i18next instance holding the catalogs shipped
 * in locales/ui/<lang>.json, and the language of the current CLI run. The
 * language is scoped to the run with AsyncLocalStorage (main() runs its
 * command inside withLanguage()), so in-process runs with different
 * languages never see each other's, and nothing global is changed. Outside a
 * run (the programmatic API, unit tests) the text is English.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import i18next, { type i18n } from 'i18next';
import { assetPath } from './paths.js';

/** Interface languages with a catalog; English is complete, the others fall back to it key by key. */
export const UI_LANGUAGES = ['en', 'ko'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'en';

/** The environment variables that choose the language, most important first (after --lang). */
export const LANGUAGE_ENV = ['CAREFULLY_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** "ko", "ko-KR", "ko_KR.UTF-8", "KO" → "ko"; "C", "POSIX", "fr_FR" → undefined. */
export function uiLanguageOf(tag: string | undefined): UiLanguage | undefined {
  const primary = tag
    ?.trim()
    .split(/[-_.@]/u)[0]
    ?.toLowerCase();
  return UI_LANGUAGES.find((l) => l === primary);
}

export interface LanguageChoice {
  language: UiLanguage;
  /** Where it came from: "--lang", an environment variable's name, or "default". */
  from: string;
  /** Set when --lang named a language without a catalog (the run then warns and uses English). */
  unknownFlag?: string;
}

/**
 * The run's language: --lang, then CAREFULLY_LANG, then the locale variables
 * (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them), else English. The first
 * one set decides; a language without a catalog means English.
 */
export function chooseLanguage(flag: string | undefined, env: Record<string, string | undefined>): LanguageChoice {
  if (flag !== undefined) {
    const language = uiLanguageOf(flag);
    return language ? { language, from: '--lang' } : { language: DEFAULT_UI_LANGUAGE, from: '--lang', unknownFlag: flag };
  }
  for (const name of LANGUAGE_ENV) {
    const value = env[name];
    if (value) return { language: uiLanguageOf(value) ?? DEFAULT_UI_LANGUAGE, from: name };
  }
  return { language: DEFAULT_UI_LANGUAGE, from: 'default' };
}

let instance: i18n | undefined;
/** Languages whose catalog is loaded: English (the fallback) at once, another when a run first speaks it. */
const loaded = new Set<UiLanguage>();

const readCatalog = (l: UiLanguage) => JSON.parse(readFileSync(assetPath('locales', 'ui', `${l}.json`), 'utf8')) as object;

/** The instance with `language`'s catalog loaded (read synchronously: t() must work from the first line a run prints). */
function catalogs(language: UiLanguage = DEFAULT_UI_LANGUAGE): i18n {
  const created = instance ?? create();
  if (!loaded.has(language)) {
    created.addResourceBundle(language, 'translation', readCatalog(language));
    loaded.add(language);
  }
  return created;
}

function create(): i18n {
  const created = i18next.createInstance();
  loaded.add(DEFAULT_UI_LANGUAGE);
  void created.init({
    resources: { [DEFAULT_UI_LANGUAGE]: { translation: readCatalog(DEFAULT_UI_LANGUAGE) } },
    lng: DEFAULT_UI_LANGUAGE,
    fallbackLng: DEFAULT_UI_LANGUAGE,
    supportedLngs: [...UI_LANGUAGES],
    initAsync: false,
    nsSeparator: false,
    // Terminal text, not HTML; data in it is escaped for the terminal by the printers (text-safety.ts).
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  });
  instance = created;
  return created;
}

const current = new AsyncLocalStorage<UiLanguage>();

/** Run `fn` (and everything it awaits) in this interface language. */
export function withLanguage<T>(language: UiLanguage, fn: () => T): T {
  return current.run(language, fn);
}

/** The interface language of the current run (English outside a run). */
export function uiLanguage(): UiLanguage {
  return current.getStore() ?? DEFAULT_UI_LANGUAGE;
}

/** The message `key` in the run's language (English where the catalog has no such key), with `{{name}}` filled from `vars`. */
export function t(key: string, vars?: Record<string, unknown>): string {
  const language = uiLanguage();
  return catalogs(language).getFixedT(language)(key, vars ?? {});
}

/** Whether a catalog (English unless told) has this message, plural forms included (for tests of the catalogs). */
export function hasMessage(key: string, language: UiLanguage = DEFAULT_UI_LANGUAGE): boolean {
  const i18n = catalogs(language);
  return [key, `${key}_other`].some((k) => i18n.exists(k, { lng: language, fallbackLng: false }));
}
