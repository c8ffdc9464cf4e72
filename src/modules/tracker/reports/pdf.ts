/**
 * The committee's progress report as a PDF, for the committee's papers: the words of the report
 * page (presenter.ts), in the same order, in the layout of seed 004's Appendix 1. A tagged PDF
 * (headings, paragraphs and table cells marked, the language set) so screen readers can follow
 * it.
 *
 * The blocks are laid onto pages by the platform's PDF layout, which decides every page break.
 */
import { type IsoDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  CELL,
  CELL_BOLD,
  LIST_INDENT,
  WIDTH,
  cellLines as linesIn,
  layLines,
  renderPdf,
  style,
  textBlock,
  type Block,
  type Container,
  type Doc,
  type Group,
  type Piece,
} from '../../../platform/pdf/index.js';
import type { FormattedBlock, FormattedRun } from '../formatted-text.js';
import type { PresentedReport, ReportItem } from './presenter.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const STYLES = {
  h1: style('Helvetica-Bold', 20),
  h2: style('Helvetica-Bold', 14),
  caption: style('Helvetica', 12, '#505a5f'),
  lead: style('Helvetica', 12.5),
  body: style('Helvetica', 10.5),
  bodyBold: style('Helvetica-Bold', 10.5),
  bodyItalic: style('Helvetica-Oblique', 10.5),
  bodyBoldItalic: style('Helvetica-BoldOblique', 10.5),
  bodySmall: style('Helvetica', 9.5),
  cell: CELL,
  cellBold: CELL_BOLD,
  cellSmall: style('Helvetica', 8.5),
  tag: style('Helvetica-Bold', 8.5),
};

/** The report in the words it was presented in; `t` gives the PDF's own few words. */
export async function renderReportPdf(
  report: PresentedReport,
  t: Translate,
  asOf: IsoDate,
): Promise<Buffer> {
  return renderPdf(
    {
      Title: t('tracker:reports.title', { source: report.title }),
      Author: t('layout.serviceName'),
      Subject: t('tracker:reports.pdf.subject', { date: formatDate(t, asOf) }),
    },
    (doc) => reportBlocks(doc, report, t),
  );
}

