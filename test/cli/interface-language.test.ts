/**
 * The interface language through the CLI: `--lang`, CAREFULLY_LANG and LANG
 * choose it; status, errors and the adapt wizard speak it (the wizard in a
 * real 80x24 terminal, tmux); --json stays English; the Korean pack's
 * checklist prompts follow it.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { BIN, run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { TmuxServer, hasTmux } from '../helpers/tmux.js';
import { textWidth } from '../../src/text-width.js';

describe('interface language (CLI)', function () {
  this.timeout(90_000);
  let tmp: TempDir;
  let dir: string;

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
  });
  after(() => tmp?.remove());

  it('status --lang ko prints Korean; without it, English', async () => {
    const ko = await run(['status', '--lang', 'ko', '-p', dir]);
    assert.equal(ko.code, 0, ko.stderr);
    assert.match(ko.stdout, /: 항목 4개, ja -> ko\n/);
    assert.match(ko.stdout, /\n상태별:\n {2}untranslated {2}0\n/);
    assert.match(ko.stdout, /\n결정별:\n/);
    const en = await run(['status', '-p', dir]);
    assert.match(en.stdout, /: 4 items, ja -> ko\n\nBy state:\n/);
    assert.doesNotMatch(en.stdout, /[가-힣]/u);
  });

  it('follows CAREFULLY_LANG, then LANG, and --lang beats both', async () => {
    const fromEnv = await run(['list', '-p', dir], { env: { CAREFULLY_LANG: 'ko' } });
    assert.match(fromEnv.stdout, /^ID +상태 +결정 +작성자 +플래그 +QA \(오류\/경고\/정보\)\n/u);
    assert.match(fromEnv.stdout, /\n항목 4개: all items\.\n$/);
    const fromLang = await run(['status', '-p', dir], { env: { CAREFULLY_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'ko_KR.UTF-8' } });
    assert.match(fromLang.stdout, /항목 4개/);
    const flag = await run(['status', '--lang', 'en', '-p', dir], { env: { CAREFULLY_LANG: 'ko', LANG: 'ko_KR.UTF-8' } });
    assert.match(flag.stdout, /4 items/);
    assert.equal(flag.stderr, '');
  });

  it('an unknown --lang warns and uses English; an unknown LANG is English without a word', async () => {
    const flag = await run(['--lang=xx', 'status', '-p', dir]);
    assert.equal(flag.code, 0);
    assert.match(flag.stderr, /^warning: unknown interface language "xx"; using English \(available: en, ko\)\.\n$/);
    assert.match(flag.stdout, /4 items/);
    const env = await run(['status', '-p', dir], { env: { CAREFULLY_LANG: 'xx' } });
    assert.equal(env.stderr, '');
    assert.match(env.stdout, /4 items/);
  });

  it('errors are in Korean with the same exit codes; --json errors stay English', async () => {
    const outside = tmp.join('nowhere');
    mkdirSync(outside);
    const ko = await run(['status', '--lang', 'ko'], { cwd: outside });
    assert.equal(ko.code, 2);
    assert.match(ko.stderr, /^carefully: .*nowhere과\(와\) 그 위의 어느 폴더에도 carefully 프로젝트가 없습니다/u);
    const json = await run(['status', '--lang', 'ko', '--json'], { cwd: outside });
    assert.equal(json.code, 2);
    const error = (JSON.parse(json.stderr) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'usage');
    assert.match(error.message, /^No carefully project in /);

    const answers = tmp.file('bad.jsonl', '{"id": "test-0000", "decison": "transfer"}\n{"id": "nope", "decision": "drop", "rationale": "x"}\n');
    const bad = await run(['adapt', '--lang', 'ko', '-p', dir, '--answers', answers]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bad\.jsonl: 문제 \d+개\. 아무것도 기록하지 않았습니다\./u);
    assert.match(bad.stderr, /1번째 줄, 필드 "decison": 알 수 없는 필드입니다/u);
    assert.match(bad.stderr, /2번째 줄, 필드 "id": "nope"은\(는\) 원문에 있는 항목이 아닙니다\./u);
  });

  it('--help ends with the exit codes in the interface language', async () => {
    const ko = await run(['--lang', 'ko', '--help']);
    assert.equal(ko.code, 0);
    assert.match(ko.stdout, /--lang <lang>/);
    assert.match(ko.stdout, /종료 코드: 0 정상, 1 잘못된 데이터/u);
    assert.match((await run(['--help'])).stdout, /Exit codes: 0 ok, 1 invalid data/);
  });

  describe('the adapt wizard in a real terminal (tmux, 80x24)', () => {
    let tmux: TmuxServer;
    before(function () {
      if (!hasTmux()) this.skip();
      tmux = new TmuxServer(tmp.join('tmux.sock'));
    });
    after(() => tmux?.close());

    const open = (args: string[], author: string) =>
      tmux.terminal(dir, [process.execPath, BIN, 'adapt', '--as', author, ...args], { NO_COLOR: '1', EDITOR: 'true', VISUAL: '' }, { width: 80, height: 24 });

    /** Every row fits 80 columns, measured as the terminal draws wide characters. */
    const fits = (screen: string) => {
      const wide = screen.split('\n').filter((l) => textWidth(l) > 80);
      assert.deepEqual(wide, [], `rows wider than 80 columns:\n${screen}`);
    };

    it('with --lang ko: Korean head, panes, keys and checklist prompt (from the Korean pack)', async () => {
      const t = open(['--lang', 'ko', '--ids', 'test-0000'], 'loc-ko');
      let screen = await t.waitFor(/\[1\/1\] test-0000 ›/);
      assert.match(screen.split('\n')[0]!, /^항목 1\/1 · 0개 결정 · 1개 남음/u, screen);
      assert.match(screen, /위험 영역 \S/u);
      assert.match(screen, /1 일본어 원문/u);
      assert.match(screen, /\[a\] 수락\(transfer\)/u);
      assert.match(screen, /\[\?\] 도움말/u);
      fits(screen);

      // A key that means nothing shows the hint in Korean.
      t.key('Enter');
      screen = await t.waitFor(/키를 누르면 바로 실행되며 Enter는 필요 없습니다/u);

      // The checklist asks the Korean pack's prompt (test-0000 is marked Japan-specific), with Korean option labels.
      t.send('c');
      screen = await t.waitFor(/\[1\/\d+\] [^\n]*[가-힣][\s\S]*\(y 예\s*· n 아니요\s*· x 해당 없음\s*· s 건너뛰기\s*· q 완료\)/u);
      assert.match(screen, /원문은 이 항목을 일본 특유의 것으로 표시합니다|항목에 일본의 사람, 장소/u, screen);
      assert.doesNotMatch(screen, /The source marks this item as specific to Japan|Does the item name Japanese people/);
      t.key('Escape');
      await t.waitFor(/체크리스트 답변 0개를 저장했습니다/u);
      t.send('q');
      await t.waitFor(/중단했습니다\. 답한 내용은 모두 저장되었습니다\.[\s\S]*\[exit 0\]/u);
    });

    it('without --lang: English, and the pack prompt in English', async () => {
      const t = open(['--ids', 'test-0000'], 'loc-en');
      let screen = await t.waitFor(/\[1\/1\] test-0000 ›/);
      assert.match(screen.split('\n')[0]!, /^Item 1\/1 · 0 decided · 1 to go/, screen);
      assert.match(screen, /\[a\] accept \(transfer\)/);
      assert.doesNotMatch(screen.replace(/[^\n]*Q [^\n]*|[^\n]*A [^\n]*/gu, ''), /[가-힣]/u, 'no Korean interface text');
      fits(screen);
      t.send('c');
      screen = await t.waitFor(/\[1\/\d+\] [\s\S]*\(y yes\s*· n no\s*· x n\/a\s*· s skip\s*· q done\)/);
      assert.match(screen, /The source marks this item as specific to Japan|Does the item name Japanese people/, screen);
      t.key('Escape');
      await t.waitFor(/0 checklist answer\(s\) saved/);
      t.send('q');
      await t.waitFor(/Stopped\. Everything answered is saved\.[\s\S]*\[exit 0\]/);
    });
  });
});
