/** AnswerCarefully's risk taxonomy (data/answercarefully-taxonomy.json): Japanese labels with English names. */
import { readFileSync } from 'node:fs';
import { assetPath } from '../paths.js';

/** Labels whose canonical form is remembered at most (they are few in a real dataset). */
const MAX_MEMO = 10_000;

interface TaxonomyFile {
  riskAreas: { ja: string; en: string; harmTypes: { ja: string; en: string; specificHarms: string[] }[] }[];
}

export type TaxonomyLevel = 'riskArea' | 'harmType' | 'specificHarm';

export interface Taxonomy {
  riskAreas: { ja: string; en: string }[];
  harmTypes: { ja: string; en: string; riskArea: string }[];
  /** English name of a risk-area or harm-type label, if known. */
  english(level: TaxonomyLevel, label: string): string | undefined;
  isKnown(level: TaxonomyLevel, label: string): boolean;
  /** The risk area a harm type belongs to. */
  riskAreaOf(harmType: string): string | undefined;
  /** The known specific harms of a harm type. */
  specificHarms(harmType: string): string[];
  /** The taxonomy's spelling of a label: NFKC, trimmed, known aliases (data/answercarefully-taxonomy-aliases.json) resolved. */
  canonical(label: string): string;
}

let cached: Taxonomy | undefined;

export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(assetPath('data', 'answercarefully-taxonomy.json'), 'utf8')) as TaxonomyFile;
  const aliasFile = JSON.parse(readFileSync(assetPath('data', 'answercarefully-taxonomy-aliases.json'), 'utf8')) as { aliases: Record<string, string> };
  const aliases = new Map(Object.entries(aliasFile.aliases).map(([alias, label]) => [alias.normalize('NFKC').trim(), label]));
  // Memoised: labels repeat across records and are few, and NFKC costs (validation and `check` ask for every item's labels, issue #11).
  const canonicalOf = new Map<string, string>();
  const canonical = (label: string): string => {
    let c = canonicalOf.get(label);
    if (c === undefined) {
      const l = label.normalize('NFKC').trim();
      c = aliases.get(l) ?? l;
      if (canonicalOf.size >= MAX_MEMO) canonicalOf.clear(); // a source of garbage labels does not grow it for the whole process
      canonicalOf.set(label, c);
    }
    return c;
  };
  const names = { riskArea: new Map<string, string>(), harmType: new Map<string, string>(), specificHarm: new Map<string, string>() };
  const harmToArea = new Map<string, string>();
  for (const area of file.riskAreas) {
    names.riskArea.set(area.ja, area.en);
    for (const harm of area.harmTypes) {
      names.harmType.set(harm.ja, harm.en);
      harmToArea.set(harm.ja, area.ja);
      // Specific harms have no official English names; the label itself is the name.
      for (const specific of harm.specificHarms) names.specificHarm.set(specific, specific);
    }
  }
  cached = {
    riskAreas: file.riskAreas.map((a) => ({ ja: a.ja, en: a.en })),
    harmTypes: file.riskAreas.flatMap((a) => a.harmTypes.map((h) => ({ ja: h.ja, en: h.en, riskArea: a.ja }))),
    english: (level, label) => (level === 'specificHarm' ? undefined : names[level].get(canonical(label))),
    isKnown: (level, label) => names[level].has(canonical(label)),
    riskAreaOf: (harmType) => harmToArea.get(canonical(harmType)),
    specificHarms: (harmType) => file.riskAreas.flatMap((a) => a.harmTypes).find((h) => h.ja === canonical(harmType))?.specificHarms ?? [],
    canonical,
  };
  return cached;
}

/** "悪用 (Malicious Uses)" or just the label when its English name is unknown. */
export function describeLabel(level: TaxonomyLevel, label: string | undefined): string {
  if (!label) return '(none)';
  const en = loadTaxonomy().english(level, label);
  return en ? `${label} (${en})` : label;
}
