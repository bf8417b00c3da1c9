/** Every foundation command through the real CLI, on good and bad input. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN, run } from '../helpers/cli.js';
import { TempDir, makeRecords, makeRecord } from '../helpers/fixtures.js';

describe('CLI pipeline', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('--help lists the commands and exit codes', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['inspect', 'validate', 'init', 'translate', 'status', 'export']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
    assert.match(r.stdout, /Exit codes/);
  });

  it('stops quietly when its output pipe is closed early (`carefully ... | head`)', async () => {
    const child = spawn(process.execPath, [BIN, 'providers'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader goes away before the command prints
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|at .+:\d+:\d+/);
  });

  it('init -> translate -> status -> export gives a valid dataset with no source text', async () => {
    const src = tmp.json('ac.json', makeRecords(6));
    assert.equal((await run(['init', tmp.join('p'), '--source', src, '--to', 'ko'])).code, 0);
    const config = JSON.parse(readFileSync(tmp.join('p', 'carefully.json'), 'utf8'));
    assert.equal(config.languages.to, 'ko');
    assert.ok(!JSON.stringify(config).includes('パスワード'), 'the project must not copy source data');

    const dry = await run(['translate', '--dry-run', '--json'], { cwd: tmp.join('p') });
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).requestsSent, 0);
    assert.equal(JSON.parse(dry.stdout).segments, 12);

    const t = await run(['translate', '--project', tmp.join('p')]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /Translated 6 item/);
    assert.match(t.stdout, /NOT a translation/);

    const st = await run(['status', '--json', '-p', tmp.join('p')]);
    const status = JSON.parse(st.stdout);
    assert.equal(status.items, 6);
    assert.equal(status.byState.translated, 6);
    assert.equal(status.byDecision.none, 6);

    const none = await run(['export', '-p', tmp.join('p'), '--out', tmp.join('none')]);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /Exported 0 record/);
    assert.match(none.stdout, /--include-unreviewed/);

    const ex = await run(['export', '-p', tmp.join('p'), '--out', tmp.join('out'), '--include-unreviewed', '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    const lines = readFileSync(tmp.join('out', 'data', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 6);
    assert.deepEqual(Object.keys(lines[0]), ['ID', 'text', 'output', 'meta']);
    assert.equal(lines[0].ID, 'test-0000');
    assert.ok(
      lines.every((l) => !/[\u3040-\u30ff]/.test(l.text + l.output)),
      'no kana may remain in exported text',
    );
    assert.ok(!('text_en' in lines[0]));
    const back = await run(['validate', tmp.join('out', 'data', 'test.jsonl')]);
    assert.equal(back.code, 0, back.stdout);
    const card = readFileSync(tmp.join('out', 'README.md'), 'utf8');
    assert.match(card, /AnswerCarefully/);
    assert.match(card, /terms of use/i);
    assert.match(card, /NOT a translation/);
    assert.match(card, /Malicious Uses/);
    const prov = readFileSync(tmp.join('out', 'provenance', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(prov.length, 6);
    assert.equal(prov[0].provider, 'pseudo');
    assert.equal(prov[0].reviewed, false);
  });

  it('inspect proposes the --map that validate and init then accept', async () => {
    const rec = (i: number) => ({
      qid: `c${i}`,
      prompt_ja: `質問です${i}`,
      reference_ja: `これは回答の文章です。${i}`,
      prompt_en: `Question ${i}`,
      reference_en: `This is the answer text. ${i}`,
      labels: { 'risk-area': '悪用', 'harm-type': '違法行為への加担', 'specific-harm': '違法薬物' },
    });
    const file = tmp.jsonl('c.jsonl', [rec(1), rec(2), rec(3)]);
    const r = await run(['inspect', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.format, 'jsonl');
    assert.equal(report.roles.id.field, 'qid');
    assert.equal(report.roles.question.field, 'prompt_ja');
    assert.equal(report.roles.answer.field, 'reference_ja');
    assert.equal(report.roles.questionEn.field, 'prompt_en');
    assert.equal(report.roles.riskArea.field, 'labels.risk-area');
    assert.equal(report.taxonomy.riskArea[0].english, 'Malicious Uses');
    const maps = report.suggestedMap.flatMap((m: string) => ['--map', m]);
    assert.equal((await run(['validate', file])).code, 1);
    const ok = await run(['validate', file, ...maps]);
    assert.equal(ok.code, 0, ok.stdout);
    assert.equal((await run(['init', tmp.join('p'), '--source', file, '--to', 'ko', ...maps])).code, 0);
    const text = (await run(['inspect', file])).stdout;
    assert.match(text, /--map question=prompt_ja/);
  });

  it('inspect lists duplicate IDs and unknown labels', async () => {
    const file = tmp.json('d.json', [makeRecord(0), makeRecord(1, { ID: 'test-0000', meta: { 'risk-area': '未知の分類' } })]);
    const report = JSON.parse((await run(['inspect', file, '--json'])).stdout);
    assert.deepEqual(report.duplicateIds, [{ id: 'test-0000', indexes: [0, 1] }]);
    assert.ok(report.taxonomy.riskArea.some((l: { label: string; known: boolean }) => l.label === '未知の分類' && !l.known));
  });

  describe('bad input gets a located message, a non-zero exit and no stack trace', () => {
    const cases: [string, (t: TempDir) => string, number, RegExp][] = [
      ['an empty file', (t) => t.file('e.json', ''), 2, /e\.json.*is empty/],
      ['truncated JSON', (t) => t.file('t.json', JSON.stringify(makeRecords(3)).slice(0, 300)), 1, /t\.json.*truncated/],
      ['a top-level object', (t) => t.json('o.json', { records: makeRecords(2) }), 1, /single JSON object/],
      [
        'a JSONL line that does not parse',
        (t) => t.file('b.jsonl', `${JSON.stringify(makeRecord(0))}\n{oops\n`),
        1,
        /b\.jsonl, line 2, record 1: not valid JSON/,
      ],
      ['a missing field', (t) => t.json('m.json', [{ ...makeRecord(0), output: undefined }]), 1, /record 0, ID "test-0000", field "output": is missing/],
      ['a wrongly typed field', (t) => t.json('w.json', [makeRecord(0, { text: 42 as unknown as string })]), 1, /field "text": must be a string/],
      ['duplicate IDs', (t) => t.json('d.json', [makeRecord(0), makeRecord(0)]), 1, /record 1, ID "test-0000", field "ID": duplicates the ID of record 0/],
      ['a __proto__ key', (t) => t.file('p.jsonl', '{"ID":"a","text":"t","output":"o","__proto__":{"polluted":true}}\n'), 1, /field "__proto__"/],
      [
        'bytes that are not UTF-8',
        (t) => t.file('s.json', Buffer.concat([Buffer.from('[{"ID":"a","text":"'), Buffer.from([0x93, 0xfa, 0x96, 0x7b]), Buffer.from('","output":"o"}]')])),
        2,
        /s\.json, line 1: contains bytes that are not valid UTF-8/,
      ],
    ];
    for (const [name, make, code, message] of cases) {
      it(`validate and init refuse ${name}`, async () => {
        const file = make(tmp);
        for (const args of [
          ['validate', file],
          ['init', tmp.join('p'), '--source', file, '--to', 'ko'],
        ]) {
          const r = await run(args);
          const all = r.stdout + r.stderr;
          assert.equal(r.code, code, `${args[0]}: ${all}`);
          assert.match(all, message);
          assert.doesNotMatch(all, /\n\s+at .+:\d+:\d+/, 'no stack trace');
        }
        assert.equal(existsSync(tmp.join('p')), false, 'init must not create the project from bad input');
      });
    }

    it('init refuses an unknown language code', async () => {
      const r = await run(['init', tmp.join('p'), '--source', tmp.json('a.json', makeRecords(1)), '--to', 'xx-nope']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--to "xx-nope" is not a language code/);
      assert.equal(existsSync(tmp.join('p')), false);
    });

    it('project commands refuse a folder that does not exist', async () => {
      for (const cmd of [['status'], ['translate'], ['export', '--out', tmp.join('o')]]) {
        const r = await run([...cmd, '--project', tmp.join('missing')]);
        assert.equal(r.code, 2, cmd[0]);
        assert.match(r.stderr, /missing does not exist/);
      }
    });

    it('an existing project is left unchanged when init is run on it again', async () => {
      const src = tmp.json('a.json', makeRecords(2));
      assert.equal((await run(['init', tmp.join('p'), '--source', src, '--to', 'ko'])).code, 0);
      const before = readFileSync(tmp.join('p', 'carefully.json'), 'utf8');
      const r = await run(['init', tmp.join('p'), '--source', src, '--to', 'en']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /already a carefully project/);
      assert.equal(readFileSync(tmp.join('p', 'carefully.json'), 'utf8'), before);
    });

    it('export refuses records that equal the source verbatim, writing nothing', async () => {
      const src = tmp.json('a.json', makeRecords(2));
      await run(['init', tmp.join('p'), '--source', src, '--to', 'ko']);
      await run(['translate', '-p', tmp.join('p')]);
      // A localizer "edits" the answer back to the Japanese source text.
      const journal = tmp.join('p', 'journal', 'tester.jsonl');
      const first = JSON.parse(readFileSync(journal, 'utf8').split('\n')[0]!);
      tmp.file(
        'p/journal/other.jsonl',
        JSON.stringify({
          v: 1,
          ts: '2099-01-01T00:00:00.000Z',
          author: 'other',
          type: 'edit',
          item: first.item,
          sourceHash: first.sourceHash,
          field: 'answer',
          text: makeRecords(2)[0]!.output,
        }) + '\n',
      );
      const r = await run(['export', '-p', tmp.join('p'), '--out', tmp.join('out'), '--include-unreviewed']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /ID "test-0000", field "output": the answer is identical to the source's answer/);
      assert.equal(existsSync(tmp.join('out')), false, 'a refused export writes nothing');
      assert.deepEqual(readdirSync(tmp.path), ['a.json', 'p'], 'and leaves no temporary folder');
      assert.equal((await run(['export', '-p', tmp.join('p'), '--out', tmp.join('out'), '--include-unreviewed', '--allow-verbatim'])).code, 0);
    });
  });
});
