/** Checklist questions with named options (ko's Japan-specific question) through the real CLI: answers files, refusals, old yes/no journals. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';

const QUESTION = 'japan-specific-annotation';

describe('CLI: checklist questions with options', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let project: string;
  beforeEach(async () => {
    tmp = new TempDir();
    project = tmp.join('p');
    // Even-numbered fixture records are annotated Japan-specific.
    assert.equal((await run(['init', project, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
  });
  afterEach(() => tmp.remove());

  const journalLines = (): { item: string; type: string; answer?: string }[] =>
    readFileSync(path.join(project, 'journal', 'alice.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { item: string; type: string; answer?: string });

  it('accepts an option ID in an answers file, records it, and its effect drives the proposal', async () => {
    const file = tmp.jsonl('answers.jsonl', [
      { id: 'test-0000', decision: 'transfer', checklist: { [QUESTION]: 'sibling' } },
      { id: 'test-0002', decision: 'transfer', checklist: { [QUESTION]: 'shared' } },
    ]);
    const r = await run(['adapt', '-p', project, '--answers', file, '--as', 'alice']);
    assert.equal(r.code, 0, r.stderr);
    const answers = journalLines().filter((e) => e.type === 'checklist');
    assert.deepEqual(
      answers.map((e) => [e.item, e.answer]),
      [
        ['test-0000', 'sibling'],
        ['test-0002', 'shared'],
      ],
    );
    // "a Korean sibling exists" proposes replace, so the transfer is reported; "shared" proposes nothing.
    assert.match(r.stderr, /test-0000[^\n]*the checklist answers propose "replace-scenario"/u);
    assert.doesNotMatch(r.stderr, /test-0002[^\n]*propose/u);
  });

  it('refuses an answer that is not one of the options, naming the field and the options, and writes nothing', async () => {
    const file = tmp.jsonl('bad.jsonl', [{ id: 'test-0000', decision: 'transfer', checklist: { [QUESTION]: 'yes' } }]);
    const r = await run(['adapt', '-p', project, '--answers', file, '--as', 'alice']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /line 1, ID "test-0000", field "checklist\.japan-specific-annotation": "yes" is not a checklist answer to "japan-specific-annotation": use names-facts, sibling, none, shared or n\/a/u,
    );
    assert.throws(() => readFileSync(path.join(project, 'journal', 'alice.jsonl')), /ENOENT/u);
  });

  it('still folds a yes/no answer recorded before the question had options, with its old effect', async () => {
    const items = await loadItems(openProject(project));
    const first = items[0]!;
    await new JournalWriter(project, 'bob').append([{ type: 'checklist', item: first.id, sourceHash: first.sourceHash, question: QUESTION, answer: 'yes' }]);
    const check = await run(['status', '-p', project]);
    assert.equal(check.code, 0, check.stderr);
    assert.doesNotMatch(check.stderr, /skipp|invalid/iu, 'the old line is not skipped');
    // yes → needs-replacement (the base effects), so a transfer is reported against the replace proposal.
    const r = await run(['adapt', '-p', project, '--answers', tmp.jsonl('a.jsonl', [{ id: first.id, decision: 'transfer' }]), '--as', 'alice']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /test-0000[^\n]*the checklist answers propose "replace-scenario"/u);
  });
});
