/**
 * CON-01, CDRP-10: the indicators' staff pages: the list with each one's latest value, target
 * and RAG; an indicator's chart with the same figures in a table beside it (a borough's, when
 * kept by borough); and its definition, new or changed.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { lineChart } from '../../../platform/charts/line-chart.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { indicatorsPaths as paths } from '../paths.js';
import { periodText, ragTag, seriesRows, valueText } from '../presenter.js';
import type { IndicatorsRouteDeps as RouteDeps } from '../route-deps.js';
import { BREAKDOWNS, FREQUENCIES, POLARITIES, UNITS, type Frequency, type Unit } from '../rules.js';

const T = 'modules/indicators/register/views';
const readers = { config: { access: { action: 'indicators.view' as const } } };
const keepers = { config: { access: { action: 'indicators.manage' as const } } };
const indicatorIdOf = (request: FastifyRequest) =>
  (request.params as { indicatorId: string }).indicatorId;

/** The latest figures of a list's row, as the list shows them. */
export function latestCells(
  t: Translate,
  i: {
    unit: Unit;
    frequency: Frequency;
    latest: {
      period: string;
      value: number;
      target: number | null;
      rag: 'green' | 'amber' | 'red' | 'none';
    } | null;
  },
  value: (v: number) => string = (v) => valueText(t, v, i.unit),
) {
  return {
    periodText: i.latest
      ? periodText(t, i.latest.period, i.frequency)
      : t('indicators:series.noValue'),
    valueText: i.latest ? value(i.latest.value) : t('indicators:series.noValue'),
    targetText:
      i.latest?.target != null
        ? valueText(t, i.latest.target, i.unit)
        : t('indicators:series.noTarget'),
    rag: ragTag(t, i.latest?.rag ?? 'none'),
  };
}

