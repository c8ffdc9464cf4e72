/**
 * Issue 27 part 5: workforce equality on the transparency site's home (LEG-04): the latest
 * snapshot's personnel, and the shares from minority ethnic groups and of women, as published on
 * the public page (DP-01: a share withheld there is left out here).
 */
import type { PublicFigure, PublicHeadline } from '../../../platform/headlines.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { workforcePaths } from '../paths.js';
import { countText } from '../presenter.js';
import { percentText } from '../rules.js';
import type { PublicWorkforceService } from './service.js';

export async function workforceHeadline(
  published: PublicWorkforceService,
  t: Translate,
): Promise<PublicHeadline | null> {
  const { at, series } = await published.figures(undefined);
  const latest = series.at(-1);
  if (!at || !latest) return null;
  const { all } = latest.published;
  const date = formatDate(t, at);
  const share = (value: number | null, key: string): PublicFigure[] =>
    value === null ? [] : [{ value: percentText(value), label: t(key) }];
  return {
    order: 49,
    title: t('workforce:homeTasks.public.text'),
    href: workforcePaths.publicFigures,
    summary: t('workforce:homeTasks.public.hint'),
    figures: [
      { value: countText(all.shown.headcount), label: t('workforce:headline.personnel', { date }) },
      ...share(all.minorityShare, 'workforce:headline.minority'),
      ...share(all.femaleShare, 'workforce:headline.female'),
    ],
  };
}
