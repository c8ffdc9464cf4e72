/**
 * Issue 27 part 5: the indicators on the transparency site's home (CON-01, CDRP-10): how many
 * are published, and how many stand on target, near it and off it by their latest figure.
 */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { indicatorsPaths } from '../paths.js';
import type { PublicIndicatorsService } from './service.js';

export async function indicatorsHeadline(
  published: PublicIndicatorsService,
  t: Translate,
): Promise<PublicHeadline | null> {
  // The counts the public page shows (DP-01: a status beside a small count of people withheld).
  const { counts, total } = await published.list({ page: 1, limit: 1, offset: 0 });
  if (!total) return null;
  const rag = Object.fromEntries(counts.map((c) => [c.rag, c.count]));
  return {
    order: 47,
    title: t('indicators:homeTasks.public.text'),
    href: indicatorsPaths.publicList,
    summary: t('indicators:homeTasks.public.hint'),
    figures: [
      countFigure(t, 'indicators:headline.published', total),
      countFigure(t, 'indicators:headline.green', rag.green ?? 0),
      countFigure(t, 'indicators:headline.amber', rag.amber ?? 0),
      countFigure(t, 'indicators:headline.red', rag.red ?? 0),
    ],
  };
}
