import type { Principal } from '../auth/principal.js';
import type { Translate } from '../i18n/messages.js';

/** An entry's words: as written, or a key of the message catalogues (`nav.home`). */
type NavText = { text: string; textKey?: never } | { textKey: string; text?: never };

export type NavItem = NavText & {
  href: string;
  /** Shown only to those for whom this is true. */
  visible: (principal: Principal) => boolean;
};

/** Builds the service navigation for one person, marking the section they are in. */
export function navigationFor(
  items: readonly NavItem[],
  principal: Principal,
  path: string,
  t: Translate,
) {
  return items
    .filter((i) => i.visible(principal))
    .map((i) => ({
      text: i.textKey === undefined ? i.text : t(i.textKey),
      href: i.href,
      active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
    }));
}
