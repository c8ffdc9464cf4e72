/**
 * LEG-04 as open data (issue 27 part 6): every snapshot's published figures, a line for each rank
 * band, each workforce and everyone. DP-01: suppressed exactly as the public page shows them
 * (figures.ts: the same function publishes both): a count below 10 is "fewer than 10", one that
 * would give a small count away "not shown", and a share worked from either is left empty.
 */
import type { Translate } from '../../platform/i18n/messages.js';
import type { OpenDataRow, OpenDataset } from '../../platform/open-data/dataset.js';
import { lastChanged, publishedSnapshots } from './figures.js';
import { ETHNIC_GROUPS, type PublishedLine } from './rules.js';

/** The dataset's stable address, `/open-data/workforce-equality`. */
export const WORKFORCE_DATASET = 'workforce-equality';

const COUNT_COLUMNS = [
  ['headcount', 'headcount'],
  ['female', 'female'],
  ['male', 'male'],
  ...ETHNIC_GROUPS.map((g) => [g, g] as const),
  ['minority_ethnic', 'minority'],
] as const;

const share = (s: number | null) => (s === null ? null : Math.round(s * 1000) / 10);

export function workforceOpenData(t: Translate): OpenDataset[] {
  const w = (key: string, values?: Record<string, string>) =>
    t(`workforce:openData.${key}`, values);
  return [
    {
      id: WORKFORCE_DATASET,
      title: w('title'),
      description: w('description'),
      columns: [
        { name: 'as_at', type: 'date', description: w('columns.asAt') },
        { name: 'workforce', type: 'text', description: w('columns.workforce') },
        { name: 'rank_band', type: 'text', description: w('columns.rankBand') },
        ...COUNT_COLUMNS.map(([name, column]) => ({
          name,
          type: 'text' as const,
          description: w('columns.count', { of: t(`workforce:openData.of.${column}`) }),
        })),
        { name: 'minority_ethnic_share', type: 'decimal', description: w('columns.minorityShare') },
        { name: 'female_share', type: 'decimal', description: w('columns.femaleShare') },
      ],
      async rows(executor) {
        const snapshots = await publishedSnapshots(executor);
        const row = (asAt: string, line: PublishedLine): OpenDataRow => ({
          as_at: asAt,
          workforce: t(`workforce:totals.${line.key.kind === 'all' ? 'all' : line.key.workforce}`),
          rank_band: line.key.kind === 'band' ? t(`workforce:bands.${line.key.band}`) : null,
          ...Object.fromEntries(COUNT_COLUMNS.map(([name, c]) => [name, line.shown[c]])),
          minority_ethnic_share: share(line.minorityShare),
          female_share: share(line.femaleShare),
        });
        return snapshots.flatMap(({ asAt, published }) => [
          row(asAt, published.all),
          ...published.workforces.flatMap((wf) => [
            row(asAt, wf.total),
            ...wf.bands.map((b) => row(asAt, b)),
          ]),
        ]);
      },
      lastChanged,
    },
  ];
}
