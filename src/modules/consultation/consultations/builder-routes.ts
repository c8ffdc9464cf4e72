/**
 * The questionnaire builder's pages (CON-07), all working without JavaScript: the current
 * version's questions with change, remove and move buttons; a question's form; the remove
 * page naming the questions whose show-if link it clears; a new version over an answered one;
 * and the preview, as a respondent sees it.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormBody,
} from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import { QUESTION_KINDS } from '../rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { consultationsPaths as paths } from './paths.js';
import { approvalAtRisk, questionRows, showIfItems, withApprovalCleared } from './presenter.js';
import type { Question } from './read.js';

const T = 'modules/consultation/consultations/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const params = (request: FastifyRequest) =>
  request.params as { consultationId: string; questionId: string };
const body = (request: FastifyRequest) => (request.body ?? {}) as FormBody;

/** CON-01: warned before a change that a material one clears the board's approval. */
const approvalWarning = (
  request: FastifyRequest,
  c: { approvalMinuteItemId: string | null; launchedAt: Date | null },
) => (approvalAtRisk(c) ? request.t('consultation:consultations.approval.questionsWarning') : null);

/** A question's form values from the question as it is. */
const questionValues = (q: Question) => ({
  kind: q.kind,
  text: q.text,
  hint: q.hint ?? '',
  required: q.required ? 'yes' : 'no',
  choices: q.options.map((o) => o.label).join('\n'),
  ratingScale: q.ratingScale === null ? '' : String(q.ratingScale),
  shownIf: q.shownIfOptionId ?? '',
});

