/**
 * How the consultation pages word what the services return: the phase as a tag, the board's
 * approval (CON-01), each question's kind and show-if link, and the consultation's sections.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { MinuteReference } from '../../meetings/index.js';
import type { ConsultationPhase } from '../rules.js';
import { analysisPaths } from '../analysis/paths.js';
import { boardPaths } from '../board/paths.js';
import { consulteePaths } from '../consultees/paths.js';
import { outcomePaths } from '../outcomes/paths.js';
import { panelPaths } from '../panel/paths.js';
import { respondingPaths } from '../responding/paths.js';
import { consultationsPaths as paths } from './paths.js';
import type { Consultation, Question } from './read.js';

type Request = FastifyRequest;

const PHASE_TAGS: Record<ConsultationPhase, string> = {
  draft: 'govuk-tag--grey',
  upcoming: 'govuk-tag--blue',
  open: 'govuk-tag--green',
  closed: 'govuk-tag--purple',
};

export const phaseTag = (request: Request, phase: ConsultationPhase) => ({
  text: request.t(`consultation:consultations.phases.${phase}`),
  classes: PHASE_TAGS[phase],
});

/**
 * The consultation's sections: its other pages, each a link, shown to those who may use it and
 * when the consultation has reached the point where it applies. ONE list.
 */
export const CONSULTATION_SECTIONS: readonly {
  textKey: string;
  hintKey: string;
  href: (consultationId: string) => string;
  visible: (principal: Principal, consultation: Consultation, phase: ConsultationPhase) => boolean;
}[] = [
  {
    textKey: 'consultation:consultations.sections.questionnaire',
    hintKey: 'consultation:consultations.sections.questionnaireHint',
    href: (id) => paths.questionnaire(id),
    visible: (p) => can(p, 'consultation.view'),
  },
  {
    textKey: 'consultation:consultations.sections.preview',
    hintKey: 'consultation:consultations.sections.previewHint',
    href: (id) => paths.preview(id),
    visible: (p) => can(p, 'consultation.view'),
  },
  // CON-01: a major consultation's approval by the strategy board, naming its minute.
  {
    textKey: 'consultation:consultations.sections.approval',
    hintKey: 'consultation:consultations.sections.approvalHint',
    href: (id) => boardPaths.approval(id),
    visible: (p, c) => can(p, 'consultation.view') && c.major,
  },
  // CON-01: its cost, line by line, which the board oversees by borough.
  {
    textKey: 'consultation:consultations.sections.costs',
    hintKey: 'consultation:consultations.sections.costsHint',
    href: (id) => boardPaths.costs(id),
    visible: (p) => can(p, 'consultation.view'),
  },
  // CON-03, CON-07: who was chosen to be consulted, and why; their invitations.
  {
    textKey: 'consultation:consultations.sections.consultees',
    hintKey: 'consultation:consultations.sections.consulteesHint',
    href: (id) => consulteePaths.chosen(id),
    visible: (p) => can(p, 'consultation.manage'),
  },
  // CON-06: a panel consultation is sent to the panel in a wave.
  {
    textKey: 'consultation:consultations.sections.wave',
    hintKey: 'consultation:consultations.sections.waveHint',
    href: () => panelPaths.waves,
    visible: (p, c, phase) =>
      can(p, 'consultation.manage') && c.audience === 'panel' && phase !== 'draft',
  },
  {
    textKey: 'consultation:consultations.sections.responses',
    hintKey: 'consultation:consultations.sections.responsesHint',
    href: (id) => respondingPaths.responses(id),
    visible: (p, _c, phase) => can(p, 'consultation.view') && phase !== 'draft',
  },
  {
    textKey: 'consultation:consultations.sections.analysis',
    hintKey: 'consultation:consultations.sections.analysisHint',
    href: (id) => analysisPaths.analysis(id),
    visible: (p, _c, phase) => can(p, 'consultation.view') && phase !== 'draft',
  },
  // CON-01: the board reviews the results before they go to the planning panel.
  {
    textKey: 'consultation:consultations.sections.review',
    hintKey: 'consultation:consultations.sections.reviewHint',
    href: (id) => boardPaths.review(id),
    visible: (p, _c, phase) => can(p, 'consultation.view') && phase === 'closed',
  },
  // CON-07: you said, we did.
  {
    textKey: 'consultation:consultations.sections.outcome',
    hintKey: 'consultation:consultations.sections.outcomeHint',
    href: (id) => outcomePaths.outcome(id),
    visible: (p, _c, phase) => can(p, 'consultation.manage') && phase === 'closed',
  },
];

