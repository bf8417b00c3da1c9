/** The wizards' long user-facing sentences (max-len does not apply here); the text is in the catalogs (locales/ui/). */
import { t } from '../i18n.js';
import type { PaneId } from './layout.js';
import type { ReviewProgress } from '../review/review-session.js';

export const msg = {
  taxonomy: (riskArea: string, harmType: string, specificHarm: string) => `  ${t('wizard.item.taxonomy', { riskArea, harmType, specificHarm })}`,
  reviewEditHandedOn: (field: string, id: string) => t('review.notice.editHandedOn', { field: t(`wizard.field.${field}`), id }),
  adaptSkipped: (id: string, decision: string | undefined) =>
    decision ? t('adapt.notice.skippedDecided', { id, decision }) : t('adapt.notice.skippedUndecided', { id }),
  undone: (id: string, what: string) => t('wizard.notice.undone', { id, what }),
  reverted: (id: string) => t('wizard.notice.reverted', { id }),
  paneHelp: (panes: readonly { key: string; name: string; id: PaneId }[]) =>
    t('wizard.help.panes', { keys: panes.map((p) => p.key).join(' '), panes: panes.map((p) => `${p.key} ${p.name}`).join(', ') }),
};

export const secondaryAssigned = () => `  ${t('adapt.item.secondaryAssigned')}`;

export const reviewSessionCounts = (progress: ReviewProgress) =>
  t(progress.handedOn ? 'review.summary.countsHandedOn' : 'review.summary.counts', { ...progress });
