import assert from 'node:assert/strict';
import { DataError } from '../../src/errors.js';
import { assetPath } from '../../src/paths.js';
import { availableLocalePacks, clearLocalePackCache, fallbackTags, loadLocalePack, readPackFile } from '../../src/locale/locale-pack.js';
import { TempDir } from '../helpers/fixtures.js';
import { minimalPack, packDir } from './helpers.js';

function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  assert.fail('expected a DataError');
}

describe('locale packs: shipped packs', () => {
  it('base and ko are valid, with no warnings (all taxonomy labels known)', () => {
    const base = readPackFile(assetPath('locales', 'base', 'pack.json'), 'base');
    assert.deepEqual(base.warnings, []);
    const ko = readPackFile(assetPath('locales', 'ko', 'pack.json'), 'ko');
    assert.deepEqual(ko.warnings, []);
    const loaded = loadLocalePack('ko');
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.resolved, 'ko');
    assert.equal(loaded.pack.tag, 'ko');
    assert.equal(loaded.pack.nativeName, '한국어');
  });

  it('lists ko as available, not base', () => {
    const tags = availableLocalePacks();
    assert.ok(tags.includes('ko'));
    assert.ok(!tags.includes('base'));
  });

  it('ko overrides base questions field by field and controls their order', () => {
    const base = loadLocalePack('base').pack;
    const ko = loadLocalePack('ko').pack;
    const baseQ = base.checklist.find((q) => q.id === 'same-specific-harm');
    const koQ = ko.checklist.find((q) => q.id === 'same-specific-harm');
    assert.ok(baseQ && koQ);
    // ko gives only `help`: prompt and effects are inherited from base.
    assert.equal(koQ.prompt, baseQ.prompt);
    assert.deepEqual(koQ.effects, baseQ.effects);
    assert.notEqual(koQ.help, baseQ.help);
    assert.equal(ko.checklist.at(-1)?.id, 'same-specific-harm');
    // Each id once.
    const ids = ko.checklist.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('ko equivalents inherit their Japanese source terms from base', () => {
    const ko = loadLocalePack('ko').pack;
    const police = ko.equivalents.find((e) => e.id === 'emergency-police');
    assert.ok(police);
    assert.ok(police.source.includes('110番'));
    assert.equal(police.category, 'emergency');
    assert.match(police.target, /112/u);
  });

  it('ko prefers 합쇼체 for answers and defines that register', () => {
    const ko = loadLocalePack('ko').pack;
    assert.equal(ko.preferredRegister?.answer, 'hapsho');
    assert.ok(ko.registers?.some((r) => r.id === 'hapsho'));
  });
});

describe('locale packs: tags', () => {
  it('falls back along the tag', () => {
    assert.deepEqual(fallbackTags('zh-Hans-CN'), ['zh-Hans-CN', 'zh-Hans', 'zh']);
    assert.deepEqual(fallbackTags('ko'), ['ko']);
  });

  it('resolves region and case variants to the ko pack', () => {
    assert.equal(loadLocalePack('ko-KR').resolved, 'ko');
    assert.equal(loadLocalePack('KO').resolved, 'ko');
  });

  it('prefers the most specific pack folder', () => {
    const tmp = new TempDir();
    try {
      const dir = packDir(tmp.path, { zh: minimalPack('zh'), 'zh-Hans': minimalPack('zh-Hans') });
      assert.equal(loadLocalePack('zh-Hans-CN', { dir }).resolved, 'zh-Hans');
      assert.equal(loadLocalePack('zh-Hant', { dir }).resolved, 'zh');
    } finally {
      tmp.remove();
    }
  });

  it('gives the base pack with a warning for an unknown tag', () => {
    const loaded = loadLocalePack('xx');
    assert.equal(loaded.resolved, 'base');
    assert.equal(loaded.pack.tag, 'base');
    assert.equal(loaded.warnings.length, 1);
    assert.match(loaded.warnings[0] ?? '', /No locale pack for "xx"/u);
    assert.ok(loaded.pack.checklist.length > 0);
  });

  it('caches per process', () => {
    assert.equal(loadLocalePack('ko'), loadLocalePack('ko'));
  });
});

describe('locale packs: invalid data', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
    clearLocalePackCache();
  });
  afterEach(() => tmp.remove());

  it('names the file and the JSON path of a wrong effect', () => {
    const dir = packDir(tmp.path, {
      xx: minimalPack('xx', { checklist: [{ id: 'q1', prompt: 'Is it?', effects: { yes: 'maybe', no: 'ok' } }] }),
    });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    assert.match(err.message, /xx[/\\]pack\.json/u);
    assert.match(err.message, /checklist\[0\]\.effects\.yes/u);
    assert.equal(err.problems[0]?.field, 'checklist[0].effects.yes');
    assert.match(err.problems[0]?.file ?? '', /xx[/\\]pack\.json$/u);
  });

  it('names a missing required field and an unknown one', () => {
    const bad = minimalPack('xx', { equivalents: [{ id: 'e1', category: 'place', source: ['東京'], target: '서울', sorce: ['x'] }] });
    delete bad.languageName;
    const err = dataError(() => loadLocalePack('xx', { dir: packDir(tmp.path, { xx: bad }) }));
    const fields = err.problems.map((p) => p.field);
    assert.ok(fields.includes('languageName'), String(fields));
    assert.ok(fields.includes('equivalents[0].sorce'), String(fields));
  });

  it('rejects a regular expression that does not compile, by path', () => {
    const dir = packDir(tmp.path, {
      xx: minimalPack('xx', { checklist: [{ id: 'q1', prompt: 'P', when: { patterns: ['ok', '(unclosed'] }, effects: { yes: 'ok', no: 'ok' } }] }),
    });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    assert.equal(err.problems[0]?.field, 'checklist[0].when.patterns[1]');
  });

  it('rejects a handlebars template that does not parse', () => {
    const dir = packDir(tmp.path, { xx: minimalPack('xx', { checklist: [{ id: 'q1', prompt: 'Hello {{#if item}}', effects: { yes: 'ok', no: 'ok' } }] }) });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    assert.equal(err.problems[0]?.field, 'checklist[0].prompt');
  });

  it('rejects duplicate ids and a tag that does not match the folder', () => {
    const q = { id: 'q1', prompt: 'P', effects: { yes: 'ok', no: 'ok' } };
    const dir = packDir(tmp.path, { xx: minimalPack('yy', { checklist: [q, q] }) });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    const fields = err.problems.map((p) => p.field);
    assert.deepEqual(fields.sort(), ['checklist[1].id', 'tag']);
  });

  it('rejects a new target entry that leaves out required fields', () => {
    const dir = packDir(tmp.path, { xx: minimalPack('xx', { equivalents: [{ id: 'not-in-base', target: '서울' }] }) });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    const fields = err.problems.map((p) => p.field).sort();
    assert.deepEqual(fields, ['equivalents[0].category', 'equivalents[0].source']);
    assert.match(err.message, /overrides no base entry/u);
  });

  it('accepts a target entry that overrides a base equivalent with only a target', () => {
    const dir = packDir(tmp.path, { xx: minimalPack('xx', { equivalents: [{ id: 'emergency-police', target: '999' }] }) });
    const pack = loadLocalePack('xx', { dir }).pack;
    const police = pack.equivalents.find((e) => e.id === 'emergency-police');
    assert.equal(police?.target, '999');
    assert.ok(police?.source.includes('110番'));
  });

  it('rejects a glossary entry with both doNotTranslate and a target', () => {
    const dir = packDir(tmp.path, { xx: minimalPack('xx', { glossary: [{ source: 'ChatGPT', target: '챗지피티', doNotTranslate: true }] }) });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    assert.equal(err.problems[0]?.field, 'glossary[0].target');
  });

  it('reports broken JSON with its line', () => {
    const dir = packDir(tmp.path, { xx: '{\n  "tag": "xx",\n  "languageName": "Test",,\n}' });
    const err = dataError(() => loadLocalePack('xx', { dir }));
    assert.match(err.message, /not valid JSON/u);
    assert.equal(err.problems[0]?.line, 3);
  });

  it('warns about condition labels the taxonomy does not know', () => {
    const dir = packDir(tmp.path, {
      xx: minimalPack('xx', { checklist: [{ id: 'q1', prompt: 'P', when: { riskAreas: ['悪用', '悪用s'] }, effects: { yes: 'ok', no: 'ok' } }] }),
    });
    const loaded = loadLocalePack('xx', { dir });
    assert.equal(loaded.warnings.length, 1);
    assert.match(loaded.warnings[0] ?? '', /checklist\[0\]\.when\.riskAreas\[1\]/u);
  });
});

