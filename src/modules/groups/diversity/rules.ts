/** The rules of diversity: pure functions, named by rule id. */

/**
 * The main diversity areas a group aims to have a member from (IAG-17), as members' own
 * optional monitoring answers show them. Never used for a decision about a person (DP-01).
 */
export const DIVERSITY_AREAS = [
  'ethnicity',
  'faith',
  'disability',
  'sexual_orientation',
  'gender_identity',
  'age',
] as const;
export type DiversityArea = (typeof DIVERSITY_AREAS)[number];
export const MONITORING_QUESTIONS = {
  ethnicity: ['white_british', 'white_other', 'mixed', 'asian', 'black', 'other', 'prefer_not'],
  religion: [
    'none',
    'christian',
    'muslim',
    'hindu',
    'sikh',
    'jewish',
    'buddhist',
    'other',
    'prefer_not',
  ],
  disability: ['yes', 'no', 'prefer_not'],
  sexualOrientation: ['heterosexual', 'gay_lesbian', 'bisexual', 'other', 'prefer_not'],
  transHistory: ['yes', 'no', 'prefer_not'],
  ageBand: ['under_18', '18_24', '25_34', '35_49', '50_64', '65_plus', 'prefer_not'],
} as const;

export type MonitoringAnswers = {
  [K in keyof typeof MONITORING_QUESTIONS]: (typeof MONITORING_QUESTIONS)[K][number] | null;
};

/** The diversity areas one person's answers place them in; "prefer not to say" places none. */
export function diversityAreasOf(a: MonitoringAnswers): DiversityArea[] {
  const areas: DiversityArea[] = [];
  if (a.ethnicity && !['white_british', 'prefer_not'].includes(a.ethnicity))
    areas.push('ethnicity');
  if (a.religion && !['none', 'prefer_not'].includes(a.religion)) areas.push('faith');
  if (a.disability === 'yes') areas.push('disability');
  if (a.sexualOrientation && ['gay_lesbian', 'bisexual', 'other'].includes(a.sexualOrientation))
    areas.push('sexual_orientation');
  if (a.transHistory === 'yes') areas.push('gender_identity');
  if (a.ageBand === 'under_18' || a.ageBand === '18_24') areas.push('age');
  return areas;
}
