/**
 * Issue 27 part 5: consultation on the transparency site's home: the consultations open now,
 * those closed, and "you said, we did" (CON-07): how many closed ones have published what came
 * of them, counted as the public lists count them.
 */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { OutcomesService } from '../outcomes/service.js';
import { consultationPaths } from '../paths.js';
import type { PublicConsultationsService } from './public-service.js';

const FIRST = { page: 1, limit: 1, offset: 0 };

export async function consultationHeadline(
  publicConsultations: PublicConsultationsService,
  outcomes: OutcomesService,
  t: Translate,
): Promise<PublicHeadline> {
  const [lists, published] = await Promise.all([
    publicConsultations.lists(FIRST, FIRST),
    outcomes.publishedOutcomes(FIRST),
  ]);
  return {
    order: 40,
    title: t('consultation:headline.title'),
    href: consultationPaths.publicHome,
    summary: t('consultation:responding.homeTask.hint'),
    figures: [
      countFigure(t, 'consultation:headline.open', lists.open.total),
      countFigure(t, 'consultation:headline.closed', lists.closed.total),
      countFigure(t, 'consultation:headline.outcomes', published.total),
    ],
  };
}
