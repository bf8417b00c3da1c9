/**
 * Export and report at scale: the journal folded once, the source streamed,
 * and every item checked with what QA needs of the whole dataset (length
 * statistics, near-copy index key). When an earlier run kept those
 * (dataset-context-cache.ts), one pass does all; else a first pass measures
 * the dataset (and writes the file) and a second checks, each item's state
 * taken from the fold again rather than kept.
 */
import type { SourceItem } from '../dataset/item.js';
import type { SourceFormat } from '../dataset/read-records.js';
import { validateSource } from '../dataset/validate.js';
import { DataError, formatProblem } from '../errors.js';
import { foldWithSource, trustedSourceKeys, type Project, type SourceFold } from '../project/project.js';
import type { ItemState } from '../project/state.js';
import { datasetContextKey, readDatasetContext, writeDatasetContext } from './dataset-context-cache.js';
import { projectQaContextBuilder, type ProjectQa, type ProjectQaEnv } from './project-qa.js';

export interface StreamedQaHandlers {
  /** Every item once, in the fold's pass (items added in the target language last). */
  tally?: (item: SourceItem, state: ItemState) => void;
  /** Once QA is ready, before the first `check`: with how many items there are. */
  onReady?: (qa: ProjectQa, items: number) => void;
  /** Every item once, after `onReady`; `record` is the source record (none for added items). */
  check: (item: SourceItem, state: ItemState, record: unknown) => void | Promise<void>;
  /** A first pass (measuring) met this many items. */
  onMeasured?: (read: number) => void;
  onFormat?: (format: SourceFormat) => void;
  /** Fold the journal with lazy checkpoint rows (FoldWithSourceOptions.lazyRows). */
  lazyRows?: boolean;
}

export async function streamWithDatasetQa(
  project: Project,
  env: ProjectQaEnv,
  h: StreamedQaHandlers,
): Promise<{ fold: SourceFold; qa: ProjectQa; passes: 1 | 2 }> {
  let qa: ProjectQa | undefined;
  let pass1: ReturnType<typeof projectQaContextBuilder> | undefined;
  let contextKey: string | undefined;
  const added: SourceItem[] = [];
  let read = 0;
  const fold = await foldWithSource(
    project,
    // Not async: a check that finishes at once (export's, mostly) then costs no promise per item.
    (item, state, record) => {
      h.tally?.(item, state);
      if (qa) return h.check(item, state, record);
      if (item.added) added.push(item);
      pass1!.add(item, state);
      h.onMeasured?.(++read);
    },
    {
      ...(h.onFormat ? { onFormat: h.onFormat } : {}),
      ...(h.lazyRows ? { lazyRows: true } : {}),
      onFolded: ({ ends }) => {
        contextKey = datasetContextKey(project, ends);
        const known = contextKey === undefined ? undefined : readDatasetContext(project.dir, contextKey);
        if (known) {
          qa = projectQaContextBuilder(project, env, { streaming: true, known: { lengthStats: known.lengthStats, indexDigest: known.indexDigest } }).done();
          h.onReady?.(qa, known.items);
          return { release: true }; // one pass: no state is asked for again, so each item's fold goes once it is checked
        }
        pass1 = projectQaContextBuilder(project, env, { streaming: true });
        return undefined;
      },
    },
  );
  if (!pass1) return { fold, qa: qa!, passes: 1 };
  const measured = pass1.done();
  await measured.prepare();
  h.onReady?.(measured, fold.items);
  if (contextKey !== undefined)
    writeDatasetContext(project.dir, contextKey, { lengthStats: measured.ctx.lengthStats ?? null, indexDigest: measured.indexDigest, items: fold.items });
  const report = await validateSource(project.sourcePath, project.mapping, {
    trusted: trustedSourceKeys(project),
    ...(h.onFormat ? { onFormat: h.onFormat } : {}),
    onItem: (item, record) => h.check(item, fold.folder.state(item), record),
  });
  if (!report.valid)
    throw new DataError(
      `The source file changed and is no longer valid: run \`carefully validate\` on it. ${report.problems.map(formatProblem).join('; ')}`,
      report.problems,
    );
  for (const item of added) await h.check(item, fold.folder.state(item), undefined);
  return { fold, qa: measured, passes: 2 };
}