/** The report as blocks to lay out: the page's order, the page's words. */
function reportBlocks(doc: Doc, report: PresentedReport, t: Translate): Block[] {
  const text = (
    type: 'H1' | 'H2' | 'P',
    pieces: Piece[],
    spacing?: { before?: number; after?: number; keepWithNext?: boolean },
  ) => textBlock(doc, type, pieces, spacing);
  const cellLines = (pieces: Piece[], width: number) => linesIn(doc, pieces, width);

  const blocks: Block[] = [
    text('P', [{ text: report.caption, style: STYLES.caption }], { after: 2, keepWithNext: true }),
    text('H1', [{ text: report.title, style: STYLES.h1 }], { after: 12 }),
  ];
  if (report.withdrawn)
    blocks.push(text('P', [{ text: report.withdrawn, style: STYLES.lead }], { after: 8 }));
  if (report.sourceSummary)
    blocks.push(text('P', [{ text: report.sourceSummary, style: STYLES.lead }], { after: 8 }));
  blocks.push(
    ...formattedTextBlocks(report.introduction, 0, []),
    text('H2', [{ text: report.summary.heading, style: STYLES.h2 }], { after: 6 }),
  );
  const summaryWidths = [WIDTH * 0.7, WIDTH * 0.3];
  const summaryRow = (label: string, count: number, bold: boolean): Group => ({
    label: null,
    rows: [
      {
        cells: [
          {
            lines: cellLines([{ text: label, style: STYLES.cellBold }], summaryWidths[0]!),
            header: true,
          },
          {
            lines: cellLines(
              [{ text: String(count), style: bold ? STYLES.cellBold : STYLES.cell }],
              summaryWidths[1]!,
            ),
            right: true,
          },
        ],
      },
    ],
  });
  blocks.push(
    {
      kind: 'table',
      before: 0,
      after: 10,
      table: {
        title: report.summary.caption,
        widths: summaryWidths,
        head: [...report.summary.head],
        groups: [
          ...report.summary.rows.map((r) => summaryRow(r.label, r.count, false)),
          summaryRow(report.summary.total.label, report.summary.total.count, true),
        ],
      },
    },
    text('P', [{ text: report.complete, style: STYLES.body }]),
    text('P', [{ text: report.since, style: STYLES.body }], { after: 10 }),
  );
  if (report.nothingYet)
    blocks.push(text('P', [{ text: report.nothingYet, style: STYLES.body }], { after: 10 }));
  for (const item of report.items) blocks.push(...itemBlocks(item));
  return blocks;

  /** The introduction's paragraphs and lists, as the page lays them out (formatted-text.njk). */
  function formattedTextBlocks(
    formatted: readonly FormattedBlock[],
    indent: number,
    within: Container[],
    label?: string,
  ): Block[] {
    const out: Block[] = [];
    formatted.forEach((b, i) => {
      if (b.kind === 'paragraph') {
        out.push({
          kind: 'text',
          type: 'P',
          lines: layLines(doc, piecesOf(b.runs), WIDTH - indent),
          before: 0,
          after: within.length ? 3 : 6,
          indent,
          within,
          label:
            i === 0 && label
              ? layLines(doc, [{ text: label, style: STYLES.body }], LIST_INDENT)
              : undefined,
        });
        return;
      }
      const list: Container = { type: 'L' };
      for (const item of b.items)
        out.push(
          ...formattedTextBlocks(
            item.blocks,
            indent + LIST_INDENT,
            [...within, list, { type: 'LI' }, { type: 'LBody' }],
            item.number === null ? '\u2022' : `${item.number}.`,
          ),
        );
      const last = out[out.length - 1];
      if (!within.length && last) last.after = 6;
    });
    return out;
  }

  function piecesOf(runs: readonly FormattedRun[]): Piece[] {
    return runs.map((r, i) => ({
      text: r.text,
      style: r.strong
        ? r.em
          ? STYLES.bodyBoldItalic
          : STYLES.bodyBold
        : r.em
          ? STYLES.bodyItalic
          : STYLES.body,
      glued: i > 0 && !/\s$/.test(runs[i - 1]!.text) && !/^\s/.test(r.text),
    }));
  }

  function itemBlocks(r: ReportItem): Block[] {
    const out: Block[] = [
      // Issue 23: the title of the part it starts, above it, as the page shows it.
      ...(r.part
        ? [
            text(
              'H2',
              [
                { text: r.part, style: STYLES.h1 },
                ...(r.partTag
                  ? [{ text: r.partTag.text, style: STYLES.tag, tag: r.partTag.colour }]
                  : []),
              ],
              { before: 16, after: 6, keepWithNext: true },
            ),
          ]
        : []),
      ...(r.partWithdrawn
        ? [text('P', [{ text: r.partWithdrawn, style: STYLES.body }], { keepWithNext: true })]
        : []),
      text(
        'H2',
        [
          { text: r.heading, style: STYLES.h2 },
          ...(r.tag ? [{ text: r.tag.text, style: STYLES.tag, tag: r.tag.colour }] : []),
        ],
        { before: 12, after: 6 },
      ),
    ];
    if (r.section)
      out.push(
        text('P', [{ text: r.section, style: STYLES.bodySmall }], { after: 4, keepWithNext: true }),
      );
    if (r.withdrawn) out.push(text('P', [{ text: r.withdrawn, style: STYLES.body }]));
    out.push(text('P', [{ text: r.text, style: STYLES.body }]));
    if (r.superseded) out.push(text('P', [{ text: r.superseded, style: STYLES.body }]));
    if (r.notAccepted)
      out.push(
        text('P', [
          { text: r.notAccepted.label, style: STYLES.bodyBold },
          { text: r.notAccepted.rationale, style: STYLES.body },
        ]),
      );
    // The heading, its text and the start of its table go together when the text is short;
    // a long text is let run on, the heading kept with its first lines.
    for (const block of out)
      if (block.kind === 'text' && block.lines.length <= 8) block.keepWithNext = true;
    if (!r.table) {
      out.push(text('P', [{ text: r.noKeyPoints ?? '', style: STYLES.bodySmall }]));
      return out;
    }
    const widths = [WIDTH * 0.25, WIDTH * 0.35, WIDTH * 0.4] as const;
    out.push({
      kind: 'table',
      before: 2,
      after: 8,
      table: {
        title: r.table.caption,
        widths: [...widths],
        head: [...r.table.head],
        groups: r.table.keyPoints.map((k) => {
          const lead = [k.lead, k.withdrawn]
            .filter((line): line is string => !!line)
            .map((line) => ({ text: `\n${line}`, style: STYLES.cellSmall }));
          return {
            label: {
              lines: cellLines([{ text: k.text, style: STYLES.cellBold }, ...lead], widths[0]),
              continued: cellLines(
                [
                  {
                    text: t('tracker:reports.pdf.continued', { keyPoint: k.text }),
                    style: STYLES.cellBold,
                  },
                ],
                widths[0],
              ),
            },
            rows: k.noActions
              ? [
                  {
                    cells: [
                      {
                        lines: cellLines(
                          [{ text: k.noActions, style: STYLES.cell }],
                          widths[1] + widths[2],
                        ),
                        span: 2,
                      },
                    ],
                  },
                ]
              : k.actions.map((a) => ({
                  cells: [
                    {
                      lines: cellLines(
                        [
                          { text: a.description, style: STYLES.cell },
                          ...(a.owner ? [{ text: `\n${a.owner}`, style: STYLES.cellSmall }] : []),
                          ...(a.due ? [{ text: `\n${a.due}`, style: STYLES.cellSmall }] : []),
                          ...(a.withdrawn
                            ? [{ text: `\n${a.withdrawn}`, style: STYLES.cellSmall }]
                            : []),
                        ],
                        widths[1],
                      ),
                    },
                    {
                      lines: cellLines(
                        [
                          { text: a.result, style: STYLES.cellBold },
                          ...(a.change
                            ? [{ text: a.change.text, style: STYLES.tag, tag: a.change.colour }]
                            : []),
                          ...(a.narrative
                            ? [{ text: `\n${a.narrative}`, style: STYLES.cell }]
                            : []),
                        ],
                        widths[2],
                      ),
                    },
                  ],
                })),
          };
        }),
      },
    });
    return out;
  }
}
