/**
 * `carefully tmx export`: the approved segment pairs (source -> final target)
 * as TMX 1.4, for the translation memory of CAT tools and as context for
 * later releases. One <tu> per item field; written with fast-xml-parser.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { DataError } from '../errors.js';
import { TEXT_ROLES } from '../dataset/item.js';
import { loadState, openProject } from '../project/project.js';
import { projectTag } from './project-tag.js';
import { unitName } from './units.js';
import { NOT_XML } from './xliff.js';
import { toolName, writeOut } from './interop-file.js';
import { messages } from './messages.js';

export interface TmxExportResult {
  out: string;
  /** Approved items exported (dropped ones have no target). */
  items: number;
  units: number;
  warnings: string[];
}

export async function exportTmx(opts: { project: string; out: string }): Promise<TmxExportResult> {
  const project = openProject(opts.project);
  const { items, states, warnings } = await loadState(project);
  const tag = projectTag(project);
  const tus: Record<string, unknown>[] = [];
  let exported = 0;
  for (const item of items) {
    const s = states.get(item.id);
    if (s?.state !== 'approved' || s.decision?.decision === 'drop') continue;
    exported++;
    for (const field of TEXT_ROLES) {
      const target = s[field];
      if (target === undefined) continue;
      if (NOT_XML.test(item[field]) || NOT_XML.test(target)) throw new DataError(messages.xmlCharacters(item.id, field));
      tus.push({
        '@_tuid': unitName(item.id, field),
        '@_changedate': compactDate(s.review?.ts ?? s.lastTs),
        prop: [
          { '@_type': 'x-carefully-item', '#text': item.id },
          { '@_type': 'x-carefully-field', '#text': field },
          { '@_type': 'x-carefully-decision', '#text': s.decision?.decision ?? '' },
        ],
        tuv: [
          { '@_xml:lang': tag.from, seg: item[field] },
          { '@_xml:lang': tag.to, seg: target },
        ],
      });
    }
  }
  const doc = {
    tmx: {
      '@_version': '1.4',
      header: {
        '@_creationtool': 'carefully',
        '@_creationtoolversion': toolName().replace(/^carefully /u, ''),
        '@_segtype': 'block',
        '@_o-tmf': 'carefully',
        '@_adminlang': 'en',
        '@_srclang': tag.from,
        '@_datatype': 'plaintext',
        prop: { '@_type': 'x-carefully-project', '#text': tag.id },
      },
      body: { tu: tus },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, indentBy: '  ' });
  await writeOut(opts.out, `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`);
  return { out: opts.out, items: exported, units: tus.length, warnings };
}

/** TMX dates: YYYYMMDDThhmmssZ. */
function compactDate(iso: string | undefined): string {
  return (iso ?? new Date().toISOString()).replace(/[-:]/gu, '').replace(/\.\d+Z$/u, 'Z');
}
