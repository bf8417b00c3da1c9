/**
 * The real interactive `carefully adapt` (tmux) on a project whose locale pack
 * is a folder inside the project, made with `init --locale-pack ./packs/vi`:
 * the pack's own question is asked and its answer lands in the journal; QA
 * and the glossary pane use the pack's glossary.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../src/paths.js';
import { BIN, run } from '../helpers/cli.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';
import { TmuxServer, hasTmux } from '../helpers/tmux.js';

const PROMPT = 'VI PACK: does the item need a Vietnamese counterpart?';

describe('adapt with a project-folder locale pack, in a real terminal (tmux)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let tmux: TmuxServer;
  let project: string;

  before(async function () {
    if (!hasTmux()) this.skip();
    tmp = new TempDir();
    tmux = new TmuxServer(tmp.join('tmux.sock'));
    project = tmp.join('p');
    const base = JSON.parse(readFileSync(assetPath('locales', 'base', 'pack.json'), 'utf8')) as { checklist: { id: string }[] };
    // The pack's question first: a target pack places the base questions it lists after its own.
    const pack = {
      tag: 'vi',
      languageName: 'Vietnamese',
      checklist: [{ id: 'vi-pack-question', prompt: PROMPT, effects: { yes: 'needs-adaptation', no: 'ok' } }, ...base.checklist.map((q) => ({ id: q.id }))],
      equivalents: [],
      glossary: [{ source: 'パスワード', target: 'mật khẩu' }],
    };
    // The pack lives inside the project, as a team would commit it; init finds it relative to the project.
    mkdirSync(path.join(project, 'packs', 'vi'), { recursive: true });
    writeFileSync(path.join(project, 'packs', 'vi', 'pack.json'), JSON.stringify(pack));
    const init = await run(['init', 'p', '--source', tmp.json('ac.json', [makeRecord(0)]), '--to', 'vi', '--locale-pack', './packs/vi'], { cwd: tmp.path });
    assert.equal(init.code, 0, init.stderr);
    assert.equal((JSON.parse(readFileSync(path.join(project, 'carefully.json'), 'utf8')) as { localePack: string }).localePack, 'packs/vi');
    assert.equal((await run(['translate', '-p', project])).code, 0);
  });
  after(() => {
    tmux?.close();
    tmp?.remove();
  });

  it('asks the pack’s question, journals its answer, and shows QA findings from the pack’s glossary', async () => {
    const t = tmux.terminal(project, [process.execPath, BIN, 'adapt'], { CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1' });
    let screen = await t.waitFor(/\[1\/1\] test-0000 ›/);
    assert.match(screen, /glossary-must-translate \(question\): Question does not use the glossary rendering "mật khẩu" for "パスワード"/u);
    assert.match(screen, /パスワード → mật khẩu/u);
    t.send('c');
    await t.waitFor(/\[1\/\d+\] VI PACK: does the item need a Vietnamese counterpart\?/u);
    t.send('y');
    await t.waitFor(/\[2\/\d+\] /u);
    t.send('q'); // done with the checklist
    screen = await t.waitFor(/1 checklist answer\(s\) saved[^\n]*proposes: adapt/u);
    t.send('q');
    await t.waitFor(/\[exit 0\]/u);

    const events = readFileSync(path.join(project, 'journal', 'tester.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; item: string; question?: string; answer?: string })
      .filter((e) => e.type !== 'mt');
    assert.deepEqual(
      events.map((e) => [e.type, e.item, e.question, e.answer]),
      [['checklist', 'test-0000', 'vi-pack-question', 'yes']],
    );
    // The same glossary drives `check`, the QA gate.
    const check = await run(['check', '-p', project, '--json']);
    const findings = (JSON.parse(check.stdout) as { findings: { check: string }[] }).findings;
    assert.ok(findings.some((f) => f.check === 'glossary-must-translate'));
  });
});
