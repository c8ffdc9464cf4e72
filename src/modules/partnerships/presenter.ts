/** What the register's pages show: ranks, compliance and kinds of record in words, by year. */
import { reportingYear } from '../../platform/calendar/index.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { COMPLIANCE_LEVELS, POLICE_RANKS, RECORD_KINDS } from './rules.js';

export const rankLabel = (t: Translate, rank: string) => t(`partnerships:ranks.${rank}`);

/** "Inspector Ada Lane": a name with its rank, as the register shows an officer. */
export const officerWithRank = (t: Translate, name: string | null | undefined, rank: string) =>
  `${rankLabel(t, rank)} ${name ?? ''}`.trim();

export const complianceLabel = (t: Translate, level: string | null) =>
  level ? t(`partnerships:protocol.compliance.${level}`) : t('partnerships:protocol.none');

/** The GOV.UK select items of the ranks, the one chosen selected. */
export const rankItems = (t: Translate, chosen: unknown) => [
  { value: '', text: t('partnerships:register.chooseRank') },
  ...POLICE_RANKS.map((r) => ({ value: r, text: rankLabel(t, r), selected: r === chosen })),
];

export const complianceItems = (t: Translate, chosen: unknown) =>
  COMPLIANCE_LEVELS.map((c) => ({
    value: c,
    text: t(`partnerships:protocol.compliance.${c}`),
    checked: c === chosen,
  }));

export const kindItems = (t: Translate, chosen: unknown) =>
  RECORD_KINDS.map((k) => ({
    value: k,
    text: t(`partnerships:records.kinds.${k}`),
    checked: k === chosen,
  }));

/** CDRP-10: the records of a page grouped by reporting year ("2025-26"), latest first. */
export function recordsByYear(
  t: Translate,
  records: readonly {
    startYear: number;
    kind: string;
    title: string;
    figure: string | null;
    link: string | null;
  }[],
) {
  const years = new Map<
    number,
    { kind: string; title: string; figure: string | null; link: string | null }[]
  >();
  for (const r of records)
    years.set(r.startYear, [
      ...(years.get(r.startYear) ?? []),
      {
        kind: t(`partnerships:records.kinds.${r.kind}`),
        title: r.title,
        figure: r.figure,
        link: r.link,
      },
    ]);
  return [...years].map(([startYear, rows]) => ({ label: reportingYear(startYear).label, rows }));
}