export function registerRegisterRoutes({ app, services, renderPage }: RouteDeps): void {
  const { indicatorsRegister: register, indicatorsValues: figures } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('indicators:list.title'), href: paths.list },
  ];

  app.get(paths.list, readers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const result = await register.list(request.principal, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('indicators:list.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map((i) => ({
        ...i,
        href: paths.indicator(i.id),
        ...latestCells(t, i),
      })),
      total: result.total,
      canManage: can(request.principal, 'indicators.manage'),
      paths,
      pagination: paginationFor(paths.list, {}, page.page, page.limit, result.total),
    });
  });

  /** The definition form, new or changed. */
  const form = (
    heading: (request: FastifyRequest) => { title: string; action: string; back: string },
  ) =>
    formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const t = request.t;
      const page = heading(request);
      const owners = await register.owners();
      const radios = (list: readonly string[], name: string, group: string) =>
        list.map((v) => ({
          value: v,
          text: t(`indicators:${group}.${v}`),
          checked: v === values[name],
        }));
      return {
        title: page.title,
        breadcrumbs: crumbs(request),
        action: page.action,
        backHref: page.back,
        unitItems: radios(UNITS, 'unit', 'units'),
        polarityItems: radios(POLARITIES, 'polarity', 'polarities'),
        frequencyItems: radios(FREQUENCIES, 'frequency', 'frequencies'),
        breakdownItems: radios(BREAKDOWNS, 'breakdown', 'breakdowns'),
        publicItems: [
          {
            value: 'yes',
            text: t('indicators:form.publicYes'),
            checked: values.isPublic === 'yes',
          },
          { value: 'no', text: t('indicators:form.publicNo'), checked: values.isPublic !== 'yes' },
        ],
        measureItems: [
          { value: '', text: t('indicators:form.noMeasure') },
          ...register.measures().map((m) => ({
            value: m.key,
            text: t(m.nameKey),
            selected: m.key === values.measureKey,
          })),
        ],
        ownerItems: [
          { value: '', text: t('indicators:form.chooseOwner') },
          ...owners.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.ownerId })),
        ],
      };
    });

  registerFormPage(app, paths.add, keepers, {
    initial: () => ({ tolerance: '5', isPublic: 'no' }),
    show: form((request) => ({
      title: request.t('indicators:form.addTitle'),
      action: paths.add,
      back: paths.list,
    })),
    async submit(request, reply) {
      const row = await register.create(
        request.principal,
        request.body as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.indicator(row.id),
        request.t('indicators:form.added', { name: row.name }),
      );
    },
  });

  registerFormPage(app, paths.edit.pattern, keepers, {
    initial: (request) => register.values(request.principal, indicatorIdOf(request)),
    show: form((request) => ({
      title: request.t('indicators:form.changeTitle'),
      action: paths.edit(indicatorIdOf(request)),
      back: paths.indicator(indicatorIdOf(request)),
    })),
    submit: saveFor('indicatorId')(register.update, (id, row, request) => ({
      to: paths.indicator(id),
      message: request.t('indicators:form.changed', { name: row.name }),
    })),
  });

  app.get(paths.indicator.pattern, readers, async (request, reply) => {
    const t = request.t;
    const measureNameOf = (key: string | null) => {
      const measure = key ? register.measures().find((m) => m.key === key) : undefined;
      return measure ? t(measure.nameKey) : null;
    };
    const id = indicatorIdOf(request);
    const found = await register.indicator(
      request.principal,
      id,
      queryString(request.query, 'borough') ?? null,
    );
    const { indicator } = found;
    const boroughs = indicator.breakdown === 'borough' ? await register.boroughs() : [];
    const boroughName = boroughs.find((b) => b.id === found.boroughId)?.name;
    const where = boroughName ?? t('indicators:indicator.wholeArea');
    const { rows, points, format } = seriesRows(t, found.series, indicator, 'staff');
    return renderPage(request, reply, `${T}/indicator.njk`, {
      title: indicator.name,
      // Named apart from the public page of the same indicator (page titles are unique).
      section: t('indicators:list.title'),
      caption: t('indicators:indicator.caption'),
      breadcrumbs: crumbs(request),
      indicator,
      owner: found.owner,
      unitText: t(`indicators:units.${indicator.unit}`),
      polarityText: t(`indicators:polarities.${indicator.polarity}`),
      frequencyText: t(`indicators:frequencies.${indicator.frequency}`),
      breakdownText: t(`indicators:breakdowns.${indicator.breakdown}`),
      where,
      chart: lineChart(points, format),
      chartTitle: t('indicators:indicator.chartTitle', { name: indicator.name, where }),
      chartDesc: t('indicators:indicator.chartDesc', {
        from: rows[0]?.periodText ?? '',
        to: rows.at(-1)?.periodText ?? '',
      }),
      rows: [...rows].reverse(),
      boroughItems: [
        { value: '', text: t('indicators:indicator.wholeArea') },
        ...boroughs.map((b) => ({ value: b.id, text: b.name, selected: b.id === found.boroughId })),
      ],
      boroughPeriod: found.boroughPeriod
        ? periodText(t, found.boroughPeriod, indicator.frequency)
        : null,
      boroughRows: found.boroughs.map((b) => ({
        borough: b.borough,
        href: `${paths.indicator(indicator.id)}?borough=${b.boroughId}`,
        valueText: valueText(t, b.value, indicator.unit),
        targetText:
          b.target === null
            ? t('indicators:series.noTarget')
            : valueText(t, b.target, indicator.unit),
        rag: ragTag(t, b.rag),
      })),
      canManage: can(request.principal, 'indicators.manage'),
      measureName: measureNameOf(indicator.measureKey),
      refreshAction: paths.refresh(indicator.id),
      editHref: paths.edit(indicator.id),
      valueHref: paths.value(indicator.id),
      targetsHref: paths.targets(indicator.id),
      uploadHref: paths.upload(indicator.id),
      publicHref: indicator.isPublic ? paths.publicIndicator(indicator.id) : null,
      action: paths.indicator(indicator.id),
    });
  });

  /** Issue 27 part 1: an indicator Bridge counts, counted again (a button on its page). */
  app.post(paths.refresh.pattern, keepers, async (request, reply) => {
    const done = await figures.refreshFromBridge(
      request.principal,
      indicatorIdOf(request),
      {},
      request.id,
    );
    return redirectWithFlash(
      reply,
      paths.indicator(done.indicator.id),
      request.t('indicators:indicator.refreshed', { count: done.values }),
    );
  });
}
