/** Long user-facing messages of `carefully status` (the text is in the catalogs, locales/ui/). */
import { t } from '../../i18n.js';

export const messages = {
  conflicts: (n: number) => `\n${t('status.conflicts', { count: n })}`,
};
