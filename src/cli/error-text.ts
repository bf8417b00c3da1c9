/**
 * What the CLI prints for one of our errors. A provider failure that stopped a
 * translation run carries where the run stood (ProviderError.progress); the
 * advice on resuming is written here, once, from that data.
 */
import type { CarefullyError } from '../errors.js';
import { ProviderAuthError, ProviderError } from '../errors.js';
import { RESUME_HINT } from '../translate/providers/http-status.js';

export function errorText(e: CarefullyError): string {
  if (!(e instanceof ProviderError) || !e.progress) return e.message;
  const { saved, remaining } = e.progress;
  // A key that fails before anything was saved needs no resume advice.
  if (e instanceof ProviderAuthError && saved === 0) return e.message;
  const what = e.message
    .replace(RESUME_HINT, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return (
    `${what} ${saved} item(s) were translated and saved in this run; ${remaining} of ${saved + remaining} remain. ` +
    'Rerun `carefully translate` to resume; nothing is sent twice.'
  );
}
