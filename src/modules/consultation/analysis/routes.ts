/**
 * The analysis pages (issue 25 item 5): the figures with charts and tables and a breakdown
 * (GET form, DP-01), a free-text question's code frame and its answers to tag, a theme renamed
 * or removed, the responses as CSV, the analysis as PDF, the open-data choice, and the public's
 * open data page and CSV.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { sendCsv } from '../../../platform/http/csv.js';
import { sendDownload } from '../../../platform/http/files.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { BREAKDOWNS, isBreakdown, isClosed } from '../analysis-rules.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps } from '../route-deps.js';
import { analysisPaths as paths } from './paths.js';
import { renderAnalysisPdf } from './pdf.js';
import { breakdownTables, openDataRows, optionBars } from './presenter.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/consultation/analysis/views';
const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const params = (request: FastifyRequest) =>
  request.params as { consultationId: string; questionId: string; themeId: string };
const PAGE_SIZE = 20;

export function registerAnalysisRoutes({ app, services, renderPage }: ConsultationRouteDeps): void {
  const { consultationAnalysis: analysis } = services;

  const crumbs = (request: FastifyRequest, consultation?: { id: string; title: string }) => [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('consultation:analysis.consultations'),
      href: consultationPaths.consultations,
    },
    ...(consultation
      ? [
          { text: consultation.title, href: consultationPaths.consultation(consultation.id) },
          {
            text: request.t('consultation:analysis.title'),
            href: paths.analysis(consultation.id),
          },
        ]
      : []),
  ];

  app.get(paths.analysis.pattern, viewers, async (request, reply) => {
    const { consultationId } = params(request);
    const asked = (request.query as Record<string, unknown>).by;
    const by = isBreakdown(asked) ? asked : undefined;
    const { consultation, figures, breakdown } = await analysis.analysis(
      request.principal,
      consultationId,
      by,
    );
    const t = request.t;
    return renderPage(request, reply, `${T}/analysis.njk`, {
      title: t('consultation:analysis.pageTitle', { title: consultation.title }),
      breadcrumbs: crumbs(request, consultation).slice(0, 3),
      consultation,
      counted: figures.counted,
      questions: figures.questions.map((q) => ({
        ...q,
        closed: isClosed(q.kind),
        chart: optionBars(q.options),
        codingHref: paths.coding(consultation.id, q.id),
        quotes: figures.quotes.filter((x) => x.questionId === q.id),
      })),
      byItems: [
        { value: '', text: t('consultation:analysis.breakdown.none'), selected: !by },
        ...BREAKDOWNS.map((b) => ({
          value: b,
          text: t(`consultation:analysis.breakdown.by.${b}`),
          selected: b === by,
        })),
      ],
      breakdown: by && breakdown && { by, tables: breakdownTables(t, by, breakdown) },
      action: paths.analysis(consultation.id),
      csvHref: paths.responsesCsv(consultation.id),
      pdfHref: `${paths.reportPdf(consultation.id)}${by ? `?by=${by}` : ''}`,
      openDataHref: paths.openData(consultation.id),
      publicOpenDataHref: paths.publicOpenData(consultation.id),
      canManage: can(request.principal, 'consultation.manage'),
      width: 'full',
    });
  });

  app.get(paths.responsesCsv.pattern, managers, async (request, reply) => {
    const data = await analysis.responseRows(request.principal, params(request).consultationId);
    const c = (key: string) => request.t(`consultation:analysis.csv.${key}`);
    return sendCsv(reply, `consultation-responses-${data.consultation.id}.csv`, [
      [c('reference'), c('submitted'), c('borough'), ...data.questions],
      ...data.rows.map((r) => [r.reference, r.submittedOn, r.borough, ...r.answers]),
    ]);
  });

  app.get(paths.reportPdf.pattern, viewers, async (request, reply) => {
    const asked = (request.query as Record<string, unknown>).by;
    const by = isBreakdown(asked) ? asked : undefined;
    const { consultation, figures, breakdown } = await analysis.analysis(
      request.principal,
      params(request).consultationId,
      by,
    );
    const bytes = await renderAnalysisPdf(
      consultation.title,
      figures,
      request.t,
      by && breakdown ? { by, tables: breakdownTables(request.t, by, breakdown) } : null,
    );
    return sendDownload(
      reply,
      { fileName: `consultation-analysis-${consultation.id}.pdf`, mediaType: 'application/pdf' },
      bytes,
    );
  });

  // A free-text question's code frame: add a theme, and tag a page of its answers.
  const codingShow = formShow(renderPage, `${T}/coding.njk`, async (request) => {
    const { consultationId, questionId } = params(request);
    const page = pageRequest((request.query as Record<string, unknown>).page, PAGE_SIZE);
    const found = await analysis.coding(request.principal, consultationId, questionId, page);
    const here = paths.coding(consultationId, questionId);
    return {
      title: request.t('consultation:analysis.coding.title', { question: found.question.text }),
      breadcrumbs: crumbs(request, found.consultation),
      question: found.question,
      themes: found.themes.map((x) => ({ ...x, href: paths.theme(consultationId, x.id) })),
      answers: found.answers,
      total: found.total,
      addAction: paths.addTheme(consultationId, questionId),
      tagAction: `${here}${page.page > 1 ? `?page=${page.page}` : ''}`,
      pagination: paginationFor(here, {}, page.page, page.limit, found.total),
    };
  });
  app.get(paths.coding.pattern, managers, (request, reply) => codingShow(request, reply, {}));
  registerFormPage(app, paths.coding.pattern, managers, {
    shownElsewhere: true,
    show: codingShow,
    async submit(request, reply) {
      const { consultationId, questionId } = params(request);
      const done = await analysis.tag(
        request.principal,
        consultationId,
        questionId,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      const page = (request.query as Record<string, unknown>).page;
      return redirectWithFlash(
        reply,
        `${paths.coding(consultationId, questionId)}${typeof page === 'string' && /^\d+$/.test(page) ? `?page=${page}` : ''}`,
        request.t('consultation:analysis.coding.tagged', { count: done.answers }),
      );
    },
  });
  registerFormPage(app, paths.addTheme.pattern, managers, {
    shownElsewhere: true,
    show: codingShow,
    async submit(request, reply) {
      const { consultationId, questionId } = params(request);
      const theme = await analysis.addTheme(
        request.principal,
        consultationId,
        questionId,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.coding(consultationId, questionId),
        request.t('consultation:analysis.themes.added', { name: theme.name }),
      );
    },
  });

  const themePage = (template: string, titleKey: string) =>
    formShow(renderPage, `${T}/${template}`, async (request) => {
      const { consultationId, themeId } = params(request);
      const found = await analysis.theme(request.principal, consultationId, themeId);
      const back = paths.coding(consultationId, found.question.id);
      return {
        title: request.t(titleKey, { name: found.theme.name }),
        breadcrumbs: [
          ...crumbs(request, found.consultation),
          { text: found.question.text, href: back },
        ],
        theme: found.theme,
        backHref: back,
        action:
          template === 'theme.njk'
            ? paths.theme(consultationId, themeId)
            : paths.removeTheme(consultationId, themeId),
      };
    });

  registerFormPage(app, paths.theme.pattern, managers, {
    initial: async (request) => {
      const { consultationId, themeId } = params(request);
      return {
        name: (await analysis.theme(request.principal, consultationId, themeId)).theme.name,
      };
    },
    show: themePage('theme.njk', 'consultation:analysis.themes.renameTitle'),
    async submit(request, reply) {
      const { consultationId, themeId } = params(request);
      const theme = await analysis.renameTheme(
        request.principal,
        consultationId,
        themeId,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.coding(consultationId, theme.questionId),
        request.t('consultation:analysis.themes.renamed', { name: theme.name }),
      );
    },
  });

  registerFormPage(app, paths.removeTheme.pattern, managers, {
    show: themePage('remove-theme.njk', 'consultation:analysis.themes.removeTitle'),
    async submit(request, reply) {
      const { consultationId, themeId } = params(request);
      const theme = await analysis.removeTheme(
        request.principal,
        consultationId,
        themeId,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.coding(consultationId, theme.questionId),
        request.t('consultation:analysis.themes.removed', { name: theme.name }),
      );
    },
  });

  registerFormPage(app, paths.openData.pattern, managers, {
    initial: async (request) => {
      const { published, questionIds } = await analysis.publication(
        request.principal,
        params(request).consultationId,
      );
      return { questions: questionIds, quotes: published?.quotes ? 'yes' : '' };
    },
    show: formShow(renderPage, `${T}/open-data.njk`, async (request, values) => {
      const { consultationId } = params(request);
      const { consultation, figures } = await analysis.analysis(request.principal, consultationId);
      const { closed, published } = await analysis.publication(request.principal, consultationId);
      const chosen = ([] as string[]).concat(values.questions ?? []);
      return {
        title: request.t('consultation:analysis.openData.title'),
        breadcrumbs: crumbs(request, consultation),
        published,
        // The form is offered only once the consultation has closed.
        notClosed: closed
          ? null
          : request.t('consultation:analysis.openData.notClosed', {
              date: formatDate(request.t, consultation.closesOn),
            }),
        items: figures.questions
          .filter((q) => isClosed(q.kind))
          .map((q) => ({ value: q.id, text: q.text, checked: chosen.includes(q.id) })),
        quotesChecked: values.quotes === 'yes',
        action: paths.openData(consultationId),
        publicHref: paths.publicOpenData(consultationId),
      };
    }),
    async submit(request, reply) {
      const { consultationId } = params(request);
      await analysis.publish(
        request.principal,
        consultationId,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.openData(consultationId),
        request.t('consultation:analysis.openData.saved'),
      );
    },
  });

  app.get(paths.publicOpenData.pattern, keptPage(), async (request, reply) => {
    const data = await analysis.openData(params(request).consultationId);
    return renderPage(request, reply, `${T}/public-open-data.njk`, {
      title: request.t('consultation:analysis.openData.publicTitle', {
        title: data.consultation.title,
      }),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        {
          text: data.consultation.title,
          href: consultationPaths.publicConsultation(data.consultation.id),
        },
      ],
      questions: data.questions,
      quotes: data.quotes,
      csvHref: paths.publicOpenDataCsv(data.consultation.id),
    });
  });

  app.get(paths.publicOpenDataCsv.pattern, keptPage(), async (request, reply) => {
    const data = await analysis.openData(params(request).consultationId);
    return sendCsv(
      reply,
      `consultation-open-data-${data.consultation.id}.csv`,
      openDataRows(request.t, {
        questions: data.questions,
        breakdowns: data.breakdowns,
      }),
    );
  });
}
