/**
 * A source's introduction (issue 23 item 6): formatted text as a clerk types it — paragraphs,
 * bulleted and numbered lists (nested by indenting), emphasis — read with markdown-it into
 * blocks that the pages (views/formatted-text.njk) and the committee PDF (reports/pdf.ts) both
 * lay out. Only those few rules are switched on and HTML typed in is not markup: it stays text,
 * and every template escapes it, so nothing typed can add markup to a page.
 */
import MarkdownIt from 'markdown-it';

/** Words in one style. A line break typed at the end of a line with two spaces is kept. */
export interface FormattedRun {
  text: string;
  strong: boolean;
  em: boolean;
}

export type FormattedBlock =
  | { kind: 'paragraph'; runs: FormattedRun[] }
  | {
      kind: 'list';
      ordered: boolean;
      /** Each item's number (1, 2, 3, or from where the typed list starts); bullets have none. */
      items: { number: number | null; blocks: FormattedBlock[] }[];
    };

const parser = new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable([
  'list',
  'emphasis',
  'newline',
  'escape',
]);

type Token = ReturnType<MarkdownIt['parse']>[number];

function runsOf(inline: Token): FormattedRun[] {
  const runs: FormattedRun[] = [];
  let strong = 0;
  let em = 0;
  const push = (text: string) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.strong === strong > 0 && last.em === em > 0) last.text += text;
    else runs.push({ text, strong: strong > 0, em: em > 0 });
  };
  for (const child of inline.children ?? []) {
    if (child.type === 'strong_open') strong++;
    else if (child.type === 'strong_close') strong--;
    else if (child.type === 'em_open') em++;
    else if (child.type === 'em_close') em--;
    else if (child.type === 'softbreak') push(' ');
    else if (child.type === 'hardbreak') push('\n');
    else push(child.content);
  }
  return runs;
}

/** The blocks of a formatted text, in order; none for an empty one. */
export function formattedBlocks(source: string | null | undefined): FormattedBlock[] {
  if (!source?.trim()) return [];
  const tokens = parser.parse(source, {});
  let at = 0;
  /** Blocks until the closing token of the enclosing element (or the end). */
  const blocks = (until: string | null): FormattedBlock[] => {
    const out: FormattedBlock[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if (token.type === until) return out;
      if (token.type === 'paragraph_open') {
        const inline = tokens[at]!;
        at += 2; // the inline content, then paragraph_close
        out.push({ kind: 'paragraph', runs: runsOf(inline) });
      } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        const ordered = token.type === 'ordered_list_open';
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        let number = ordered ? Number(token.attrGet('start') ?? 1) : null;
        const items: { number: number | null; blocks: FormattedBlock[] }[] = [];
        while (at < tokens.length && tokens[at]!.type !== close) {
          at++; // list_item_open
          items.push({ number, blocks: blocks('list_item_close') });
          if (number !== null) number++;
        }
        at++; // the list's close
        out.push({ kind: 'list', ordered, items });
      }
    }
    return out;
  };
  return blocks(null);
}
