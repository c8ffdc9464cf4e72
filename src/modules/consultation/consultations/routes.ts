/**
 * Consultations (issue 25, CON-01, CON-07): the list by phase and audience, a consultation's
 * page, its details made and changed, its launch and its early close. Staff read them; the
 * authority's officers make and change them. The questionnaire's pages are in builder-routes.ts.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { AUDIENCES } from '../rules.js';
import { consultationsPaths as paths } from './paths.js';
import { APPROVAL_DATE_MARGIN_DAYS } from '../board-rules.js';
import {
  approvalAtRisk,
  approvalOf,
  phaseTag,
  questionRows,
  sectionsFor,
  withApprovalCleared,
} from './presenter.js';
import { PHASES } from './service.js';

const T = 'modules/consultation/consultations/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const idOf = (request: FastifyRequest) =>
  (request.params as { consultationId: string }).consultationId;
const saveForConsultation = saveFor('consultationId');

export function registerConsultationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultations } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:hub.title'), href: consultationPaths.staffHome },
    { text: request.t('consultation:consultations.title'), href: paths.list },
  ];
  const crumbsTo = async (request: FastifyRequest) => {
    const { consultation } = await consultations.get(request.principal, idOf(request));
    return {
      consultation,
      // CON-01: warned before saving that a material change clears the board's approval.
      approvalWarning: approvalAtRisk(consultation)
        ? request.t('consultation:consultations.approval.editWarning', {
            days: APPROVAL_DATE_MARGIN_DAYS,
          })
        : null,
      breadcrumbs: [
        ...crumbs(request),
        { text: consultation.title, href: paths.consultation(consultation.id) },
      ],
    };
  };
  const detailItems = async (request: FastifyRequest, values: Record<string, unknown>) => ({
    audienceItems: AUDIENCES.map((a) => ({
      value: a,
      text: request.t(`consultation:consultations.audiences.${a}`),
      checked: values.audience === a,
    })),
    // CON-01: area-wide, or the one borough it consults.
    boroughItems: [
      { value: '', text: request.t('consultation:consultations.areaWide') },
      ...(await consultations.boroughs()).map((b) => ({
        value: b.id,
        text: b.name,
        selected: values.borough === b.id,
      })),
    ],
  });

  app.get(paths.list, viewers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const filter = { phase: queryString(query, 'phase'), audience: queryString(query, 'audience') };
    const result = await consultations.list(request.principal, filter, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('consultation:consultations.title'),
      breadcrumbs: crumbs(request).slice(0, 2),
      width: 'full',
      rows: result.items.map((c) => ({
        ...c,
        href: paths.consultation(c.id),
        tag: phaseTag(request, c.phase),
        audienceText: request.t(`consultation:consultations.audiences.${c.audience}`),
      })),
      total: result.total,
      phaseItems: [
        { value: '', text: request.t('consultation:consultations.filter.anyPhase') },
        ...PHASES.map((p) => ({
          value: p,
          text: request.t(`consultation:consultations.phases.${p}`),
          selected: result.phase === p,
        })),
      ],
      audienceItems: [
        { value: '', text: request.t('consultation:consultations.filter.anyAudience') },
        ...AUDIENCES.map((a) => ({
          value: a,
          text: request.t(`consultation:consultations.audiences.${a}`),
          selected: result.audience === a,
        })),
      ],
      newHref: can(request.principal, 'consultation.manage') ? paths.newConsultation : null,
      pagination: paginationFor(
        paths.list,
        { phase: result.phase, audience: result.audience },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newConsultation, managers, {
    initial: () => ({ major: 'no' }),
    show: formShow(renderPage, `${T}/form.njk`, async (request, values) => ({
      title: request.t('consultation:consultations.new'),
      breadcrumbs: crumbs(request),
      ...(await detailItems(request, values)),
      action: paths.newConsultation,
      button: request.t('consultation:consultations.create'),
    })),
    async submit(request, reply) {
      const made = await consultations.create(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.consultation(made.id),
        request.t('consultation:consultations.created', { title: made.title }),
      );
    },
  });

  app.get(paths.consultation.pattern, viewers, async (request, reply) => {
    const detail = await consultations.get(request.principal, idOf(request));
    const { consultation: c, phase } = detail;
    const manager = can(request.principal, 'consultation.manage');
    const approval = approvalOf(request, c, detail.minute, detail.clearedMinute);
    return renderPage(request, reply, `${T}/consultation.njk`, {
      title: c.title,
      breadcrumbs: crumbs(request),
      ...detail,
      tag: phaseTag(request, phase),
      audienceText: request.t(`consultation:consultations.audiences.${c.audience}`),
      approval,
      boroughText: detail.boroughName ?? request.t('consultation:consultations.areaWide'),
      questionRows: questionRows(request, detail.questions),
      sections: sectionsFor(request, c, phase),
      // A closed consultation's details change no more. A draft is offered for launch even when
      // it awaits the board: the launch page lists everything still needed, approval among it.
      editHref: manager && phase !== 'closed' ? paths.edit(c.id) : null,
      launchHref: manager && phase === 'draft' ? paths.launch(c.id) : null,
      closeHref: manager && (phase === 'open' || phase === 'upcoming') ? paths.close(c.id) : null,
      questionnaireHref: paths.questionnaire(c.id),
    });
  });

  registerFormPage(app, paths.edit.pattern, managers, {
    initial: (request) => consultations.formValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/form.njk`, async (request, values) => ({
      title: request.t('consultation:consultations.edit'),
      ...(await crumbsTo(request)),
      ...(await detailItems(request, values)),
      action: paths.edit(idOf(request)),
      button: request.t('consultation:consultations.save'),
    })),
    submit: saveForConsultation(consultations.update, (id, saved, request) => ({
      to: paths.consultation(id),
      message: withApprovalCleared(
        request,
        request.t('consultation:consultations.saved', { title: saved.title }),
        saved.approvalCleared,
      ),
    })),
  });

  registerFormPage(app, paths.launch.pattern, managers, {
    initial: async (request) => ({
      version: String(
        (await consultations.get(request.principal, idOf(request))).consultation.version,
      ),
    }),
    show: formShow(renderPage, `${T}/launch.njk`, async (request) => {
      const detail = await consultations.get(request.principal, idOf(request));
      return {
        title: request.t('consultation:consultations.launch.title'),
        ...(await crumbsTo(request)),
        detail,
        refusals: await consultations.launchRefusals(request.principal, idOf(request)),
        action: paths.launch(idOf(request)),
        backHref: paths.consultation(idOf(request)),
      };
    }),
    submit: saveForConsultation(consultations.launch, (id, saved, request) => ({
      to: paths.consultation(id),
      message: request.t('consultation:consultations.launched', { title: saved.title }),
    })),
  });

  registerFormPage(app, paths.close.pattern, managers, {
    initial: async (request) => ({
      version: String(
        (await consultations.get(request.principal, idOf(request))).consultation.version,
      ),
    }),
    show: formShow(renderPage, `${T}/close.njk`, async (request) => ({
      title: request.t('consultation:consultations.close.title'),
      ...(await crumbsTo(request)),
      action: paths.close(idOf(request)),
      backHref: paths.consultation(idOf(request)),
    })),
    submit: saveForConsultation(consultations.closeEarly, (id, saved, request) => ({
      to: paths.consultation(id),
      message: request.t('consultation:consultations.closed', { title: saved.title }),
    })),
  });
}
