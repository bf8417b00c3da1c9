import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../src/paths.js';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';

interface Report {
  ok: boolean;
  tag?: string;
  errors: { file: string; pointer: string; message: string }[];
  warnings: { file: string; pointer: string; message: string }[];
}

function writePack(root: string, name: string, data: unknown): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pack.json'), JSON.stringify(data, null, 2));
  return dir;
}

describe('carefully pack check', () => {
  for (const tag of ['base', 'ko', 'zh-Hans']) {
    it(`passes the shipped ${tag} pack`, async () => {
      const r = await run(['pack', 'check', assetPath('locales', tag), '--json']);
      const report = JSON.parse(r.stdout) as Report;
      assert.deepEqual(report.errors, []);
      assert.equal(report.ok, true);
      assert.equal(report.tag, tag);
      assert.equal(r.code, 0);
    });
  }

  it('lists each problem of a broken pack with file, pointer and reason, and exits 1', async () => {
    const tmp = new TempDir();
    const dir = writePack(tmp.path, 'xx', {
      tag: 'xx',
      languageName: 'Broken',
      checklist: [
        { id: 'q-one', prompt: 'A?', effects: { yes: 'ok', no: 'ok' }, when: { patterns: ['(unclosed'], riskAreas: ['No such risk area'] } },
        { id: 'q-one', prompt: 'Again?', effects: { yes: 'ok', no: 'ok' } },
      ],
      equivalents: [{ id: 'eq-a', category: 'place', source: ['東京'], target: 'X', leftoverPatterns: ['[z-a]'] }],
      glossary: [],
    });
    const r = await run(['pack', 'check', dir, '--json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as Report;
    const file = path.join(dir, 'pack.json');
    const pointers = report.errors.map((e) => e.pointer).sort();
    assert.deepEqual(pointers, ['/checklist/0/when/patterns/0', '/checklist/1/id', '/equivalents/0/leftoverPatterns/0'].sort());
    assert.ok(report.errors.every((e) => e.file === file));
    assert.match(report.errors.find((e) => e.pointer === '/checklist/1/id')!.message, /"q-one" is already used by checklist\[0\]/u);

    const text = await run(['pack', 'check', dir]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /error {3}\S*pack\.json \/checklist\/0\/when\/patterns\/0: is not a valid regular expression/u);
    assert.match(text.stdout, /3 error\(s\)/u);
  });

  it('reports schema errors, unknown taxonomy labels, duplicate source terms and unknown i18n languages', async () => {
    const tmp = new TempDir();
    const schemaBroken = writePack(tmp.path, 'yy', {
      tag: 'yy',
      languageName: 'Y',
      checklist: [{ id: 'q', prompt: 'A?', effects: { yes: 'maybe', no: 'ok' } }],
      equivalents: [],
      glossary: [],
      extra: 1,
    });
    const s = JSON.parse((await run(['pack', 'check', schemaBroken, '--json'])).stdout) as Report;
    assert.deepEqual(s.errors.map((e) => e.pointer).sort(), ['/checklist/0/effects/yes', '/extra']);

    const dir = writePack(tmp.path, 'zz', {
      tag: 'zz',
      languageName: 'Z',
      checklist: [{ id: 'q', prompt: 'A?', effects: { yes: 'ok', no: 'ok' }, when: { harmTypes: ['Not a harm type'] }, i18n: { xx: { prompt: 'B?' } } }],
      equivalents: [
        { id: 'zz-one', category: 'emergency', source: ['110番'], target: '113' },
        { id: 'zz-two', category: 'place', source: ['架空町', '架空町'], target: 'Y' },
        { id: 'zz-three', category: 'place', source: ['架空町'], target: 'W' },
      ],
      glossary: [],
    });
    const r = await run(['pack', 'check', dir, '--json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as Report;
    const byPointer = new Map(report.errors.map((e) => [e.pointer, e.message]));
    assert.match(byPointer.get('/checklist/0/when/harmTypes/0') ?? '', /not a known harmType label/u);
    assert.match(byPointer.get('/checklist/0/i18n/xx') ?? '', /not an interface language/u);
    assert.match(byPointer.get('/equivalents/0/source/0') ?? '', /"110番" is already an equivalent of emergency-police \(base pack\)/u);
    assert.match(byPointer.get('/equivalents/1/source/1') ?? '', /"架空町" is already an equivalent of this equivalent \(listed twice\)/u);
    assert.match(byPointer.get('/equivalents/2/source/0') ?? '', /"架空町" is already an equivalent of zz-two/u);
    assert.equal(report.errors.length, 5);
  });
});

describe('carefully pack init', () => {
  it('writes a skeleton from base that pack check passes, with empty fields as warnings', async () => {
    const tmp = new TempDir();
    const r = await run(['pack', 'init', 'vi'], { cwd: tmp.path });
    assert.equal(r.code, 0, r.stderr);
    const file = tmp.join('vi', 'pack.json');
    const skeleton = JSON.parse(readFileSync(file, 'utf8')) as {
      $schema: string;
      tag: string;
      checklist: { id: string; help?: string }[];
      checklistOverrides: Record<string, { help?: string; patterns?: string[] }>;
      equivalents: { id: string; target: string; asOf: string; sourceUrl: string }[];
    };
    const base = JSON.parse(readFileSync(assetPath('locales', 'base', 'pack.json'), 'utf8')) as typeof skeleton;
    assert.equal(skeleton.tag, 'vi');
    assert.equal(path.resolve(tmp.join('vi'), skeleton.$schema), assetPath('schemas', 'locale-pack.schema.json'));
    assert.deepEqual(skeleton.checklist, []);
    assert.deepEqual(
      Object.keys(skeleton.checklistOverrides),
      base.checklist.map((q) => q.id),
    );
    assert.deepEqual(
      Object.values(skeleton.checklistOverrides).map((q) => q.help),
      base.checklist.map((q) => q.help),
    );
    // The question whose patterns each pack supplies asks for them.
    assert.deepEqual(skeleton.checklistOverrides['about-target-country']?.patterns, []);
    assert.deepEqual(
      skeleton.equivalents.map((e) => e.id),
      base.equivalents.map((e) => e.id),
    );
    assert.ok(skeleton.equivalents.every((e) => e.target === '' && e.asOf === '' && e.sourceUrl === ''));

    const check = await run(['pack', 'check', 'vi', '--json'], { cwd: tmp.path });
    assert.equal(check.code, 0, check.stdout);
    const report = JSON.parse(check.stdout) as Report;
    assert.deepEqual(report.errors, []);
    assert.equal(report.warnings.length, base.equivalents.length * 3 + 1);
    assert.ok(report.warnings.some((w) => w.pointer === '/equivalents/0/target'));
    assert.match(report.warnings.find((w) => w.pointer === '/checklistOverrides/about-target-country/patterns')!.message, /never shows without them/u);

    // Filling a target in removes its warning.
    skeleton.equivalents[0]!.target = '113';
    writeFileSync(file, JSON.stringify(skeleton));
    const again = JSON.parse((await run(['pack', 'check', 'vi', '--json'], { cwd: tmp.path })).stdout) as Report;
    assert.equal(again.warnings.length, base.equivalents.length * 3);
  });

  it('refuses to overwrite a pack and rejects a malformed tag (exit 2)', async () => {
    const tmp = new TempDir();
    assert.equal((await run(['pack', 'init', 'vi', '--out', 'p'], { cwd: tmp.path })).code, 0);
    const again = await run(['pack', 'init', 'vi', '--out', 'p'], { cwd: tmp.path });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/u);
    assert.equal((await run(['pack', 'init', 'not a tag'], { cwd: tmp.path })).code, 2);
  });
});

describe('localePack as a folder of the project', function () {
  this.timeout(60_000);

  it('check, pack show and adapt --answers use the project pack; a missing folder is named (exit 2)', async () => {
    const tmp = new TempDir();
    const src = tmp.json('ac.json', makeRecords(3));
    const project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', src, '--to', 'vi'])).code, 0);
    const configFile = path.join(project, 'carefully.json');
    writeFileSync(configFile, JSON.stringify({ ...(JSON.parse(readFileSync(configFile, 'utf8')) as object), localePack: './vi-pack' }));

    const missing = await run(['check', '-p', project]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /localePack "\.\/vi-pack" in \S*carefully\.json names \S*vi-pack, which has no pack\.json/u);

    assert.equal((await run(['pack', 'init', 'vi', '--out', path.join(project, 'vi-pack')])).code, 0);
    const file = path.join(project, 'vi-pack', 'pack.json');
    const pack = JSON.parse(readFileSync(file, 'utf8')) as { checklist: unknown[] };
    pack.checklist.push({ id: 'vi-only', prompt: 'Does the item need a Vietnamese check?', effects: { yes: 'ok', no: 'ok' } });
    writeFileSync(file, JSON.stringify(pack));

    const show = await run(['pack', 'show', '-p', project, '--json']);
    assert.equal(show.code, 0, show.stderr);
    assert.ok((JSON.parse(show.stdout) as { checklist: { id: string }[] }).checklist.some((q) => q.id === 'vi-only'));

    assert.equal((await run(['translate', '-p', project])).code, 0);
    const check = await run(['check', '-p', project]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /locale pack \.\/vi-pack/u);

    const answers = tmp.file('a.jsonl', `${JSON.stringify({ id: 'test-0000', decision: 'transfer', checklist: { 'vi-only': 'yes' } })}\n`);
    const adapt = await run(['adapt', '-p', project, '--answers', answers]);
    assert.equal(adapt.code, 0, adapt.stderr);

    // An invalid project pack is reported with its file and field.
    writeFileSync(file, JSON.stringify({ ...pack, tag: 7 }));
    const broken = await run(['check', '-p', project]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /vi-pack[/\\]pack\.json\S*.*tag/u);
  });
});

describe('when conditions on annotations', function () {
  this.timeout(60_000);

  it('apply a question by annotation path and value or list of values; japanSpecific still works', async () => {
    const tmp = new TempDir();
    const src = tmp.json('ac.json', [
      { ...makeRecord(0), annotations: { region: { scope: 'regional' }, tags: ['kr', 'jp'] } }, // japan-specific true
      { ...makeRecord(1), annotations: { region: { scope: 'global' }, tags: ['kr'] } }, // japan-specific false
      makeRecord(3), // no annotations, japan-specific false
    ]);
    const project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', src, '--to', 'vi'])).code, 0);
    const yn = { effects: { yes: 'ok', no: 'ok' } };
    writePack(project, 'pk', {
      tag: 'vi',
      languageName: 'Vietnamese',
      checklist: [
        { id: 'scope-local', prompt: 'Local?', ...yn, when: { annotations: { 'region.scope': ['local', 'regional'] } } },
        { id: 'tag-jp', prompt: 'Tagged jp?', ...yn, when: { annotations: { tags: 'jp', 'region.scope': 'regional' } } },
        { id: 'japan-only', prompt: 'Japan?', ...yn, when: { japanSpecific: true } },
      ],
      equivalents: [],
      glossary: [],
    });
    assert.equal((await run(['pack', 'check', path.join(project, 'pk')])).code, 0);
    const configFile = path.join(project, 'carefully.json');
    writeFileSync(configFile, JSON.stringify({ ...(JSON.parse(readFileSync(configFile, 'utf8')) as object), localePack: './pk' }));
    assert.equal((await run(['translate', '-p', project])).code, 0);

    const applies = async (id: string, question: string): Promise<boolean> => {
      const file = tmp.file(`${id}-${question}.jsonl`, `${JSON.stringify({ id, decision: 'transfer', checklist: { [question]: 'no' } })}\n`);
      const r = await run(['adapt', '-p', project, '--answers', file]);
      if (r.code !== 0) assert.match(r.stderr, /does not apply to this item/u);
      return r.code === 0;
    };
    assert.deepEqual(
      [await applies('test-0000', 'scope-local'), await applies('test-0001', 'scope-local'), await applies('test-0003', 'scope-local')],
      [true, false, false],
    );
    assert.deepEqual([await applies('test-0000', 'tag-jp'), await applies('test-0001', 'tag-jp')], [true, false]);
    assert.deepEqual([await applies('test-0000', 'japan-only'), await applies('test-0001', 'japan-only')], [true, false]);

    const show = await run(['pack', 'show', '-p', project]);
    assert.match(show.stdout, /when: annotation region\.scope = "local" or "regional"/u);
  });
});
