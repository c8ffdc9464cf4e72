/**
 * CON-01, CDRP-10: an indicator's figures given by its keepers: a value typed or corrected, a
 * reporting year's targets, and a file of values.
 */
import type { FastifyRequest } from 'fastify';
import { reportingYear } from '../../../platform/calendar/reporting-year.js';
import { ACCEPTED_TEXT_ENCODINGS } from '../../../platform/files/text-encoding.js';
import { registerUploadPage } from '../../../platform/http/files.js';
import { receivedText } from '../../../platform/http/multipart.js';
import { queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { indicatorsPaths as paths } from '../paths.js';
import { periodText } from '../presenter.js';
import type { IndicatorsRouteDeps as RouteDeps } from '../route-deps.js';
import { CSV_COLUMNS, hundredthsAsDecimal } from '../rules.js';

const T = 'modules/indicators/values/views';
const keepers = { config: { access: { action: 'indicators.manage' as const } } };
const indicatorIdOf = (request: FastifyRequest) =>
  (request.params as { indicatorId: string }).indicatorId;
const saveForIndicator = saveFor('indicatorId');

/** A file of a few years of a borough-kept monthly indicator is well under a megabyte. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function registerValuesRoutes({ app, services, renderPage }: RouteDeps): void {
  const { indicatorsRegister: register, indicatorsValues: figures } = services;
  const crumbs = async (request: FastifyRequest) => {
    const indicator = await register.find(indicatorIdOf(request));
    return {
      indicator,
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        { text: request.t('indicators:list.title'), href: paths.list },
        { text: indicator.name, href: paths.indicator(indicator.id) },
      ],
    };
  };

  registerFormPage(app, paths.value.pattern, keepers, {
    show: formShow(renderPage, `${T}/value.njk`, async (request, values) => {
      const t = request.t;
      const { indicator, breadcrumbs } = await crumbs(request);
      const periods = figures.periodChoices(indicator);
      const boroughs = indicator.breakdown === 'borough' ? await register.boroughs() : [];
      return {
        title: t('indicators:value.title'),
        caption: indicator.name,
        breadcrumbs,
        action: paths.value(indicator.id),
        backHref: paths.indicator(indicator.id),
        unitText: t(`indicators:units.${indicator.unit}`),
        periodItems: periods.map((p) => ({
          value: p,
          text: periodText(t, p, indicator.frequency),
          selected: p === values.period,
        })),
        boroughItems: boroughs.length
          ? [
              { value: '', text: t('indicators:indicator.wholeArea') },
              ...boroughs.map((b) => ({
                value: b.id,
                text: b.name,
                selected: b.id === values.boroughId,
              })),
            ]
          : null,
      };
    }),
    submit: saveForIndicator(figures.recordValue, (id, saved, request) => ({
      to: paths.indicator(id),
      message: request.t(
        saved.corrected ? 'indicators:value.corrected' : 'indicators:value.recorded',
        {
          period: periodText(request.t, saved.value.period, saved.indicator.frequency),
        },
      ),
    })),
  });

  registerFormPage(app, paths.targets.pattern, keepers, {
    initial: async (request) => {
      const year = figures.targetYear(queryString(request.query, 'year'));
      const { indicator, rows } = await figures.targetValues(
        request.principal,
        indicatorIdOf(request),
        year,
      );
      return {
        year: String(year),
        ...Object.fromEntries(
          rows.map((r) => [`target-${r.period}`, hundredthsAsDecimal(r.target, indicator.unit)]),
        ),
      };
    },
    show: formShow(renderPage, `${T}/targets.njk`, async (request, values) => {
      const t = request.t;
      const { indicator, breadcrumbs } = await crumbs(request);
      const startYear = figures.targetYear(
        typeof values.year === 'string' ? values.year : queryString(request.query, 'year'),
      );
      const { periods } = await figures.targetValues(request.principal, indicator.id, startYear);
      const year = reportingYear(startYear);
      return {
        title: t('indicators:targets.title'),
        caption: indicator.name,
        breadcrumbs,
        yearLabel: year.label,
        year: startYear,
        action: paths.targets(indicator.id),
        backHref: paths.indicator(indicator.id),
        previousHref: `${paths.targets(indicator.id)}?year=${startYear - 1}`,
        nextHref: `${paths.targets(indicator.id)}?year=${startYear + 1}`,
        unitText: t(`indicators:units.${indicator.unit}`),
        fields: periods.map((p) => ({
          name: `target-${p}`,
          label: periodText(t, p, indicator.frequency),
        })),
      };
    }),
    submit: saveForIndicator(figures.setTargets, (id, saved, request) => ({
      to: paths.indicator(id),
      message: request.t('indicators:targets.saved', { count: saved.changed }),
    })),
  });

  registerUploadPage(app, paths.upload.pattern, keepers, MAX_FILE_BYTES, {
    show: formShow(renderPage, `${T}/upload.njk`, async (request, _values, errors) => {
      const { indicator, breadcrumbs } = await crumbs(request);
      return {
        title: request.t('indicators:upload.title'),
        caption: indicator.name,
        breadcrumbs,
        action: paths.upload(indicator.id),
        backHref: paths.indicator(indicator.id),
        columns: CSV_COLUMNS,
        byBorough: indicator.breakdown === 'borough',
        encodings: ACCEPTED_TEXT_ENCODINGS,
        // Every bad line is listed beside the field as well as in the summary.
        fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
      };
    }),
    async submit(request, reply, form) {
      const t = request.t;
      const text = await receivedText(form.file, {
        tooLarge: t('indicators:upload.tooLarge', { size: MAX_FILE_BYTES / (1024 * 1024) }),
        missing: t('indicators:upload.missing'),
      });
      const id = indicatorIdOf(request);
      const done = await figures.uploadValues(request.principal, id, text, request.id);
      return redirectWithFlash(
        reply,
        paths.indicator(id),
        t('indicators:upload.done', { count: done.values, replaced: done.replaced }),
      );
    },
  });
}
