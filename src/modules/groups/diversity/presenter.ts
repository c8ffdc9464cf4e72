/** DP-01: the monitoring questions as the form asks them, and the answers' labels. */
import type { DiversityArea, MONITORING_QUESTIONS } from './rules.js';

export const ANSWER_LABELS: Record<string, Record<string, string>> = {
  ethnicity: {
    white_british: 'White British',
    white_other: 'Any other White background',
    mixed: 'Mixed or multiple ethnic groups',
    asian: 'Asian or Asian British',
    black: 'Black, Black British, Caribbean or African',
    other: 'Another ethnic group',
  },
  religion: {
    none: 'No religion',
    christian: 'Christian',
    muslim: 'Muslim',
    hindu: 'Hindu',
    sikh: 'Sikh',
    jewish: 'Jewish',
    buddhist: 'Buddhist',
    other: 'Another religion or belief',
  },
  disability: { yes: 'Yes', no: 'No' },
  sexualOrientation: {
    heterosexual: 'Straight or heterosexual',
    gay_lesbian: 'Gay or lesbian',
    bisexual: 'Bisexual',
    other: 'Another sexual orientation',
  },
  transHistory: { yes: 'Yes', no: 'No' },
  ageBand: {
    under_18: 'Under 18',
    '18_24': '18 to 24',
    '25_34': '25 to 34',
    '35_49': '35 to 49',
    '50_64': '50 to 64',
    '65_plus': '65 or over',
  },
};
export const QUESTIONS: { name: keyof typeof MONITORING_QUESTIONS; legend: string }[] = [
  { name: 'ethnicity', legend: 'What is your ethnic group?' },
  { name: 'religion', legend: 'What is your religion or belief?' },
  { name: 'disability', legend: 'Do you consider yourself to be disabled?' },
  { name: 'sexualOrientation', legend: 'What is your sexual orientation?' },
  { name: 'transHistory', legend: 'Are you trans, or do you have a trans history?' },
  { name: 'ageBand', legend: 'What is your age?' },
];

/** IAG-17: the main diversity areas, as the membership balance names them. */
export const DIVERSITY_AREA_LABELS: Record<DiversityArea, string> = {
  ethnicity: 'Black, Asian and minority ethnic communities',
  faith: 'Faith communities',
  disability: 'Disabled people',
  sexual_orientation: 'Lesbian, gay and bisexual people',
  gender_identity: 'Trans people',
  age: 'Young people (under 25)',
};
