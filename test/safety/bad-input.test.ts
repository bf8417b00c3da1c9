/** Issue #9 item 15: bad input that used to be accepted silently is refused (or warned about), naming file and field. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRecords } from '../../src/dataset/read-records.js';
import { validateSource } from '../../src/dataset/validate.js';
import { loadProfile, resolveMapping } from '../../src/dataset/profile.js';
import { readConfig } from '../../src/project/config.js';
import { checkAuthor } from '../../src/project/author.js';
import { ProjectError, UsageError, DataError, UnreadableFileError } from '../../src/errors.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { cli } from '../helpers/cli.js';

const mapping = resolveMapping(loadProfile('answercarefully'), []);

async function readAll(file: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of readRecords(file)) out.push(r.value);
  return out;
}

describe('bad input is not accepted silently', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  describe('carefully.json', () => {
    function project(edit: (config: { languages: Record<string, unknown>; [key: string]: unknown }) => void): string {
      const dir = tmp.join('p');
      const source = tmp.json('ac.json', makeRecords(2));
      assert.equal(cli(['init', dir, '--source', source, '--to', 'ko']).code, 0);
      const file = path.join(dir, 'carefully.json');
      const config = JSON.parse(readFileSync(file, 'utf8'));
      edit(config);
      writeFileSync(file, JSON.stringify(config));
      return dir;
    }

    it('refuses a target language that is not a BCP 47 tag, naming the file and field', () => {
      const dir = project((c) => (c.languages.to = 'xx!!'));
      assert.throws(
        () => readConfig(dir),
        (e: unknown) => e instanceof ProjectError && /carefully\.json, field "languages\.to": "xx!!" is not a language code/.test(e.message),
      );
      const r = cli(['status', '-p', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /languages\.to/);
    });

    it('refuses an unknown source language and an unknown field such as a "decision", naming the field', () => {
      const from = project((c) => (c.languages.from = 'fr'));
      assert.throws(() => readConfig(from), /field "languages\.from" must be equal to one of the allowed values \("ja", "en"\)/);
      tmp.remove();
      tmp = new TempDir();
      const decision = project((c) => (c.decision = 'nuke'));
      assert.throws(() => readConfig(decision), /must NOT have additional properties "decision"/);
    });
  });

  describe('author names', () => {
    it('refuses path separators, dot-names, control characters and blanks', () => {
      for (const bad of ['../evil', 'a/b', 'a\\b', '..', '.hidden', 'kim\u001b]0;x\u0007', 'a\nb', '  ']) {
        assert.throws(() => checkAuthor(bad), UsageError, JSON.stringify(bad));
      }
      assert.equal(checkAuthor('Kim Min-jun'), 'Kim Min-jun');
      assert.equal(checkAuthor('박지민'), '박지민');
    });

    it('the CLI refuses them from --as and CAREFULLY_AUTHOR, and writes no journal outside journal/', () => {
      const source = tmp.json('ac.json', makeRecords(2));
      const dir = tmp.join('p');
      assert.equal(cli(['init', dir, '--source', source, '--to', 'ko']).code, 0);
      const answers = tmp.file('a.jsonl', `${JSON.stringify({ id: 'test-0000', decision: 'transfer' })}\n`);
      const viaAs = cli(['adapt', '-p', dir, '--as', '../../escaped', '--answers', answers]);
      assert.equal(viaAs.code, 2, viaAs.stderr);
      assert.match(viaAs.stderr, /author name "\.\.\/\.\.\/escaped" \(from --as\) contains a path separator/);
      const viaEnv = cli(['translate', '-p', dir], { env: { CAREFULLY_AUTHOR: 'kim\u001b[2J' } });
      assert.equal(viaEnv.code, 2, viaEnv.stderr);
      assert.match(viaEnv.stderr, /\(from CAREFULLY_AUTHOR\) contains control characters/);
    });
  });

  describe('source records', () => {
    it('refuses an escaped "__proto__" key', async () => {
      const file = tmp.file('p.jsonl', `${JSON.stringify(makeRecord(0)).slice(0, -1)},"\\u005f_proto__":{"x":1}}\n`);
      await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /field "__proto__": the key "__proto__" is not allowed/.test(e.message));
    });

    it('refuses duplicate keys in a record (the ID would change unseen), in JSONL and JSON arrays', async () => {
      const text = `{"ID":"first","text":"q","output":"a","meta":{"risk-area":"x","risk-area":"y"},"ID":"second"}`;
      for (const file of [tmp.file('d.jsonl', `${text}\n`), tmp.file('d.json', `[\n${text}\n]`)]) {
        await assert.rejects(
          readAll(file),
          (e: unknown) => e instanceof DataError && /line \d, record 0, field "meta\.risk-area": the key "risk-area" appears twice/.test(e.message),
        );
      }
      const top = tmp.file('t.jsonl', `{"ID":"first","text":"q","ID":"second"}\n`);
      await assert.rejects(readAll(top), /field "ID": the key "ID" appears twice/);
    });

    it('accepts the same key in different objects', async () => {
      const file = tmp.jsonl('ok.jsonl', [{ ...makeRecord(0), a: { x: 1 }, b: { x: 2 }, c: [{ x: 1 }, { x: 2 }] }]);
      assert.equal((await readAll(file)).length, 1);
    });

    it('refuses IDs that collide after NFC/NFKC normalization or trimming', async () => {
      const file = tmp.jsonl('ids.jsonl', [
        makeRecord(0, { ID: 'caf\u00e9' }),
        makeRecord(1, { ID: 'cafe\u0301' }),
        makeRecord(2, { ID: 'ＡＢＣ' }),
        makeRecord(3, { ID: 'ABC' }),
        makeRecord(4, { ID: 'x-1' }),
        makeRecord(5, { ID: ' x-1 ' }),
      ]);
      const report = await validateSource(file, mapping);
      assert.equal(report.valid, false);
      const messages = report.problems.map((p) => `${p.index}: ${p.message}`);
      assert.equal(messages.length, 3, messages.join('\n'));
      assert.match(messages[0]!, /^1: is the same ID as record 0 \("café"\) once Unicode normalization/);
      assert.match(messages[1]!, /^3: is the same ID as record 2/);
      assert.match(messages[2]!, /^5: is the same ID as record 4/);
    });

    it('refuses a source with no records', async () => {
      const file = tmp.file('empty.json', '[]');
      const report = await validateSource(file, mapping);
      assert.equal(report.valid, false);
      assert.match(report.problems[0]!.message, /holds no records/);
      const r = cli(['init', tmp.join('p'), '--source', file, '--to', 'ko']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /holds no records/);
    });

    it('says CR-only line endings are the problem, not "a single JSON object"', async () => {
      const file = tmp.file(
        'cr.jsonl',
        makeRecords(3)
          .map((r) => JSON.stringify(r))
          .join('\r') + '\r',
      );
      await assert.rejects(
        readAll(file),
        (e: unknown) => e instanceof UnreadableFileError && /CR alone \(old Mac line endings\)/.test(e.message) && !/single JSON object/.test(e.message),
      );
      const crlf = tmp.file(
        'crlf.jsonl',
        makeRecords(3)
          .map((r) => JSON.stringify(r))
          .join('\r\n') + '\r\n',
      );
      assert.equal((await readAll(crlf)).length, 3);
    });

    it('names the field holding the records in a one-line {"data": [...]} file', async () => {
      const file = tmp.file('wrapped.json', JSON.stringify({ data: makeRecords(3) }));
      await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /field "data" holds 3 record\(s\).*jq '\.data'/.test(e.message));
      const r = cli(['validate', file]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /field "data" holds 3 record/);
    });
  });

  it('refuses Latin-1 bytes in an answers file instead of storing U+FFFD', () => {
    const source = tmp.json('ac.json', makeRecords(2));
    const dir = tmp.join('p');
    assert.equal(cli(['init', dir, '--source', source, '--to', 'ko']).code, 0);
    const line = Buffer.concat([Buffer.from('{"id":"test-0000","decision":"adapt","rationale":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const answers = tmp.file('a.jsonl', line);
    const r = cli(['adapt', '-p', dir, '--answers', answers]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /a\.jsonl, line 1: contains bytes that are not valid UTF-8/);
    const journal = path.join(dir, 'journal', 'tester.jsonl');
    let text = '';
    try {
      text = readFileSync(journal, 'utf8');
    } catch {
      // no journal at all: nothing was written
    }
    assert.doesNotMatch(text, /\uFFFD/);
  });
});
