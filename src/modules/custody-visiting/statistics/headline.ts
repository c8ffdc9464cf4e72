/**
 * Issue 27 part 5: custody visiting on the transparency site's home (ICV-10): the latest whole
 * quarter's visits against their target and the issues visitors raised, from the same kept
 * figures as the public statistics page.
 */
import { countFigure, wholeNumber, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { custodyPaths } from '../paths.js';
import type { StatisticsService } from './service.js';
import { periodName } from './words.js';

export async function custodyHeadline(
  statistics: StatisticsService,
  t: Translate,
): Promise<PublicHeadline> {
  const { period, total, reports } = await statistics.period({});
  const quarter = periodName(t, period);
  return {
    order: 30,
    title: t('custody-visiting:homeTasks.public.text'),
    href: custodyPaths.publicScheme,
    summary: t('custody-visiting:homeTasks.public.hint'),
    figures: [
      countFigure(t, 'custody-visiting:headline.visits', total.made, {
        quarter,
        target: wholeNumber(total.target),
      }),
      countFigure(t, 'custody-visiting:headline.issues', reports.total.issuesRaised, {
        resolved: wholeNumber(reports.total.issuesResolved),
      }),
    ],
  };
}
