/**
 * Issue 27 part 5: the community safety partnerships on the transparency site's home: every
 * borough's partnership, whose audits, strategies, targets and performance are published (CDRP-10).
 */
import { countFigure, type PublicHeadline } from '../../../platform/headlines.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { partnershipPaths } from '../paths.js';
import type { PublicPartnershipsService } from './service.js';

export async function partnershipsHeadline(
  published: PublicPartnershipsService,
  t: Translate,
): Promise<PublicHeadline | null> {
  const { total } = await published.list({ limit: 1, offset: 0 });
  if (!total) return null;
  return {
    order: 45,
    title: t('partnerships:homeTasks.public.text'),
    href: partnershipPaths.publicList,
    summary: t('partnerships:homeTasks.public.hint'),
    figures: [countFigure(t, 'partnerships:headline.partnerships', total)],
  };
}
