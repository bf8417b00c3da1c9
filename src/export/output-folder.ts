/**
 * The export's output folder, written as a set: every file goes to a temporary
 * folder beside the target, which then replaces the target in two renames. A
 * manifest lists what an export wrote, so the next export may replace exactly
 * those files; a folder holding anything else is refused, untouched.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError, listEntries } from '../errors.js';
import { exportMessages } from './messages.js';

/** The manifest of an export folder: the files (relative, '/'-separated) that export wrote. */
export const MANIFEST_FILE = '.carefully-export.json';

interface Manifest {
  tool: 'carefully';
  files: string[];
}

/** Files and folders under `dir`, relative and '/'-separated; a folder is listed only when empty. */
function listTree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    if (e.isDirectory()) {
      const inner = listTree(path.join(dir, e.name), `${rel}/`);
      out.push(...(inner.length > 0 ? inner : [`${rel}/`]));
    } else out.push(rel);
  }
  return out;
}

function readManifest(dir: string): Set<string> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return new Set();
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    if (m.tool === 'carefully' && Array.isArray(m.files)) return new Set(m.files.filter((f) => typeof f === 'string'));
  } catch {
    // An unreadable manifest protects nothing: every file is then "not written by export".
  }
  return new Set();
}

const sameFile = (a: string, b: string): boolean => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
};

/** Names of the temporary and retired folders kept beside `out`, so leftovers can be found again. */
const sideName = (out: string, kind: 'tmp' | 'old', pid: number, n: number) => `.${path.basename(out)}.carefully-${kind}-${pid}-${n}`;
const SIDE = /^\.(.+)\.carefully-(?:tmp|old)-(\d+)-\d+$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temporary folders of earlier exports to `out` that were interrupted (their process is gone). */
function removeLeftovers(out: string): void {
  const parent = path.dirname(out);
  for (const name of readdirSync(parent)) {
    const m = SIDE.exec(name);
    if (m && m[1] === path.basename(out) && !alive(Number(m[2]))) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

let counter = 0;

export interface OutputFolder {
  /** The final folder. */
  out: string;
  /** Where to write now; becomes `out` on commit. */
  tmp: string;
  /** Path inside the temporary folder for a relative '/'-separated name, creating its folder. */
  file(rel: string): string;
  /** Replace `out` with the temporary folder; the manifest lists every file written. */
  commit(): void;
  /** Remove the temporary folder (after a refusal or a failure). */
  discard(): void;
}

/**
 * Check that `out` may be written (absent, empty, or holding only a previous
 * export's files, and never `protect`ed files such as the project's source),
 * then open a temporary folder beside it.
 */
export function openOutputFolder(outArg: string, protect: readonly string[]): OutputFolder {
  const out = path.resolve(outArg);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UsageError(exportMessages.outNotFolder(out));
    const written = readManifest(out);
    const entries = listTree(out).filter((f) => f !== MANIFEST_FILE);
    const guarded = entries.filter((f) => protect.some((p) => sameFile(path.join(out, f), p)));
    if (guarded.length > 0)
      throw new DataError(
        exportMessages.outHoldsSource(
          out,
          guarded.map((f) => path.join(out, f)),
        ),
      );
    const unknown = entries.filter((f) => !written.has(f));
    if (unknown.length > 0) throw new DataError(exportMessages.outNotExport(out, listEntries(unknown.map((f) => path.join(out, f))), MANIFEST_FILE));
  }
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  removeLeftovers(out);
  const tmp = path.join(parent, sideName(out, 'tmp', process.pid, ++counter));
  mkdirSync(tmp);
  const files = new Set<string>();
  return {
    out,
    tmp,
    file(rel) {
      files.add(rel);
      const p = path.join(tmp, ...rel.split('/'));
      mkdirSync(path.dirname(p), { recursive: true });
      return p;
    },
    commit() {
      const manifest: Manifest = { tool: 'carefully', files: [...files].sort() };
      writeFileSync(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existsSync(out)) {
        // Checked above: `out` holds only a previous export's files, retired whole and removed.
        const old = path.join(parent, sideName(out, 'old', process.pid, counter));
        renameSync(out, old);
        renameSync(tmp, out);
        rmSync(old, { recursive: true, force: true });
      } else renameSync(tmp, out);
    },
    discard() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
