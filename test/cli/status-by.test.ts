/** `carefully status --by`: counts per risk area, harm type, specific harm and author, through the CLI. */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { Decision, NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

interface Group {
  key: string;
  name?: string;
  items: number;
  byState: Record<string, number>;
  byDecision: Record<string, number>;
  flagged: number;
}

describe('CLI: status --by', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const decide = (i: number, decision: Decision): NewEvent => ({
    type: 'decision',
    item: items[i]!.id,
    sourceHash: items[i]!.sourceHash,
    decision,
    ...(decision === 'transfer' ? {} : { rationale: 'no counterpart' }),
  });
  const groupsBy = async (by: string): Promise<{ by: string; items: number; groups: Group[] }> => {
    const r = await run(['status', '-p', dir, '--by', by, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { by: string; items: number; groups: Group[] };
  };

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    // Six records over three topics: 情報漏洩 (0, 3), 悪用 (1, 4), AIとの対話によるリスク (2, 5).
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(6)), '--to', 'ko'])).code, 0);
    items = await loadItems(openProject(dir));
    // Items 0-3 translated by "tester"; kim decides 0, 1 and 3, lee decides 1 again later and flags 4.
    assert.equal((await run(['translate', '-p', dir, '--limit', '4'])).code, 0);
    await new JournalWriter(dir, 'kim').append([decide(0, 'transfer'), decide(1, 'drop'), decide(3, 'drop')]);
    await new JournalWriter(dir, 'lee').append([
      decide(1, 'adapt'),
      { type: 'flag', item: items[4]!.id, sourceHash: items[4]!.sourceHash, note: 'which hotline?' },
    ]);
  });
  after(() => tmp.remove());

  it('counts items by risk area, with the English name, states and decisions', async () => {
    const r = await groupsBy('risk-area');
    assert.equal(r.items, 6);
    const byKey = new Map(r.groups.map((g) => [g.key, g]));
    assert.deepEqual([...byKey.keys()].sort(), ['AIとの対話によるリスク', '悪用', '情報漏洩'].sort());
    const leak = byKey.get('情報漏洩')!;
    assert.equal(leak.name, 'Information Hazards');
    assert.equal(leak.items, 2);
    assert.deepEqual([leak.byState.adapted, leak.byState.untranslated], [2, 0]);
    assert.deepEqual([leak.byDecision.transfer, leak.byDecision.drop], [1, 1]);
    const misuse = byKey.get('悪用')!;
    // Item 1: lee's later adapt replaces kim's drop (lee saw it: one journal read); item 4 is untranslated and flagged.
    assert.deepEqual([misuse.items, misuse.byState.adapted, misuse.byState.untranslated, misuse.flagged], [2, 1, 1, 1]);
    const ai = byKey.get('AIとの対話によるリスク')!;
    assert.deepEqual([ai.items, ai.byState.translated, ai.byState.untranslated, ai.byDecision.none], [2, 1, 1, 2]);
    assert.equal(
      r.groups.reduce((n, g) => n + g.items, 0),
      6,
    );
  });

  it('counts by harm type and by specific harm, every item in exactly one group', async () => {
    for (const by of ['harm-type', 'specific-harm']) {
      const r = await groupsBy(by);
      assert.equal(r.groups.length, 3, by);
      assert.deepEqual(
        r.groups.map((g) => g.items),
        [2, 2, 2],
        by,
      );
    }
    const harm = await groupsBy('harm-type');
    assert.ok(harm.groups.some((g) => g.key === '違法行為への加担' && g.name === 'Assisting illegal activities'));
  });

  it('counts by author, an item once for each person who worked on it, and "(none)" for untouched items', async () => {
    const r = await groupsBy('author');
    const byKey = Object.fromEntries(r.groups.map((g) => [g.key, g.items]));
    assert.deepEqual(byKey, { tester: 4, kim: 3, lee: 2, '(none)': 1 });
    assert.equal(r.groups.at(-1)!.key, '(none)');
  });

  it('prints a table on the terminal and rejects an unknown grouping', async () => {
    const r = await run(['status', '-p', dir, '--by', 'risk-area']);
    assert.equal(r.code, 0, r.stderr);
    const row = r.stdout.split('\n').find((l) => l.startsWith('情報漏洩 (Information Hazards)'));
    assert.ok(row, r.stdout);
    // items, then states (untranslated, translated, adapted, ...), then decisions (transfer, adapt, replace, drop).
    assert.deepEqual(row.split(/\s{2,}/).slice(1, 5), ['2', '0', '0', '2']);
    const bad = await run(['status', '-p', dir, '--by', 'colour']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /risk-area, harm-type, specific-harm, author/);
  });
});
