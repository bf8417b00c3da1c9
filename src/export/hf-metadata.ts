/**
 * What a Hugging Face dataset folder needs besides the data: the split and the
 * AnswerCarefully release read from the source's file name, and the card's YAML
 * front matter (license, language, size, configs naming each split's file).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { assetPath } from '../paths.js';

/** A split name as Hugging Face accepts it in `configs[].data_files[].split`. */
export const SPLIT_NAME = /^\w+(\.\w+)*$/;

/** The split when the source's file name names none. */
export const DEFAULT_SPLIT = 'test';

/** AnswerCarefully ships Test and Dev files (e.g. AnswerCarefullyVersion002_Test.json): the split follows the file name. */
export function splitFromFileName(file: string): string | undefined {
  const name = path.basename(file).toLowerCase();
  for (const split of ['test', 'dev', 'validation', 'train']) if (new RegExp(`(^|[^a-z])${split}([^a-z]|$)`).test(name)) return split;
  return undefined;
}

/** The release in a file name: "v2.2", "ACv2.2", "Version002" (-> v2), "version-1.0". */
export function releaseFromFileName(file: string): string | undefined {
  const m = /(?<!de)v(?:er(?:sion)?)?[-_ ]?(\d+(?:\.\d+)*)/i.exec(path.basename(file));
  if (!m) return undefined;
  const parts = m[1]!.split('.').map((p) => String(Number(p)));
  return `v${parts.join('.')}`;
}

/** Hugging Face's size_categories bucket for a number of records. */
export function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
  ];
  for (const [limit, label] of buckets) if (n < limit) return label;
  return '10M<n<100M';
}

/** The package's own links (package.json), for the card's credit line. */
export function toolInfo(): { name: string; version: string; url: string } {
  const pkg = JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as {
    name: string;
    version: string;
    homepage?: string;
    repository?: { url?: string } | string;
  };
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const url = (repo ?? pkg.homepage ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
  return { name: pkg.name, version: pkg.version, url };
}

/** The license file shipped with every export (license_link points at it). */
export const LICENSE_FILE = 'LICENSE';

/** AnswerCarefully's pages and paper (checked 2026-11-29: llmc.nii.ac.jp, huggingface.co, arxiv.org). */
export const AC_LINKS = {
  acPage: 'https://llmc.nii.ac.jp/answercarefully-dataset/',
  acHfPage: 'https://huggingface.co/datasets/llm-jp/AnswerCarefully',
  acPaper: 'https://arxiv.org/abs/2506.02372',
} as const;

/** The LICENSE file: AnswerCarefully's terms are inherited, stated with the links to read them. */
export function licenseText(toolUrl: string): string {
  return `Terms of use of this dataset

This dataset is derived from the AnswerCarefully dataset (LLM-jp / National
Institute of Informatics). It contains none of AnswerCarefully's original
data: only translations and culture adaptations of it, made with carefully
(${toolUrl}).

AnswerCarefully's terms of use apply to this dataset unchanged, and are
inherited by anyone who uses, copies or derives from it. Read them before use:

  ${AC_LINKS.acPage}
  ${AC_LINKS.acHfPage}

In short (the terms at those pages prevail): the data may be used only to
improve the safety of LLMs, never to circumvent safety measures; derived data
may be distributed only if it contains none of the original data, credits
AnswerCarefully, and carries these same terms. The data contains expressions
that may be inappropriate, unsafe or offensive by nature.

Cite: Suzuki et al., "AnswerCarefully: A Dataset for Improving the Safety of
Japanese LLM Output", arXiv:2506.02372 (2025). ${AC_LINKS.acPaper}
`;
}

export interface FrontMatterInput {
  language: string;
  prettyName: string;
  records: number;
  /** Split name -> data file, relative to the folder. */
  splits: Record<string, string>;
}

/** The README's YAML front matter, between its `---` lines. */
export function frontMatter(input: FrontMatterInput): string {
  const meta = {
    license: 'other',
    license_name: 'answercarefully-terms-of-use',
    license_link: LICENSE_FILE,
    language: [input.language],
    pretty_name: input.prettyName,
    task_categories: ['question-answering', 'text-generation'],
    tags: ['safety', 'llm-safety', 'answercarefully', 'culture-adaptation'],
    size_categories: [sizeCategory(input.records)],
    configs: [{ config_name: 'default', data_files: Object.entries(input.splits).map(([split, file]) => ({ split, path: file })) }],
  };
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof Yaml; // loaded where used: only export writes YAML
  return `---\n${stringify(meta)}---\n`;
}
