/** The breadcrumbs the expenses pages share: home, the lists a claim is reached from, a claim. */
import type { Translate } from '../../platform/i18n/messages.js';
import { expensePaths as paths } from './paths.js';

export const homeCrumb = (t: Translate) => ({ text: t('nav.home'), href: '/' });

/** The advisor's own claims. */
export const mineCrumb = (t: Translate) => ({
  text: t('expenses:claims.mine.title'),
  href: paths.mine,
});

/** The coordination unit's queue. */
export const queueCrumb = (t: Translate) => ({
  text: t('expenses:homeTasks.queue.text'),
  href: paths.queue,
});

export const claimCrumb = (t: Translate, claim: { id: string; reference: number }) => ({
  text: t('expenses:common.claimCrumb', { reference: claim.reference }),
  href: paths.claim(claim.id),
});
