/**
 * DP-01, CON-06: the optional monitoring questions a respondent or panel member may answer about
 * themselves, in the census's broad categories so that the panel's balance can be read against
 * the area's population. Kept apart from the response or the member (their own tables), read
 * only as counts, and small counts suppressed.
 */
export const AGE_BANDS = ['16-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** The census's five high-level ethnic groups. */
export const ETHNIC_GROUPS = ['asian', 'black', 'mixed', 'white', 'other'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/** What each monitoring dimension may be, by its name. */
export const MONITORING_DIMENSIONS = {
  ageBand: AGE_BANDS,
  sex: SEXES,
  ethnicGroup: ETHNIC_GROUPS,
} as const;
export type MonitoringDimension = keyof typeof MONITORING_DIMENSIONS;
