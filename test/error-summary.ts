/**
 * Reads a page's GOV.UK error summary as a person (and a screen reader) meets it: its messages,
 * and where each of its links goes. A refusal about a field links to that field; one about the
 * record's state is said without a link, because the page may not show any such field.
 */
import { textOf } from './html.js';

/** The summary's messages and the ids its links go to; empty when the page has no summary. */
export function errorSummaryOf(html: string): { messages: string[]; targets: string[] } {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const items = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  return {
    messages: items.map((item) => textOf(item)),
    targets: items.flatMap((item) => {
      const href = /href="#([^"]+)"/.exec(item);
      return href ? [href[1]!] : [];
    }),
  };
}

/**
 * The error summary's links that lead nowhere: to an id no element on the page has (a field the
 * page does not show). Empty on a page whose every summary link reaches its field.
 */
export function deadErrorLinks(html: string): string[] {
  return errorSummaryOf(html).targets.filter((id) => !html.includes(`id="${id}"`));
}
