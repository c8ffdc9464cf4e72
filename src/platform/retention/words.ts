/** The schedule's words, shared by its pages and the warning e-mail. */
import type { Translate } from '../i18n/messages.js';
import type { RetentionPeriod } from '../modules.js';

export function periodText(t: Translate, period: RetentionPeriod): string {
  return period.unit === 'months'
    ? t('admin.retention.period.months', { count: period.count })
    : t('admin.retention.period.days', { count: period.count });
}

/** What is done with a kind ('deleted', 'anonymised'), in the schedule's words. */
export function actionWord(t: Translate, action: 'delete' | 'anonymise'): string {
  return action === 'delete'
    ? t('admin.retention.actions.delete')
    : t('admin.retention.actions.anonymise');
}
