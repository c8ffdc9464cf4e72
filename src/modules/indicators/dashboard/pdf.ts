/**
 * CON-01, CDRP-10: the committee pack, a tagged PDF for the committee's papers: a cover (its
 * title, the area, the day it was made and how many indicators stand at each status), a summary
 * table of every indicator's latest figure against target with its status in words, then a
 * section for each indicator (off target first): its definition and owner, its chart drawn as
 * vector graphics from the same geometry as the page's, and its table of figures. Committee
 * papers are published, so DP-01 applies: figures appear as on the public page (a count of
 * people below 10 is "fewer than 10", and its status withheld).
 */
import type { IsoDate } from '../../../platform/calendar/iso-date.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  figuresTable,
  lineChartBlock,
  renderPdf,
  style,
  textBlock,
  type Block,
  type Doc,
} from '../../../platform/pdf/index.js';
import type { SeriesPoint } from '../figures.js';
import { publicValue, ragTag, seriesRows } from '../presenter.js';
import { latestCells } from '../register/routes.js';
import { publicRag, ragCounts, type Frequency, type Polarity, type Unit } from '../rules.js';

const STYLES = {
  h1: style('Helvetica-Bold', 24),
  h2: style('Helvetica-Bold', 14),
  lead: style('Helvetica', 12.5),
  body: style('Helvetica', 10.5),
};

export interface PackFigures {
  borough: { id: string; name: string } | null;
  today: IsoDate;
  items: {
    name: string;
    definition: string;
    owner: string | null;
    unit: Unit;
    polarity: Polarity;
    frequency: Frequency;
    latest: {
      period: string;
      value: number;
      target: number | null;
      rag: SeriesPoint['rag'];
    } | null;
    series: SeriesPoint[];
  }[];
}

export async function renderCommitteePackPdf(figures: PackFigures, t: Translate): Promise<Buffer> {
  const title = t('indicators:pack.title');
  const where = figures.borough?.name ?? t('indicators:indicator.wholeArea');
  return renderPdf({ Title: `${title}: ${where}`, Author: t('layout.serviceName') }, (doc) =>
    packBlocks(doc, figures, t, title, where),
  );
}

function packBlocks(
  doc: Doc,
  figures: PackFigures,
  t: Translate,
  title: string,
  where: string,
): Block[] {
  const p = (key: string, values?: Record<string, string | number>) =>
    t(`indicators:pack.${key}`, values);
  const paragraph = (words: string, s = STYLES.body) =>
    textBlock(doc, 'P', [{ text: words, style: s }], { after: 8 });
  const heading = (words: string, pageBefore = false) =>
    textBlock(doc, 'H2', [{ text: words, style: STYLES.h2 }], { before: 14, pageBefore });
  const shown = figures.items.map((i) => ({
    ...i,
    cells: latestCells(t, i, (v) => publicValue(t, v, i.unit).text),
    rag: publicRag(i.latest?.value ?? null, i.unit, i.latest?.rag ?? 'none'),
  }));
  const counts = ragCounts(shown)
    .filter((c) => c.count > 0)
    .map((c) =>
      t('indicators:dashboard.countOf', { status: t(`indicators:rag.${c.rag}`), count: c.count }),
    );

  const blocks: Block[] = [
    textBlock(doc, 'H1', [{ text: title, style: STYLES.h1 }], { before: 120, after: 24 }),
    paragraph(p('area', { area: where }), STYLES.lead),
    paragraph(p('made', { date: formatDate(t, figures.today) }), STYLES.lead),
    paragraph(p('count', { count: shown.length }), STYLES.lead),
    ...counts.map((c) => paragraph(c)),
    paragraph(p('smallCounts')),
    heading(p('summary'), true),
    figuresTable(doc, {
      title: p('summary'),
      head: [
        t('indicators:list.name'),
        t('indicators:list.latestPeriod'),
        t('indicators:series.value'),
        t('indicators:series.target'),
        t('indicators:series.rag'),
      ],
      shares: [0.34, 0.15, 0.14, 0.14, 0.23],
      words: [1, 4],
      rows: shown.map((i) => [
        i.name,
        i.cells.periodText,
        i.cells.valueText,
        i.cells.targetText,
        ragTag(t, i.rag).text,
      ]),
    }),
  ];
  if (!shown.length) blocks.push(paragraph(t('indicators:list.none')));

  for (const i of shown) {
    const { rows, points, format } = seriesRows(t, i.series, i, 'public');
    const from = rows[0]?.periodText ?? '';
    const to = rows.at(-1)?.periodText ?? '';
    blocks.push(
      heading(i.name, true),
      paragraph(i.definition),
      paragraph(p('owner', { owner: i.owner ?? '' })),
      paragraph(
        p('unit', {
          unit: t(`indicators:units.${i.unit}`),
          polarity: t(`indicators:polarities.${i.polarity}`),
        }),
      ),
      lineChartBlock(
        points,
        format,
        `${t('indicators:indicator.chartTitle', { name: i.name, where })}. ${t('indicators:indicator.chartDesc', { from, to })}`,
      ),
      figuresTable(doc, {
        title: t('indicators:series.caption', { where }),
        head: [
          t('indicators:series.period'),
          t('indicators:series.value'),
          t('indicators:series.target'),
          t('indicators:series.rag'),
        ],
        shares: [0.25, 0.2, 0.2, 0.35],
        words: [3],
        rows: [...rows].reverse().map((r) => [r.periodText, r.valueText, r.targetText, r.rag.text]),
      }),
    );
  }
  return blocks;
}
