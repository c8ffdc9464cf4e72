/** What the response pages show: answers as lines, and "about you" as rows and radio items. */
import type { Translate } from '../../../platform/i18n/messages.js';
import { AGE_BANDS, ETHNIC_GROUPS, SEXES } from '../monitoring.js';
import type { Answer } from '../response-rules.js';
import type { Question } from './read.js';

/** An answer as the check page shows it: the chosen labels, the rating, or the text's lines. */
export function answerLines(question: Question, answer: Answer | undefined): string[] {
  if (!answer) return [];
  if (answer.kind === 'options')
    return question.options.filter((o) => answer.optionIds.includes(o.id)).map((o) => o.label);
  if (answer.kind === 'rating') return [`${answer.rating} / ${question.ratingScale ?? ''}`];
  return answer.text.split('\n').filter((line) => line.trim() !== '');
}

const DIMENSIONS = [
  ['ageBand', AGE_BANDS, 'ages'],
  ['sex', SEXES, 'sexes'],
  ['ethnicGroup', ETHNIC_GROUPS, 'ethnicGroups'],
] as const;

/** The radios of each monitoring question, each ending with "Prefer not to say". */
export function monitoringItems(t: Translate, current: Record<string, unknown>) {
  const items = (name: string, values: readonly string[], words: string) => [
    ...values.map((v) => ({
      value: v,
      text: t(`consultation:responding.aboutYou.${words}.${v}`),
      checked: current[name] === v,
    })),
    { divider: t('consultation:responding.aboutYou.or') },
    {
      value: 'prefer-not',
      text: t('consultation:responding.aboutYou.preferNot'),
      checked: current[name] === 'prefer-not',
    },
  ];
  return {
    ageBandItems: items('ageBand', AGE_BANDS, 'ages'),
    sexItems: items('sex', SEXES, 'sexes'),
    ethnicGroupItems: items('ethnicGroup', ETHNIC_GROUPS, 'ethnicGroups'),
  };
}

/** "About you" on the check page: the borough and each monitoring answer, or "Prefer not to say". */
export function aboutYouRows(
  t: Translate,
  boroughId: string | null,
  monitoring:
    { ageBand: string | null; sex: string | null; ethnicGroup: string | null } | undefined,
  boroughs: readonly { id: string; name: string }[],
) {
  const preferNot = t('consultation:responding.aboutYou.preferNot');
  return [
    {
      id: 'borough',
      key: t('consultation:responding.aboutYou.borough'),
      lines: [boroughs.find((b) => b.id === boroughId)?.name ?? preferNot],
    },
    ...DIMENSIONS.map(([name, , words]) => {
      const value = monitoring?.[name];
      return {
        id: name,
        key: t(`consultation:responding.aboutYou.${name}`),
        lines: [value ? t(`consultation:responding.aboutYou.${words}.${value}`) : preferNot],
      };
    }),
  ];
}
