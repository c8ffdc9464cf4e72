/**
 * Issue 27 part 5: grants on the transparency site's home (CDRP-12, CON-04): the latest reporting
 * year's grants awarded and the sum awarded, totalled as the public page totals them.
 */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { formatPence } from '../../../platform/money/pence.js';
import { fundPaths } from '../funds/paths.js';
import { yearLabel } from '../funds/presenter.js';
import type { PublishedGrantsService } from './service.js';

export async function grantsHeadline(
  published: PublishedGrantsService,
  t: Translate,
): Promise<PublicHeadline | null> {
  const { totals } = await published.list({}, { page: 1, limit: 1, offset: 0 });
  const latest = Math.max(...totals.map((r) => r.startYear));
  const year = totals.filter((r) => r.startYear === latest);
  if (!year.length) return null;
  const grants = year.reduce((sum, r) => sum + r.grants, 0);
  const pence = year.reduce((sum, r) => sum + r.awardedPence, 0);
  return {
    order: 44,
    title: t('grants:homeTasks.awarded.text'),
    href: fundPaths.grantsAwarded,
    summary: t('grants:homeTasks.awarded.hint'),
    figures: [
      countFigure(t, 'grants:headline.grants', grants, { year: yearLabel(latest) }),
      {
        value: formatPence(pence).replace(/\.00$/, ''),
        label: t('grants:headline.awarded', { year: yearLabel(latest) }),
      },
    ],
  };
}
