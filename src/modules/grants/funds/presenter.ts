/** What the funds' and rounds' pages show: labels, the years' figures, a round's state. */
import type { FastifyRequest } from 'fastify';
import { reportingYear, todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { APPLICANT_KINDS, FUND_KINDS } from '../constants.js';
import { followsFundCriteria, remainingPence, roundState } from './rules.js';

export const yearLabel = (startYear: number) => reportingYear(startYear).label;

/** CDRP-12: each year's budget, committed and remaining. */
export const yearRows = (
  years: readonly { startYear: number; budgetPence: number; committedPence: number }[],
) =>
  years.map((y) => ({
    startYear: y.startYear,
    label: yearLabel(y.startYear),
    budgetPence: y.budgetPence,
    committedPence: y.committedPence,
    remainingPence: remainingPence(y),
  }));

export const kindItems = (request: FastifyRequest, chosen: unknown) =>
  FUND_KINDS.map((k) => ({
    value: k,
    text: request.t(`grants:funds.kinds.${k}`),
    checked: k === chosen,
  }));

export const applicantKindItems = (request: FastifyRequest, chosen: unknown) => {
  const list = Array.isArray(chosen) ? chosen : [chosen];
  return APPLICANT_KINDS.map((k) => ({
    value: k,
    text: request.t(`grants:funds.applicantKinds.${k}`),
    checked: list.includes(k),
  }));
};

/** Who may apply, in words: "Engagement groups, Community organisations". */
export const applicantKindsText = (request: FastifyRequest, kinds: readonly string[]) =>
  kinds.map((k) => request.t(`grants:funds.applicantKinds.${k}`)).join(', ');

export const stateText = (
  request: FastifyRequest,
  round: { opensOn: string; closesOn: string },
  today: IsoDate,
) => request.t(`grants:funds.rounds.states.${roundState(round, today)}`);

/**
 * CON-04: which criteria a round's applications are assessed against: its own, fixed on a date;
 * or its fund's as they stand (kept as they are once it has opened, should they change).
 */
export const roundCriteriaText = (
  request: FastifyRequest,
  round: { opensOn: string; criteriaFixedAt: Date | null },
  today: IsoDate,
) =>
  round.criteriaFixedAt
    ? request.t('grants:funds.rounds.criteriaFixed', {
        date: formatDate(request.t, todayInLondon(round.criteriaFixedAt)),
      })
    : request.t(
        followsFundCriteria(round, today)
          ? 'grants:funds.rounds.criteriaFollow'
          : 'grants:funds.rounds.criteriaKept',
      );
