/** Export and report's streamed QA (src/qa/streamed-qa.ts): a source that changes between the two passes is refused, by record. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { openProject } from '../../src/project/project.js';
import { projectQaEnv } from '../../src/qa/project-qa.js';
import { streamWithDatasetQa } from '../../src/qa/streamed-qa.js';
import { DataError } from '../../src/errors.js';

describe('streamed QA over the source', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('refuses, naming the record, a source that became invalid between the measuring pass and the checking pass', async () => {
    const dir = tmp.join('p');
    const records = makeRecords(6);
    const source = tmp.json('ac.json', records);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    const project = openProject(dir);
    const checked: string[] = [];
    const broken = records.map((r, i) => (i === 3 ? { ...r, text: undefined } : r));
    await assert.rejects(
      streamWithDatasetQa(project, projectQaEnv(project), {
        // No dataset context kept yet: a first pass measures, then the source is read again to check.
        onReady: () => writeFileSync(project.sourcePath, JSON.stringify(broken)),
        check: (item) => void checked.push(item.id),
      }),
      (e: unknown) => {
        assert.ok(e instanceof DataError);
        assert.match(e.message, /source file changed and is no longer valid/);
        assert.match(e.message, new RegExp(records[3]!.ID));
        return true;
      },
    );
    assert.ok(!checked.includes(records[3]!.ID), 'the invalid record is not checked');
  });
});
