/** Long user-facing messages of `carefully review`. */

import { t } from '../../i18n.js';

export const messages = {
  allOwnWork: (own: number, reviewer: string) =>
    `All ${own} item(s) to review here are ${reviewer}'s own work (their decision or their edits): another person must review them. To review your own work anyway, pass --allow-self-review (the journal records who reviewed).`,
  nothingToReview: (filters: string) =>
    `Nothing to review (${filters}): no item awaits a verdict. Items are reviewed after a localizer decides them in \`carefully adapt\`.`,
  header: (reviewer: string, filters: string, packName: string, allowSelfReview: boolean) =>
    `carefully review · ${reviewer} · ${filters} · ${t('review.header.pack', { pack: packName })}${allowSelfReview ? ` · ${t('review.header.selfReview')}` : ''}`,
};