describe('locale packs: ko registers', () => {
  const registers = loadLocalePack('ko').pack.registers ?? [];
  /** The registers whose endings match a sentence (flag "u", as QA compiles them). */
  const registersOf = (sentence: string): string[] => registers.filter((r) => r.endings.some((e) => new RegExp(e, 'u').test(sentence))).map((r) => r.id);

  it('recognises 합쇼체, 해요체 and 반말 endings', () => {
    assert.deepEqual(registersOf('112에 신고하십시오.'), ['hapsho']);
    assert.deepEqual(registersOf('도움을 받을 수 있습니다.'), ['hapsho']);
    assert.deepEqual(registersOf('그것은 불법입니까?'), ['hapsho']);
    assert.deepEqual(registersOf('109에 전화해 보세요.'), ['haeyo']);
    assert.deepEqual(registersOf('괜찮죠?'), ['haeyo']);
    assert.deepEqual(registersOf('그건 불법이다.'), ['banmal']);
    assert.deepEqual(registersOf('어제 뭐 했어?'), ['banmal']);
  });

  it('is conservative: plain-style 아니다 is not 합쇼체, and noun fragments match nothing', () => {
    assert.deepEqual(registersOf('그건 사실이 아니다.'), ['banmal']);
    assert.deepEqual(registersOf('주의가 필요.'), []);
    assert.deepEqual(registersOf('사고 피해.'), []);
  });
});
