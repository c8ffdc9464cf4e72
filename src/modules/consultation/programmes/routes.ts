/**
 * CON-02: the programmes' pages: their list, a new one (from the template or blank), a
 * programme's page with its timeline and table, a stage changed, added, removed or moved, and a
 * programme copied to the next year. Anyone who may view consultation reads; an authority
 * officer changes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormValues,
} from '../../../platform/http/render.js';
import { planYearLabel } from '../programme-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { programmePaths as paths } from './paths.js';
import { stageRow, timeline } from './presenter.js';

const T = 'modules/consultation/programmes/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const params = (request: FastifyRequest) =>
  request.params as { programmeId: string; stageId: string };
const saveForProgramme = saveFor('programmeId');
const text = (value: FormValues[string]) => (typeof value === 'string' ? value : undefined);

export function registerProgrammeRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { consultationProgrammes: programmes } = services;
  const peak = config.consultation.summerPeakMonths;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:programmes.title'), href: paths.programmes },
  ];
  const programmeCrumbs = (request: FastifyRequest, p: { id: string; title: string }) => [
    ...crumbs(request),
    { text: p.title, href: paths.programme(p.id) },
  ];

  app.get(paths.programmes, viewers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await programmes.list(request.principal, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('consultation:programmes.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map(({ programme, stages }) => {
        const shown = stages.map((s) =>
          stageRow(request.t, { ...s, ownerName: null }, result.today, peak),
        );
        return {
          ...programme,
          href: paths.programme(programme.id),
          year: planYearLabel(programme.planYear),
          stageCount: stages.length,
          slipped: shown.filter((s) => s.slipped).length,
          summerPeak: shown.some((s) => s.summerPeak),
        };
      }),
      total: result.total,
      newHref: can(request.principal, 'consultation.manage') ? paths.newProgramme : null,
      pagination: paginationFor(paths.programmes, {}, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.newProgramme, managers, {
    // The plan of the year after this one is the one whose consultation starts about now.
    initial: () => ({
      planYear: String(Number(programmes.today().slice(0, 4)) + 1),
      from: 'template',
    }),
    show: formShow(renderPage, `${T}/new.njk`, async (request) => ({
      title: request.t('consultation:programmes.new.title'),
      breadcrumbs: crumbs(request),
      action: paths.newProgramme,
    })),
    async submit(request, reply) {
      const programme = await programmes.create(
        request.principal,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.programme(programme.id),
        request.t('consultation:programmes.created', { title: programme.title }),
      );
    },
  });

  /** The programme's page, with a refusal of a move (its only form) when there is one. */
  async function showProgramme(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) {
    const detail = await programmes.get(request.principal, params(request).programmeId);
    const manage = can(request.principal, 'consultation.manage');
    const rows = detail.stages.map((s, i, all) => ({
      ...stageRow(request.t, s, detail.today, peak),
      editHref: manage ? paths.stage(detail.programme.id, s.id) : null,
      removeHref: manage ? paths.removeStage(detail.programme.id, s.id) : null,
      moveAction: manage ? paths.moveStage(detail.programme.id, s.id) : null,
      first: i === 0,
      last: i === all.length - 1,
    }));
    return renderPage(
      request,
      reply,
      `${T}/programme.njk`,
      {
        title: detail.programme.title,
        breadcrumbs: crumbs(request),
        programme: detail.programme,
        year: planYearLabel(detail.programme.planYear),
        rows,
        slippedCount: rows.filter((r) => r.slipped).length,
        peakCount: rows.filter((r) => r.summerPeak).length,
        chart: timeline(request.t, rows, detail.today, peak),
        manage,
        addHref: paths.newStage(detail.programme.id),
        copyHref: paths.copy(detail.programme.id),
        errors,
      },
      status,
    );
  }

  app.get(paths.programme.pattern, viewers, (request, reply) => showProgramme(request, reply));

  registerFormPage(app, paths.moveStage.pattern, managers, {
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) =>
      showProgramme(request, reply, errors, status),
    submit: async (request, reply) => {
      const { programmeId, stageId } = params(request);
      const stage = await programmes.moveStage(
        request.principal,
        programmeId,
        stageId,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.programme(programmeId)}#stages`,
        request.t('consultation:programmes.moved', { name: stage.name }),
      );
    },
  });

  /** The stage form's page: new or changing one, with the owner search and its results. */
  const stageForm = (titleKey: 'newStage' | 'changeStage') =>
    formShow(renderPage, `${T}/stage.njk`, async (request, values) => {
      const { programmeId, stageId } = params(request);
      // The owner search is a GET of this page; a refused save keeps what was searched for.
      const q = text((request.query as Record<string, string | undefined>).q) ?? text(values.q);
      const choices = await programmes.stageChoices(request.principal, programmeId, {
        ownerId: text(values.ownerId),
        q,
      });
      const { programme } = choices;
      const action = stageId ? paths.stage(programme.id, stageId) : paths.newStage(programme.id);
      return {
        title: request.t(`consultation:programmes.${titleKey}.title`),
        breadcrumbs: programmeCrumbs(request, programme),
        programme,
        action,
        q,
        owner: choices.owner,
        found: choices.found,
        consultationItems: [
          { value: '', text: request.t('consultation:programmes.stage.noConsultation') },
          ...choices.consultations.map((c) => ({
            value: c.id,
            text: c.title,
            selected: c.id === values.consultationId,
          })),
        ],
        backHref: paths.programme(programme.id),
      };
    });

  registerFormPage(app, paths.newStage.pattern, managers, {
    initial: () => ({ fieldwork: 'no' }),
    show: stageForm('newStage'),
    submit: saveForProgramme(programmes.addStage, (id, stage, request) => ({
      to: `${paths.programme(id)}#stages`,
      message: request.t('consultation:programmes.stageAdded', { name: stage.name }),
    })),
  });

  registerFormPage(app, paths.stage.pattern, managers, {
    initial: async (request) => {
      const { programmeId, stageId } = params(request);
      const { stage } = await programmes.stage(request.principal, programmeId, stageId);
      return programmes.stageFormValues(stage);
    },
    show: stageForm('changeStage'),
    submit: async (request, reply) => {
      const { programmeId, stageId } = params(request);
      const stage = await programmes.updateStage(
        request.principal,
        programmeId,
        stageId,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.programme(programmeId)}#stages`,
        request.t('consultation:programmes.stageChanged', { name: stage.name }),
      );
    },
  });

  registerFormPage(app, paths.removeStage.pattern, managers, {
    show: formShow(renderPage, `${T}/remove.njk`, async (request) => {
      const { programmeId, stageId } = params(request);
      const { programme, stage } = await programmes.stage(request.principal, programmeId, stageId);
      return {
        title: request.t('consultation:programmes.remove.title'),
        breadcrumbs: programmeCrumbs(request, programme),
        stage,
        action: paths.removeStage(programme.id, stage.id),
        backHref: paths.programme(programme.id),
      };
    }),
    submit: async (request, reply) => {
      const { programmeId, stageId } = params(request);
      const stage = await programmes.removeStage(
        request.principal,
        programmeId,
        stageId,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.programme(programmeId)}#stages`,
        request.t('consultation:programmes.stageRemoved', { name: stage.name }),
      );
    },
  });

  registerFormPage(app, paths.copy.pattern, managers, {
    show: formShow(renderPage, `${T}/copy.njk`, async (request) => {
      const detail = await programmes.get(request.principal, params(request).programmeId);
      return {
        title: request.t('consultation:programmes.copy.title'),
        breadcrumbs: programmeCrumbs(request, detail.programme),
        programme: detail.programme,
        year: planYearLabel(detail.programme.planYear),
        nextYear: planYearLabel(detail.programme.planYear + 1),
        stageCount: detail.stages.length,
        action: paths.copy(detail.programme.id),
        backHref: paths.programme(detail.programme.id),
      };
    }),
    submit: saveForProgramme(programmes.copyToNextYear, (_id, programme, request) => ({
      to: paths.programme(programme.id),
      message: request.t('consultation:programmes.copied', { title: programme.title }),
    })),
  });
}
