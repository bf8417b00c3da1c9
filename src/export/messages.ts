/** User-facing messages of the export stage. */
import { describeNearCopy, type NearCopy } from '../qa/near-copy.js';

export function nearCopyMessage(what: string, copy: NearCopy): string {
  return `${what} ${describeNearCopy(copy)}, which must not be redistributed. Rewrite it in your own words (for a rationale, describe the source instead of quoting it), drop the item, or pass --allow-verbatim if this text is not AnswerCarefully data`;
}
