/** Commands find their project from any folder inside it, as git does, when --project is not given. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { findProjectDir } from '../../src/project/discover.js';
import { ExitCode } from '../../src/errors.js';

describe('project discovery', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function makeProject(dir: string): Promise<void> {
    const src = tmp.json(`ac-${Math.random().toString(36).slice(2)}.json`, makeRecords(3));
    const r = await run(['init', dir, '--source', src, '--to', 'ko']);
    assert.equal(r.code, 0, r.stderr);
  }

  it('runs a command from journal/ of a project on that project', async () => {
    await makeProject(tmp.join('p'));
    const journal = tmp.join('p', 'journal');
    const t = await run(['translate', '--json'], { cwd: journal });
    assert.equal(t.code, 0, t.stderr);
    const st = await run(['status', '--json'], { cwd: journal });
    assert.equal(st.code, 0, st.stderr);
    assert.equal(JSON.parse(st.stdout).byState.translated, 3);
    const human = await run(['status'], { cwd: journal });
    assert.ok(human.stdout.startsWith(`${tmp.join('p')}: 3 items`), human.stdout);
  });

  it('finds the nearest project from a deeper folder, an inner project winning over an outer one', async () => {
    await makeProject(tmp.join('outer'));
    mkdirSync(tmp.join('outer', 'notes', 'drafts'), { recursive: true });
    await makeProject(tmp.join('outer', 'inner'));
    mkdirSync(tmp.join('outer', 'inner', 'work'));
    assert.equal(findProjectDir(tmp.join('outer', 'notes', 'drafts')), tmp.join('outer'));
    assert.equal(findProjectDir(tmp.join('outer', 'inner', 'work')), tmp.join('outer', 'inner'));
    assert.equal(findProjectDir(tmp.join('outer')), tmp.join('outer'));
    const r = await run(['status'], { cwd: tmp.join('outer', 'notes', 'drafts') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /outer: 3 items/);
  });

  it('outside any project: says none was found in that folder or any parent, and how to create one (exit 2)', async () => {
    const r = await run(['status'], { cwd: tmp.path });
    assert.equal(r.code, ExitCode.usage);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes(`No carefully project in ${tmp.path} or any folder above it`), r.stderr);
    assert.match(r.stderr, /carefully init DIR --source FILE --to LANG/);
    assert.match(r.stderr, /--project DIR/);
  });

  it('an explicit --project is used as given, never walked up from', async () => {
    await makeProject(tmp.join('p'));
    const r = await run(['status', '--project', 'journal'], { cwd: tmp.join('p') });
    assert.equal(r.code, ExitCode.usage);
    assert.match(r.stderr, /journal is not a carefully project/);
  });

  it('`check --list` needs no project', async () => {
    const r = await run(['check', '--list'], { cwd: tmp.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /error|warning/);
  });
});
