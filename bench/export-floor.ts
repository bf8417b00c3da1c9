/**
 * A hand-written export of a bench project (bench/scale-data.ts: one MT event per item): the least a direct script does to
 * write the same two files, measured beside `carefully export` so its figure has a floor as well as the parse baseline.
 *
 * It reads every journal line into a map of MT texts, then each source line: parses it, hashes the source texts, puts the
 * MT texts in and writes the record and a provenance line of the same fields as export's. No validation, no QA, no
 * near-copy check, no checkpoint, no atomic rename: what carefully does on top of this is what its ratio to this measures.
 */
import { createReadStream, createWriteStream, readdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sourceHash } from '../src/dataset/profile.js';

async function* lines(file: string): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line !== '') yield line;
}

function write(stream: WriteStream, text: string): Promise<void> | undefined {
  return stream.write(text) ? undefined : new Promise((resolve) => stream.once('drain', resolve));
}

const closed = (stream: WriteStream) => new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));

const PACK = { name: 'ko', version: '2026-11-29', hash: `sha256:${'0'.repeat(64)}` };

interface Mt {
  question: string;
  answer: string;
  provider: string;
  label: string;
  author: string;
  ts: string;
}

/** Writes `outDir`/data.jsonl and `outDir`/provenance.jsonl from the project's journal and its source; returns the records written. */
export async function handWrittenExport(source: string, project: string, outDir: string): Promise<number> {
  const mt = new Map<string, Mt>();
  const journal = path.join(project, 'journal');
  for (const name of readdirSync(journal).filter((f) => f.endsWith('.jsonl'))) {
    for await (const line of lines(path.join(journal, name))) {
      const e = JSON.parse(line) as Mt & { type: string; item: string };
      if (e.type === 'mt') mt.set(e.item, e);
    }
  }
  const data = createWriteStream(path.join(outDir, 'data.jsonl'));
  const provenance = createWriteStream(path.join(outDir, 'provenance.jsonl'));
  let n = 0;
  for await (const line of lines(source)) {
    const record = JSON.parse(line) as { ID: string; text: string; output: string; text_en?: string; output_en?: string; meta: Record<string, unknown> };
    const e = mt.get(record.ID);
    if (!e) continue;
    // As export does: the target language's texts, no English pair, no Japan-specific flag.
    const { text_en: _q, output_en: _a, meta, ...rest } = record;
    const { 'japan-specific': _j, ...kept } = meta;
    await write(data, `${JSON.stringify({ ...rest, text: e.question, output: e.answer, meta: kept })}\n`);
    const row = {
      id: record.ID,
      exported: true,
      state: 'translated',
      reviewed: false,
      decision: null,
      rationale: null,
      provider: e.provider,
      providerLabel: e.label,
      machineTranslation: false,
      edited: { question: false, answer: false },
      fromSuggestion: false,
      checklist: {},
      authors: [e.author],
      reviewer: null,
      firstChange: e.ts,
      lastChange: e.ts,
      sourceHash: sourceHash(record.text, record.output),
      localePack: PACK,
    };
    await write(provenance, `${JSON.stringify(row)}\n`);
    n++;
  }
  await Promise.all([closed(data), closed(provenance)]);
  return n;
}
