import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir } from '../helpers/fixtures.js';
import type { ItemFinding } from '../../src/qa/types.js';

async function demo(tmp: TempDir, to: string): Promise<{ stdout: string; project: string }> {
  const out = tmp.join(`demo-${to}`);
  const r = await run(['demo', '--out', out, '--to', to]);
  assert.equal(r.code, 0, r.stderr);
  return { stdout: r.stdout, project: path.join(out, 'project') };
}

async function findings(project: string): Promise<ItemFinding[]> {
  const r = await run(['check', '--json'], { cwd: project });
  return (JSON.parse(r.stdout) as { findings: ItemFinding[] }).findings;
}

describe('carefully demo --to zh', function () {
  this.timeout(180_000);
  const tmp = new TempDir();
  after(() => tmp.remove());

  it('runs offline with the zh-Hans pack, and its QA finds the Japanese kanji forms left in the drafts', async () => {
    const { stdout, project } = await demo(tmp, 'zh');
    assert.match(stdout, /3\. adapt +3 item\(s\) from examples[\\/]demo-drafts[\\/]zh-Hans\.jsonl/u);
    assert.match(stdout, /4\. check .*\n +on the 3 drafted item\(s\): .*japanese-kanji 3/u);
    assert.match(stdout, /5\. export +36 records/u);
    const config = JSON.parse(readFileSync(path.join(project, 'carefully.json'), 'utf8')) as { languages: { to: string } };
    assert.equal(config.languages.to, 'zh');
    const kanji = (await findings(project)).filter((f) => f.check === 'japanese-kanji');
    const byItem = (id: string) => kanji.filter((f) => f.item === id).map((f) => f.message);
    assert.match(byItem('synthetic-ac-0007').join(' '), /"駅" → 站/u);
    assert.match(byItem('synthetic-ac-0021').join(' '), /"県" → 县/u);
    assert.match(byItem('synthetic-ac-0025').join(' '), /"円" → 元\/圆/u);
    // The pseudo-localized items carry no Japanese forms (the provider maps every kanji away).
    assert.deepEqual([...new Set(kanji.map((f) => f.item))].sort(), ['synthetic-ac-0007', 'synthetic-ac-0021', 'synthetic-ac-0025']);
  });

  it('uses the same pack and drafts for --to zh-Hans', async () => {
    const { stdout, project } = await demo(tmp, 'zh-Hans');
    assert.match(stdout, /japanese-kanji 3/u);
    const pack = await run(['pack', 'show', '--json'], { cwd: project });
    assert.match(pack.stdout, /"zh-region-specific"/u);
    assert.doesNotMatch(pack.stdout, /"zh-about-china"/u);
  });

  it('leaves the Korean demo without drafts or Japanese-kanji findings', async () => {
    const { stdout, project } = await demo(tmp, 'ko');
    assert.doesNotMatch(stdout, /\d\. adapt|drafted/u);
    assert.match(stdout, /3\. check .*\n4\. export +36 records/u);
    assert.deepEqual(
      (await findings(project)).filter((f) => f.check === 'japanese-kanji'),
      [],
    );
  });
});
