/** Issue 27 part 5: good practice on the transparency site's home: the entries published (CDRP-08). */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { goodPracticePaths } from '../paths.js';
import type { PublicGoodPracticeService } from './service.js';

export async function goodPracticeHeadline(
  published: PublicGoodPracticeService,
  t: Translate,
): Promise<PublicHeadline | null> {
  const { total } = await published.list({}, { page: 1, limit: 1, offset: 0 });
  if (!total) return null;
  return {
    order: 46,
    title: t('good-practice:homeTasks.public.text'),
    href: goodPracticePaths.publicList,
    summary: t('good-practice:homeTasks.public.hint'),
    figures: [countFigure(t, 'good-practice:headline.entries', total)],
  };
}
