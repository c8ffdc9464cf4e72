/**
 * CON-04: assessors asked and taken off, an assessor's scores and their conflict of interest,
 * and the list of what the signed-in person was asked to assess.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { MAX_SCORE } from '../constants.js';
import type { GrantsRouteDeps as RouteDeps } from '../route-deps.js';
import { awardPaths as paths } from './paths.js';
import { applicationReference, scoreCommentField, scoreField } from './rules.js';

const T = 'modules/grants/assessment/views';
const managers = { config: { access: { action: 'grants.manage' as const } } };
const assessors = { config: { access: { action: 'grants.assess' as const } } };

const idOf = (request: FastifyRequest) =>
  (request.params as { applicationId: string }).applicationId;

export const assessmentCrumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('grants:assessment.yours.title'), href: paths.yourAssessments },
];

export function registerAssessmentRoutes({ app, services, renderPage }: RouteDeps): void {
  const { grantAssessment: assessment } = services;

  /** The assessors page, with the form to ask another (its POST is below). */
  const showAssessors = formShow(renderPage, `${T}/assessors.njk`, async (request) => {
    const page = await assessment.assessors(request.principal, idOf(request));
    const { application } = page;
    return {
      title: request.t('grants:assessment.assessors.title', {
        reference: applicationReference(application.reference),
      }),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      ...page,
      reference: applicationReference(application.reference),
      candidateItems: [
        { value: '', text: request.t('grants:assessment.assessors.choose') },
        ...page.candidates.map((c) => ({ value: c.id, text: `${c.displayName} (${c.email})` })),
      ],
      paths,
    };
  });

  registerFormPage(app, paths.assessors.pattern, managers, {
    show: showAssessors,
    submit: async (request, reply) => {
      const made = await assessment.addAssessor(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.assessors(idOf(request)),
        request.t('grants:assessment.assessors.added', { name: made.assessor }),
      );
    },
  });

  app.post(paths.removeAssessor.pattern, managers, async (request, reply) => {
    const { assessmentId } = request.params as { assessmentId: string };
    const removed = await assessment.removeAssessor(
      request.principal,
      idOf(request),
      assessmentId,
      request.id,
    );
    return redirectWithFlash(
      reply,
      paths.assessors(idOf(request)),
      request.t('grants:assessment.assessors.removed', { name: removed.assessor }),
    );
  });

  app.get(paths.yourAssessments, assessors, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const { items, total } = await assessment.yourAssessments(request.principal, page);
    return renderPage(request, reply, `${T}/yours.njk`, {
      title: request.t('grants:assessment.yours.title'),
      breadcrumbs: assessmentCrumbs(request).slice(0, 1),
      rows: items.map((i) => ({
        ...i,
        reference: applicationReference(i.reference),
        href: paths.assess(i.applicationId),
        state: i.conflictDeclaredAt
          ? 'conflict'
          : i.submittedAt
            ? 'sent'
            : i.status === 'submitted'
              ? 'toDo'
              : 'closed',
      })),
      total,
      pagination: paginationFor(paths.yourAssessments, {}, page.page, page.limit, total),
    });
  });

  registerFormPage(app, paths.assess.pattern, assessors, {
    initial: async (request) => {
      const { assessment: own, scores } = await assessment.scoring(
        request.principal,
        idOf(request),
      );
      const values: Record<string, string> = { comments: own.comments ?? '' };
      for (const s of scores) {
        values[scoreField(s.criterionId)] = String(s.score);
        values[scoreCommentField(s.criterionId)] = s.comment ?? '';
      }
      return values;
    },
    show: formShow(renderPage, `${T}/assess.njk`, async (request, values) => {
      const page = await assessment.scoring(request.principal, idOf(request));
      const reference = applicationReference(page.application.reference);
      return {
        title: request.t('grants:assessment.assess.title', { reference }),
        breadcrumbs: assessmentCrumbs(request),
        ...page,
        reference,
        open: page.application.status === 'submitted' && !page.assessment.conflictDeclaredAt,
        criteria: page.criteria.map((c) => ({
          ...c,
          field: scoreField(c.id),
          commentField: scoreCommentField(c.id),
          items: Array.from({ length: MAX_SCORE + 1 }, (_, score) => ({
            value: String(score),
            text: request.t(`grants:assessment.scores.${score}`),
            checked: values[scoreField(c.id)] === String(score),
          })),
        })),
        conflictHref: paths.conflict(page.application.id),
      };
    }),
    submit: async (request, reply) => {
      const saved = await assessment.saveScores(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      const reference = applicationReference(saved.reference);
      return redirectWithFlash(
        reply,
        saved.sent ? paths.yourAssessments : paths.assess(idOf(request)),
        request.t(saved.sent ? 'grants:assessment.assess.sent' : 'grants:assessment.assess.saved', {
          reference,
        }),
      );
    },
  });

  registerFormPage(app, paths.conflict.pattern, assessors, {
    show: formShow(renderPage, `${T}/conflict.njk`, async (request) => {
      const page = await assessment.scoring(request.principal, idOf(request));
      const reference = applicationReference(page.application.reference);
      return {
        title: request.t('grants:assessment.conflict.title'),
        breadcrumbs: assessmentCrumbs(request),
        reference,
        application: page.application,
        backHref: paths.assess(page.application.id),
      };
    }),
    submit: async (request, reply) => {
      const saved = await assessment.declareConflict(
        request.principal,
        idOf(request),
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.yourAssessments,
        request.t('grants:assessment.conflict.declared', {
          reference: applicationReference(saved.reference),
        }),
      );
    },
  });
}
