/**
 * Issue 27 part 5: stop and search on the transparency site's home (LEG-04): the latest
 * reporting year imported, its searches and arrest rate, and the ethnic groups searched at a
 * rate above the set threshold against White, from the same kept figures as the public page.
 * Nothing is shown until a month has been imported.
 */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { stopSearchPaths } from '../paths.js';
import { percentText, ratioText } from '../presenter.js';
import type { FiguresService } from './service.js';

export async function stopSearchHeadline(
  figures: FiguresService,
  years: () => Promise<number[]>,
  threshold: number,
  t: Translate,
): Promise<PublicHeadline | null> {
  const [latest] = await years();
  if (latest === undefined) return null;
  const year = await figures.year(latest, null);
  const flagged = (year.groups ?? []).filter((g) => g.flagged).length;
  return {
    order: 48,
    title: t('stop-search:homeTasks.figures.text'),
    href: stopSearchPaths.figures,
    summary: t('stop-search:homeTasks.figures.hint'),
    figures: [
      countFigure(t, 'stop-search:headline.searches', year.total, { year: year.year.label }),
      ...(year.outcomes.arrestRate === null
        ? []
        : [
            {
              value: percentText(year.outcomes.arrestRate),
              label: t('stop-search:headline.arrestRate'),
            },
          ]),
      ...(year.groups
        ? [
            countFigure(t, 'stop-search:headline.flagged', flagged, {
              threshold: ratioText(threshold),
            }),
          ]
        : []),
    ],
  };
}
