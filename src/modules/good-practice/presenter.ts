/** How the library's entries read: their theme, their borough (or the whole area), the filters. */
import type { FastifyRequest } from 'fastify';
import { toLondonDate } from '../../platform/calendar/index.js';
import { formatDate } from '../../platform/i18n/dates.js';
import { THEMES } from './rules.js';

type T = FastifyRequest['t'];

export const themeName = (t: T, theme: string) => t(`good-practice:themes.${theme}`);

export const boroughText = (t: T, borough: string | null) =>
  borough ?? t('good-practice:entry.areaWide');

/** The list's filters as GOV.UK select items, the chosen ones selected. */
export function filterItems(
  t: T,
  boroughs: readonly { id: string; name: string }[],
  chosen: { theme?: string | undefined; borough?: string | undefined },
) {
  return {
    themeItems: [
      { value: '', text: t('good-practice:list.anyTheme') },
      ...THEMES.map((th) => ({ value: th, text: themeName(t, th), selected: th === chosen.theme })),
    ],
    boroughItems: [
      { value: '', text: t('good-practice:list.anyBorough') },
      {
        value: 'area',
        text: t('good-practice:entry.areaWide'),
        selected: chosen.borough === 'area',
      },
      ...boroughs.map((b) => ({ value: b.id, text: b.name, selected: b.id === chosen.borough })),
    ],
  };
}

/** Whether and since when the public reads it, or when it was withdrawn. */
export function publicationText(
  t: T,
  entry: { publishedAt: Date | null; withdrawnAt: Date | null },
) {
  if (entry.publishedAt)
    return t('good-practice:entry.publicSince', {
      date: formatDate(t, toLondonDate(entry.publishedAt)),
    });
  if (entry.withdrawnAt)
    return t('good-practice:entry.withdrawnOn', {
      date: formatDate(t, toLondonDate(entry.withdrawnAt)),
    });
  return t('good-practice:entry.notPublic');
}
