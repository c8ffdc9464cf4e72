import type { Principal } from '../auth/principal.js';

export interface NavItem {
  text: string;
  href: string;
  /** Shown only to those for whom this is true. */
  visible: (principal: Principal) => boolean;
}

/** Builds the service navigation for one person, marking the section they are in. */
export function navigationFor(items: readonly NavItem[], principal: Principal, path: string) {
  return items
    .filter((i) => i.visible(principal))
    .map((i) => ({
      text: i.text,
      href: i.href,
      active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
    }));
}