export function sectionsFor(
  request: Request,
  consultation: Consultation,
  phase: ConsultationPhase,
) {
  return CONSULTATION_SECTIONS.filter((s) => s.visible(request.principal, consultation, phase)).map(
    (s) => ({
      text: request.t(s.textKey),
      hint: request.t(s.hintKey),
      href: s.href(consultation.id),
    }),
  );
}

const minuteLine = (request: Request, minute: MinuteReference) => ({
  heading: minute.heading,
  meeting: minute.meetingTitle,
  date: formatDate(request.t, todayInLondon(minute.startsAt)),
  href: minute.href,
  publicHref: minute.publicHref,
});

/** CON-01: the material changes, in words: "its purpose and who may respond". */
export function changesInWords(request: Request, changes: readonly string[]): string {
  const words = changes.map((c) => request.t(`consultation:consultations.approval.changes.${c}`));
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')}${request.t('consultation:consultations.approval.and')}${words.at(-1)}`;
}

/**
 * CON-01: whether the board's approval is needed, given (with its minute), or not needed; and
 * when a material change cleared it, when, why and the minute it had been given at.
 */
export function approvalOf(
  request: Request,
  consultation: Consultation,
  minute: MinuteReference | null,
  clearedMinute: MinuteReference | null = null,
) {
  if (!consultation.major)
    return { text: request.t('consultation:consultations.approval.notMajor') };
  if (!consultation.approvedOn && consultation.approvalClearedAt)
    return {
      text: request.t('consultation:consultations.approval.cleared', {
        date: formatDate(request.t, todayInLondon(consultation.approvalClearedAt)),
        changes: changesInWords(request, consultation.approvalClearedChanges ?? []),
      }),
      needed: true,
      clearedMinute: clearedMinute && minuteLine(request, clearedMinute),
    };
  if (!consultation.approvedOn)
    return { text: request.t('consultation:consultations.approval.needed'), needed: true };
  return {
    text: request.t('consultation:consultations.approval.approved', {
      date: formatDate(request.t, consultation.approvedOn),
    }),
    minute: minute && minuteLine(request, minute),
  };
}

/** CON-01: the board's approval still governs it: approved, not yet launched. */
export const approvalAtRisk = (c: Pick<Consultation, 'approvalMinuteItemId' | 'launchedAt'>) =>
  c.approvalMinuteItemId !== null && c.launchedAt === null;

/** A change's message, saying so when it cleared the board's approval (CON-01). */
export const withApprovalCleared = (request: Request, message: string, cleared: boolean) =>
  cleared ? `${message} ${request.t('consultation:consultations.approval.clearedFlash')}` : message;

/** A question as the builder and the consultation's page list it. */
export function questionRows(request: Request, asked: readonly Question[]) {
  const optionOwner = new Map(
    asked.flatMap((q) => q.options.map((o) => [o.id, { question: q, label: o.label }] as const)),
  );
  return asked.map((q) => {
    const shownBy = q.shownIfOptionId ? optionOwner.get(q.shownIfOptionId) : undefined;
    return {
      ...q,
      kindText: request.t(`consultation:consultations.kinds.${q.kind}`),
      requiredText: request.t(
        q.required
          ? 'consultation:consultations.question.requiredYes'
          : 'consultation:consultations.question.requiredNo',
      ),
      scaleText:
        q.ratingScale === null
          ? null
          : request.t('consultation:consultations.question.scale', { top: q.ratingScale }),
      shownIfText: shownBy
        ? request.t('consultation:consultations.question.shownIf', {
            number: shownBy.question.position,
            choice: shownBy.label,
          })
        : null,
    };
  });
}

/** The show-if choices an added or edited question may take: earlier choice questions' choices. */
export function showIfItems(
  request: Request,
  asked: readonly Question[],
  before: number | null,
  chosen: string | undefined,
) {
  return [
    { value: '', text: request.t('consultation:consultations.question.alwaysShown') },
    ...asked
      .filter(
        (q) =>
          (q.kind === 'single' || q.kind === 'multiple') &&
          (before === null || q.position < before),
      )
      .flatMap((q) =>
        q.options.map((o) => ({
          value: o.id,
          text: request.t('consultation:consultations.question.showIfOption', {
            number: q.position,
            question: q.text,
            choice: o.label,
          }),
          selected: o.id === chosen,
        })),
      ),
  ];
}
