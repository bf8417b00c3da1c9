/** The bench's hand-written export (bench/export-floor.ts) does the work `carefully export` does, so the figure beside it is a floor. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { handWrittenExport } from '../../bench/export-floor.js';
import { generateSource, makeProject } from '../../bench/scale-data.js';
import { run } from '../helpers/cli.js';
import { benchDataDir } from '../helpers/bench-data.js';
import type { TempDir } from '../helpers/fixtures.js';

describe('bench: the hand-written export', function () {
  this.timeout(60_000);
  const dir = benchDataDir();
  let tmp: TempDir;
  beforeEach(() => (tmp = dir()));

  it("writes the records carefully exports, byte for byte, and a provenance line per record with export's fields", async () => {
    const source = await generateSource(tmp.path, 9);
    const project = await makeProject(tmp.path, source, 9);
    const r = await run(['export', '--project', project, '--out', tmp.join('out'), '--include-unreviewed', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { datasetFile, provenanceFile } = JSON.parse(r.stdout) as { datasetFile: string; provenanceFile: string };

    assert.equal(await handWrittenExport(source, project, tmp.path), 9);
    assert.equal(readFileSync(tmp.join('data.jsonl'), 'utf8'), readFileSync(path.resolve(tmp.join('out'), datasetFile), 'utf8'));
    // The same fields and values but the annotators' labels and the locale pack, which the script does not look up.
    const rows = (file: string) =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => ({ ...(JSON.parse(l) as object), authors: undefined, localePack: undefined }));
    assert.deepEqual(rows(tmp.join('provenance.jsonl')), rows(path.resolve(tmp.join('out'), provenanceFile)));
  });
});
