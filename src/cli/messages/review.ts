/** Long user-facing messages of `carefully review`. */

import { t } from '../../i18n.js';

export const messages = {
  allOwnWork: (own: number, reviewer: string) => t('review.allOwnWork', { count: own, reviewer }),
  nothingToReview: (filters: string) => t('review.nothingToReview', { filters }),
  header: (reviewer: string, filters: string, packName: string, allowSelfReview: boolean) =>
    `carefully review · ${reviewer} · ${filters} · ${t('review.header.pack', { pack: packName })}${allowSelfReview ? ` · ${t('review.header.selfReview')}` : ''}`,
};
