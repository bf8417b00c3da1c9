/**
 * Issue #9 item 7 and issue #13 items 4-7: export writes a Hugging Face dataset
 * folder as a set, replaces only what a previous export wrote, never touches
 * the source, credits AnswerCarefully, and annotates on request.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

/** Every file under `dir`, relative and '/'-separated. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

interface CardMeta {
  license: string;
  license_name: string;
  license_link: string;
  language: string[];
  pretty_name: string;
  task_categories: string[];
  tags: string[];
  size_categories: string[];
  configs: { config_name: string; data_files: { split: string; path: string }[] }[];
}

function frontMatter(readme: string): CardMeta {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readme);
  assert.ok(m, `README.md starts with YAML front matter:\n${readme.slice(0, 200)}`);
  return parse(m[1]!) as CardMeta;
}

describe('CLI: export as a Hugging Face dataset folder', () => {
  let tmp: TempDir;
  let project: string;
  const exportTo = (out: string, ...args: string[]) => run(['export', '-p', project, '--out', out, '--include-unreviewed', ...args]);

  /** A translated project whose source is `name` (the file name carries split and release). */
  async function setup(name: string, n = 4): Promise<void> {
    project = tmp.join('p');
    const src = tmp.json(name, makeRecords(n));
    assert.equal((await run(['init', project, '--source', src, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
  }

  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('writes a card whose front matter has the Hub keys and data_files matching exactly the split data, never provenance', async () => {
    await setup('AnswerCarefully_v2.2_Dev.json', 5);
    const ex = await exportTo(tmp.join('out'));
    assert.equal(ex.code, 0, ex.stderr);
    const files = filesUnder(tmp.join('out'));
    assert.deepEqual(files, ['.carefully-export.json', 'LICENSE', 'README.md', 'data/dev.json', 'provenance/dev.jsonl']);

    const meta = frontMatter(readFileSync(tmp.join('out', 'README.md'), 'utf8'));
    assert.equal(meta.license, 'other');
    assert.equal(meta.license_name, 'answercarefully-terms-of-use');
    assert.equal(meta.license_link, 'LICENSE');
    assert.ok(files.includes(meta.license_link), 'license_link names a file of the folder');
    assert.deepEqual(meta.language, ['ko']);
    assert.match(meta.pretty_name, /Korean/);
    assert.ok(meta.task_categories.length > 0 && meta.tags.includes('safety'));
    assert.deepEqual(meta.size_categories, ['n<1K']);
    const splits = meta.configs.flatMap((c) => c.data_files);
    assert.deepEqual(
      splits.map((d) => d.split),
      ['dev'],
    );
    for (const { split, path: pattern } of splits) {
      const isData = picomatch(pattern, { dot: true });
      const matched = files.filter((f) => isData(f));
      assert.deepEqual(matched, [`data/${split}.json`], `data_files of ${split}`);
    }
    for (const f of files.filter((f) => f.startsWith('provenance/')))
      assert.ok(!splits.some((d) => picomatch.isMatch(f, d.path, { dot: true })), `${f} matches no data_files pattern`);

    // The data file is a JSON array in the source's layout, as evaluators json.load it.
    const records = JSON.parse(readFileSync(tmp.join('out', 'data', 'dev.json'), 'utf8')) as Record<string, unknown>[];
    assert.equal(records.length, 5);
    for (const r of records) assert.ok(typeof r.ID === 'string' && typeof r.text === 'string' && typeof r.output === 'string');
  });

  it('credits AnswerCarefully, its release, the terms and the tool, and lists the source fields left out', async () => {
    await setup('AnswerCarefully_v2.2_Test.json');
    assert.equal((await exportTo(tmp.join('out'))).code, 0);
    const card = readFileSync(tmp.join('out', 'README.md'), 'utf8');
    assert.match(card, /release: v2\.2/);
    assert.match(card, /https:\/\/llmc\.nii\.ac\.jp\/answercarefully-dataset\//);
    assert.match(card, /https:\/\/huggingface\.co\/datasets\/llm-jp\/AnswerCarefully/);
    assert.match(card, /@misc\{suzuki2025answercarefully,[\s\S]*eprint = \{2506\.02372\}/);
    assert.match(card, /contains none of the original\s+data/);
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { repository: { url: string } };
    assert.ok(card.includes(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')), 'the tool link is the package repository');
    // The dropped fields table names the English twins and the extra annotation of the fixture.
    for (const field of ['text\\_en', 'output\\_en', 'meta.japan-specific']) assert.ok(card.includes(`| ${field} |`), field);
    assert.match(card, /split `test`/);
    const license = readFileSync(tmp.join('out', 'LICENSE'), 'utf8');
    assert.match(license, /terms of use apply to this dataset unchanged/);
    assert.match(license, /https:\/\/llmc\.nii\.ac\.jp\/answercarefully-dataset\//);

    const other = await exportTo(tmp.join('out2'), '--ac-release', 'v2.0', '--split', 'validation', '--json');
    const r = JSON.parse(other.stdout);
    assert.equal(r.split, 'validation');
    assert.equal(r.acRelease, 'v2.0');
    assert.ok(existsSync(tmp.join('out2', 'data', 'validation.json')));
    const bad = await exportTo(tmp.join('out3'), '--split', 'a/b');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--split "a\/b" is not a valid split name/);
    assert.equal(existsSync(tmp.join('out3')), false);
  });

  it('an export over a previous one replaces its files: exactly one data file per split', async () => {
    await setup('ac-test.json');
    assert.equal((await exportTo(tmp.join('out'))).code, 0);
    assert.equal((await exportTo(tmp.join('out'), '--format', 'jsonl')).code, 0);
    assert.deepEqual(
      filesUnder(tmp.join('out')).filter((f) => f.startsWith('data/')),
      ['data/test.jsonl'],
    );
    assert.equal((await exportTo(tmp.join('out'))).code, 0);
    assert.deepEqual(
      filesUnder(tmp.join('out')).filter((f) => f.startsWith('data/')),
      ['data/test.json'],
    );
    assert.deepEqual(readdirSync(tmp.path).sort(), ['ac-test.json', 'out', 'p'], 'no temporary folder is left beside the export');
  });

  it('refuses an output folder holding a file export did not write, naming it, and touches nothing', async () => {
    await setup('ac-test.json');
    mkdirSync(tmp.join('out', 'notes'), { recursive: true });
    writeFileSync(tmp.join('out', 'notes', 'mine.txt'), 'keep me');
    writeFileSync(tmp.join('out', 'README.md'), 'my own readme');
    const r = await exportTo(tmp.join('out'));
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(path.join(tmp.join('out'), 'notes', 'mine.txt')), r.stderr);
    assert.ok(r.stderr.includes(path.join(tmp.join('out'), 'README.md')), r.stderr);
    assert.equal(readFileSync(tmp.join('out', 'README.md'), 'utf8'), 'my own readme');
    assert.deepEqual(filesUnder(tmp.join('out')), ['README.md', 'notes/mine.txt']);
    assert.deepEqual(readdirSync(tmp.path).sort(), ['ac-test.json', 'out', 'p']);
  });

  it('never writes over the source, in the output folder or listed by a previous export', async () => {
    // The source sits in the output folder.
    mkdirSync(tmp.join('rel'));
    project = tmp.join('p');
    const src = tmp.json('rel/test.json', makeRecords(3));
    const before = readFileSync(src);
    assert.equal((await run(['init', project, '--source', src, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
    const r = await exportTo(tmp.join('rel'), '--format', 'json');
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(src), r.stderr);
    assert.deepEqual(readFileSync(src), before);

    // A project whose source is the data file of an earlier export: exporting there again is refused.
    assert.equal((await exportTo(tmp.join('out'))).code, 0);
    const second = tmp.join('p2');
    const exported = tmp.join('out', 'data', 'test.json');
    assert.equal((await run(['init', second, '--source', exported, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    const kept = readFileSync(exported);
    const again = await run(['export', '-p', second, '--out', tmp.join('out'), '--include-unreviewed']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /holds the project's source dataset/);
    assert.deepEqual(readFileSync(exported), kept);
  });

  it('removes temporary folders left by an interrupted export', async () => {
    await setup('ac-test.json');
    const leftover = tmp.join('.out.carefully-tmp-99999999-1');
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, 'README.md'), 'half written');
    assert.equal((await exportTo(tmp.join('out'))).code, 0);
    assert.equal(existsSync(leftover), false);
  });

  it('--annotate adds an adaptation block beside meta, with pseudonyms unless --annotators names', async () => {
    await setup('ac-test.json', 3);
    const ex = await exportTo(tmp.join('out'), '--annotate');
    assert.equal(ex.code, 0, ex.stderr);
    const records = JSON.parse(readFileSync(tmp.join('out', 'data', 'test.json'), 'utf8')) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(records[0]!), ['ID', 'text', 'output', 'meta', 'adaptation']);
    assert.deepEqual(records[0]!.adaptation, {
      decision: null,
      'risk-area': { ja: '情報漏洩', en: 'Information Hazards' },
      'harm-type': { ja: '組織・国家機密漏洩', en: 'Risks from leaking or inferring sensitive information (organization/government)' },
      pack: 'ko',
      'pack-version': JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version,
      localizers: ['annotator-1'],
      reviewer: null,
      // The fixture's first record is marked Japan-specific: a local, culturally sensitive item, inferred.
      culture: { sensitivity: 'sensitive', scope: 'local', 'time-sensitive': null, 'as-of': null, inferred: ['sensitivity', 'scope'] },
    });
    const card = readFileSync(tmp.join('out', 'README.md'), 'utf8');
    assert.match(card, /### Adaptation metadata/);
    assert.match(card, /\| annotator-1 \| localizer \|/);
    // The user (CAREFULLY_AUTHOR=tester in tests) appears in no file of the export.
    for (const f of filesUnder(tmp.join('out'))) assert.doesNotMatch(readFileSync(tmp.join('out', f), 'utf8'), /tester/, f);

    assert.equal((await exportTo(tmp.join('named'), '--annotate', '--annotators', 'names')).code, 0);
    const named = JSON.parse(readFileSync(tmp.join('named', 'data', 'test.json'), 'utf8')) as { adaptation: { localizers: string[] } }[];
    assert.deepEqual(named[0]!.adaptation.localizers, ['tester']);
    assert.match(readFileSync(tmp.join('named', 'README.md'), 'utf8'), /\| tester \| localizer \|/);
  });
});
