/** [p] in the real adapt wizard (tmux) against the fake OpenAI-compatible server: a proposal that changes nothing until the person accepts it. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, run } from '../helpers/cli.js';
import { terminalProject } from '../helpers/terminal-project.js';
import { startFakeOpenAI } from '../fakes/openai.js';
import type { FakeServer } from '../fakes/http-fake.js';
import { loadState, openProject } from '../../src/project/project.js';
import { readJournal } from '../../src/project/journal.js';

describe('adapt wizard: [p] model suggestion (tmux)', function () {
  this.timeout(90_000);
  let fake: FakeServer;
  const t = terminalProject({
    editor: `#!/bin/sh\nprintf '%s\\n' 'edited by hand' > "$1"\n`,
    env: { CAREFULLY_AUTHOR: 'tester' },
    setup: async (p) => {
      fake = await startFakeOpenAI();
      p.env = { ...p.env, OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'fake-model' };
    },
  });
  after(async () => fake?.close());

  const item = async (id: string) => (await loadState(openProject(t.dir))).states.get(id)!;

  it('shows a word diff, rationale, changes and QA; discard changes nothing; accept writes the person’s edits marked fromSuggestion', async () => {
    const before = await item('test-0001');
    const term = t.tmux.terminal(t.dir, [process.execPath, BIN, 'adapt', '--ids', 'test-0001'], t.env);
    await term.waitFor(/test-0001 ›/);
    term.send('p');
    let screen = await term.waitFor(/Use this suggestion\?/);
    assert.match(screen, /Suggestion from a language model/);
    assert.match(screen, /\{\+ \(adapted for Korea\)\+\}/, 'the addition is marked in the word diff');
    assert.match(screen, /Rationale: Japanese institutions replaced by Korean ones\./);
    assert.match(screen, /- 110番 -> 112/);
    assert.match(screen, /QA ·/);
    term.key('Down');
    term.key('Down');
    term.key('Enter'); // discard
    await term.waitFor(/Suggestion discarded/);
    const discarded = await item('test-0001');
    assert.equal(discarded.question, before.question);
    assert.equal(discarded.answer, before.answer);
    assert.equal(discarded.fromSuggestion, undefined);
    assert.equal(readJournal(t.dir).events.filter((e) => e.type === 'suggestion').length, 1, 'the suggestion itself is journaled');

    term.send('p'); // same inputs: served from the cache
    await term.waitFor(/Use this suggestion\?/);
    assert.equal(fake.requestsTo().length, 1);
    term.key('Enter'); // accept
    screen = await term.waitFor(/Suggestion accepted: 2 edit\(s\)/);
    term.send('q');
    await term.waitFor(/\[exit 0\]/);

    const after = await item('test-0001');
    assert.match(after.question!, /\(adapted for Korea\)$/);
    assert.match(after.answer!, /112에 신고하세요\.$/);
    assert.equal(after.fromSuggestion, true);
    assert.equal(after.decision?.decision, before.decision?.decision, 'no decision is made by accepting');
    const edits = readJournal(t.dir).events.filter((e) => e.type === 'edit');
    assert.equal(edits.length, 2);
    for (const e of edits) assert.ok(e.type === 'edit' && e.fromSuggestion && e.author === 'tester');

    // The provenance file and the card count it.
    const d = await run(['adapt', '-p', t.dir, '--answers', t.tmp.jsonl('dec.jsonl', [{ id: 'test-0001', decision: 'adapt', rationale: 'from suggestion' }])]);
    assert.equal(d.code, 0, d.stderr);
    const out = t.tmp.join('out');
    const ex = await run(['export', '-p', t.dir, '--out', out, '--include-unreviewed']);
    assert.ok(ex.code === 0 || ex.code === 1, ex.stderr);
    const prov = readFileSync(path.join(out, 'provenance', readdirSync(path.join(out, 'provenance'))[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; fromSuggestion: boolean });
    assert.deepEqual(
      prov.filter((p) => p.fromSuggestion).map((p) => p.id),
      ['test-0001'],
    );
    assert.match(readFileSync(path.join(out, 'README.md'), 'utf8'), /1 exported item\(s\) have a final text that started from a\s+language model's suggestion/);
  });
});
