/** `init --locale-pack DIR`: a pack folder relative to the working folder or the project, checked before anything is written. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

function writePack(dir: string, data: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pack.json'), JSON.stringify({ tag: 'vi', languageName: 'Vietnamese', checklist: [], equivalents: [], glossary: [], ...data }));
}

const configOf = (project: string): { localePack?: string } =>
  JSON.parse(readFileSync(path.join(project, 'carefully.json'), 'utf8')) as { localePack?: string };

describe('init --locale-pack with a folder', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let source: string;
  beforeEach(() => {
    tmp = new TempDir();
    source = tmp.json('ac.json', makeRecords(2));
  });
  afterEach(() => tmp.remove());

  it('takes a folder relative to the working folder and stores it relative to the project', async () => {
    writePack(tmp.join('packs', 'vi'));
    const r = await run(['init', 'work/p', '--source', source, '--to', 'vi', '--locale-pack', './packs/vi'], { cwd: tmp.path });
    assert.equal(r.code, 0, r.stderr);
    const project = tmp.join('work', 'p');
    assert.equal(configOf(project).localePack, '../../packs/vi');
    const shown = JSON.parse((await run(['pack', 'show', '--json', '-p', project])).stdout) as { tag: string; resolved: string };
    assert.equal(shown.resolved, '../../packs/vi');
  });

  it('takes a folder relative to the project (a pack kept inside it), with "./" so it is not read as a tag', async () => {
    writePack(tmp.join('p', 'vi'));
    const r = await run(['init', 'p', '--source', source, '--to', 'vi', '--locale-pack', './vi'], { cwd: tmp.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(configOf(tmp.join('p')).localePack, './vi');
    assert.equal((await run(['status', '-p', tmp.join('p')])).code, 0);
  });

  it('refuses a folder without a pack (exit 2) and a pack that fails pack check (exit 1), writing nothing', async () => {
    const missing = await run(['init', 'p', '--source', source, '--to', 'vi', '--locale-pack', './nowhere'], { cwd: tmp.path });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--locale-pack \.\/nowhere: no pack\.json in \S*nowhere or \S*p\/nowhere/u);
    assert.ok(!existsSync(tmp.join('p', 'carefully.json')));

    writePack(tmp.join('bad'), { checklist: [{ id: 'q', prompt: 'A?', effects: { yes: 'ok', no: 'ok' }, when: { patterns: ['(unclosed'] } }] });
    const bad = await run(['init', 'p', '--source', source, '--to', 'vi', '--locale-pack', './bad'], { cwd: tmp.path });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--locale-pack \.\/bad: the pack fails pack check \(1 error\); nothing was written/u);
    assert.match(bad.stderr, /\/checklist\/0\/when\/patterns\/0[^\n]*not a valid regular expression/u);
    assert.match(bad.stderr, /carefully pack check \S*bad/u);
    assert.ok(!existsSync(tmp.join('p', 'carefully.json')));
  });
});
