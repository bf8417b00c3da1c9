/**
 * QA waivers: a finding accepted on purpose, per item and check (and field),
 * with a reason. A waiver holds for the text it was given for: once that text
 * changes (its hash differs) the waiver is stale and the finding is open again.
 */
import { targetHash } from '../project/target-hash.js';
import type { ItemState, ItemWaiver } from '../project/state.js';
import type { Finding } from './types.js';

export interface WaiverNote {
  author: string;
  reason: string;
  ts: string;
}

export type Waived<F extends Finding> = F & { waived: WaiverNote };

export interface WaiverSplit<F extends Finding> {
  /** Findings no waiver covers. */
  open: F[];
  waived: Waived<F>[];
  /** Waivers that would cover a finding but were given for an earlier text. */
  stale: ItemWaiver[];
}

/** Whether a waiver (of a field, or of the whole check when it names none) is about this finding. */
function covers(w: ItemWaiver, f: Finding): boolean {
  return w.check === f.check && (w.field === undefined || w.field === f.field);
}

/** Whether the waiver was given for the item's current text. */
export function isCurrentWaiver(w: ItemWaiver, state: Pick<ItemState, 'question' | 'answer'>): boolean {
  return w.targetHash === targetHash(state, w.field);
}

/** The item's findings, split into open and waived ones. */
export function splitWaived<F extends Finding>(findings: readonly F[], state: Pick<ItemState, 'question' | 'answer' | 'waivers'>): WaiverSplit<F> {
  const out: WaiverSplit<F> = { open: [], waived: [], stale: [] };
  if (state.waivers.length === 0) return { ...out, open: [...findings] };
  for (const f of findings) {
    const ws = state.waivers.filter((w) => covers(w, f));
    const current = ws.find((w) => isCurrentWaiver(w, state));
    if (current) out.waived.push({ ...f, waived: { author: current.author, reason: current.reason, ts: current.ts } });
    else {
      out.open.push(f);
      for (const w of ws) if (!out.stale.includes(w)) out.stale.push(w);
    }
  }
  return out;
}