export function registerBuilderRoutes({ app, services, renderPage }: RouteDeps): void {
  const { questionnaire } = services;
  const crumbs = (request: FastifyRequest, c: { id: string; title: string }) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:hub.title'), href: consultationPaths.staffHome },
    { text: request.t('consultation:consultations.title'), href: paths.list },
    { text: c.title, href: paths.consultation(c.id) },
  ];

  const showBuilder = formShow(renderPage, `${T}/builder.njk`, async (request) => {
    const loaded = await questionnaire.builder(request.principal, params(request).consultationId);
    const { consultation: c } = loaded;
    return {
      title: request.t('consultation:consultations.builder.title', { title: c.title }),
      breadcrumbs: crumbs(request, c),
      ...loaded,
      approvalWarning: approvalWarning(request, c),
      locked: loaded.answered > 0,
      manager: can(request.principal, 'consultation.manage'),
      rows: questionRows(request, loaded.questions).map((q) => ({
        ...q,
        href: paths.question(c.id, q.id),
        removeHref: paths.removeQuestion(c.id, q.id),
        moveAction: paths.moveQuestion(c.id, q.id),
      })),
      addHref: paths.newQuestion(c.id),
      newVersionAction: paths.newVersion(c.id),
      previewHref: paths.preview(c.id),
    };
  });
  app.get(paths.questionnaire.pattern, viewers, (request, reply) =>
    showBuilder(request, reply, {}),
  );

  const kindItems = (request: FastifyRequest, chosen: unknown) =>
    QUESTION_KINDS.map((k) => ({
      value: k,
      text: request.t(`consultation:consultations.kinds.${k}`),
      checked: chosen === k,
    }));

  registerFormPage(app, paths.newQuestion.pattern, managers, {
    initial: () => ({ required: 'no', ratingScale: '5' }),
    show: formShow(renderPage, `${T}/question.njk`, async (request, values) => {
      const loaded = await questionnaire.builder(request.principal, params(request).consultationId);
      return {
        title: request.t('consultation:consultations.question.addTitle'),
        breadcrumbs: crumbs(request, loaded.consultation),
        approvalWarning: approvalWarning(request, loaded.consultation),
        locked: loaded.answered > 0,
        kindItems: kindItems(request, values.kind),
        showIfItems: showIfItems(request, loaded.questions, null, values.shownIf as string),
        action: paths.newQuestion(loaded.consultation.id),
        backHref: paths.questionnaire(loaded.consultation.id),
      };
    }),
    async submit(request, reply) {
      const id = params(request).consultationId;
      const made = await questionnaire.add(request.principal, id, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.questionnaire(id),
        withApprovalCleared(
          request,
          request.t('consultation:consultations.question.added', { number: made.position }),
          made.approvalCleared,
        ),
      );
    },
  });

  registerFormPage(app, paths.question.pattern, managers, {
    initial: async (request) => {
      const { consultationId, questionId } = params(request);
      const { question } = await questionnaire.question(
        request.principal,
        consultationId,
        questionId,
      );
      return questionValues(question);
    },
    show: formShow(renderPage, `${T}/question.njk`, async (request, values) => {
      const { consultationId, questionId } = params(request);
      const loaded = await questionnaire.question(request.principal, consultationId, questionId);
      return {
        title: request.t('consultation:consultations.question.editTitle', {
          number: loaded.question.position,
        }),
        breadcrumbs: crumbs(request, loaded.consultation),
        approvalWarning: approvalWarning(request, loaded.consultation),
        locked: loaded.answered > 0,
        kindItems: kindItems(request, values.kind),
        showIfItems: showIfItems(
          request,
          loaded.questions.filter((q) => q.id !== questionId),
          loaded.question.position,
          values.shownIf as string,
        ),
        action: paths.question(consultationId, questionId),
        backHref: paths.questionnaire(consultationId),
      };
    }),
    async submit(request, reply) {
      const { consultationId, questionId } = params(request);
      const saved = await questionnaire.update(
        request.principal,
        consultationId,
        questionId,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.questionnaire(consultationId),
        withApprovalCleared(
          request,
          request.t('consultation:consultations.question.saved', { number: saved.position }),
          saved.approvalCleared,
        ),
      );
    },
  });

  registerFormPage(app, paths.removeQuestion.pattern, managers, {
    show: formShow(renderPage, `${T}/remove.njk`, async (request) => {
      const { consultationId, questionId } = params(request);
      const loaded = await questionnaire.question(request.principal, consultationId, questionId);
      return {
        title: request.t('consultation:consultations.remove.title', {
          number: loaded.question.position,
        }),
        breadcrumbs: crumbs(request, loaded.consultation),
        question: loaded.question,
        cleared: loaded.cleared,
        approvalWarning: approvalWarning(request, loaded.consultation),
        locked: loaded.answered > 0,
        action: paths.removeQuestion(consultationId, questionId),
        backHref: paths.questionnaire(consultationId),
      };
    }),
    async submit(request, reply) {
      const { consultationId, questionId } = params(request);
      const { question, cleared, approvalCleared } = await questionnaire.remove(
        request.principal,
        consultationId,
        questionId,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.questionnaire(consultationId),
        withApprovalCleared(
          request,
          request.t(
            cleared.length
              ? 'consultation:consultations.remove.doneCleared'
              : 'consultation:consultations.remove.done',
            {
              number: question.position,
              // They came after it, so each is now one place higher.
              cleared: cleared.map((q) => q.position - 1).join(', '),
              count: cleared.length,
            },
          ),
          approvalCleared,
        ),
      );
    },
  });

  // Buttons on the builder's page: a refusal shows that page again with its reason.
  registerFormPage(app, paths.moveQuestion.pattern, managers, {
    shownElsewhere: true,
    show: showBuilder,
    async submit(request, reply) {
      const { consultationId, questionId } = params(request);
      const moved = await questionnaire.move(
        request.principal,
        consultationId,
        questionId,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.questionnaire(consultationId),
        request.t('consultation:consultations.builder.moved', {
          from: moved.question.position,
          to: moved.position,
        }),
      );
    },
  });

  registerFormPage(app, paths.newVersion.pattern, managers, {
    shownElsewhere: true,
    show: showBuilder,
    async submit(request, reply) {
      const { consultationId } = params(request);
      const made = await questionnaire.openNewVersion(
        request.principal,
        consultationId,
        body(request),
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.questionnaire(consultationId),
        request.t('consultation:consultations.builder.versionOpened', { number: made.number }),
      );
    },
  });

  app.get(paths.preview.pattern, viewers, async (request, reply) => {
    const loaded = await questionnaire.builder(request.principal, params(request).consultationId);
    const { consultation: c } = loaded;
    return renderPage(request, reply, `${T}/preview.njk`, {
      title: request.t('consultation:consultations.preview.title', { title: c.title }),
      breadcrumbs: crumbs(request, c),
      consultation: c,
      version: loaded.version,
      rows: questionRows(request, loaded.questions).map((q) => ({
        ...q,
        scale: Array.from({ length: q.ratingScale ?? 0 }, (_, i) => String(i + 1)),
      })),
      backHref: paths.questionnaire(c.id),
    });
  });
}
