/**
 * The partnerships register's staff pages (CDRP-01, CDRP-10, CDRP-15): the register with its
 * stale and current filters, an entry's page with its confirm button, adding an entry, changing
 * its officers, recording its information-sharing protocol and adding a year's record.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormShow,
} from '../../../platform/http/render.js';
import { partnershipPaths as paths } from '../paths.js';
import {
  complianceItems,
  complianceLabel,
  kindItems,
  officerWithRank,
  rankItems,
  recordsByYear,
} from '../presenter.js';
import type { PartnershipsRouteDeps as RouteDeps } from '../route-deps.js';
import type { StaleFilter } from './service.js';

const T = 'modules/partnerships/register/views';
const viewers = { config: { access: { action: 'partnerships.view' as const } } };
const managers = { config: { access: { action: 'partnerships.manage' as const } } };
const keepers = { config: { access: { action: 'partnerships.keep' as const } } };
const idOf = (request: FastifyRequest) =>
  (request.params as { partnershipId: string }).partnershipId;
const saveForEntry = saveFor('partnershipId');
const statusOf = (value: string | undefined): StaleFilter =>
  value === 'stale' || value === 'current' ? value : undefined;

export function registerRegisterRoutes({ app, services, renderPage }: RouteDeps): void {
  const { partnershipRegister: register } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('partnerships:register.title'), href: paths.register },
  ];

  app.get(paths.register, viewers, async (request, reply) => {
    const t = request.t;
    const status = statusOf(queryString(request.query, 'status'));
    const page = pageRequest(queryString(request.query, 'page'));
    const result = await register.list(request.principal, { status, ...page });
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('partnerships:register.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      staleMonths: register.staleMonths,
      filters: [
        { text: t('partnerships:register.filter.all'), href: paths.register, current: !status },
        ...(['stale', 'current'] as const).map((s) => ({
          text: t(`partnerships:register.filter.${s}`),
          href: `${paths.register}?status=${s}`,
          current: status === s,
        })),
      ],
      rows: result.items.map((r) => ({
        ...r,
        href: paths.entry(r.id),
        officer: officerWithRank(t, r.officer, r.officerRank),
        deputy: officerWithRank(t, r.deputy, r.deputyRank),
        compliance: complianceLabel(t, r.protocolCompliance),
      })),
      total: result.total,
      addHref: result.mayAdd ? paths.add : null,
      pagination: paginationFor(paths.register, { status }, page.page, page.limit, result.total),
    });
  });

  registerFormPage(app, paths.add, managers, {
    show: formShow(renderPage, `${T}/officers.njk`, async (request, values) => {
      const boroughs = await register.boroughChoices(request.principal);
      return {
        title: request.t('partnerships:register.add.title'),
        breadcrumbs: crumbs(request),
        boroughItems: [
          { value: '', text: request.t('partnerships:register.chooseBorough') },
          ...boroughs.map((b) => ({
            value: b.id,
            text: b.name,
            selected: b.id === values.boroughId,
          })),
        ],
        officerRanks: rankItems(request.t, values.officerRank),
        deputyRanks: rankItems(request.t, values.deputyRank),
        action: paths.add,
        button: request.t('partnerships:register.add.button'),
      };
    }),
    async submit(request, reply) {
      const entry = await register.add(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.entry(entry.id),
        request.t('partnerships:register.add.done', { name: entry.name }),
      );
    },
  });

  /** An entry's page: shown by its address, and again by a refused confirmation. */
  const showEntry: FormShow = async (request, reply, values, errors, status = 200) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const detail = await register.get(request.principal, idOf(request), page);
    const { entry } = detail;
    return renderPage(
      request,
      reply,
      `${T}/entry.njk`,
      {
        title: entry.name,
        // Told apart from the public page of the same partnership in the browser's title.
        section: request.t('partnerships:register.title'),
        caption: detail.borough,
        breadcrumbs: crumbs(request),
        ...detail,
        staleMonths: register.staleMonths,
        officer: officerWithRank(t, detail.officer?.fullName, entry.officerRank),
        officerEmail: detail.officer?.email ?? null,
        deputy: officerWithRank(t, detail.deputy?.fullName, entry.deputyRank),
        deputyEmail: detail.deputy?.email ?? null,
        confirmedSaid: {
          key: detail.confirmedByName
            ? 'partnerships:register.confirmedBy'
            : 'partnerships:register.confirmedOn',
          values: {
            at: { dateTime: entry.confirmedAt },
            ...(detail.confirmedByName && { by: detail.confirmedByName }),
          },
        },
        compliance: complianceLabel(t, entry.protocolCompliance),
        years: recordsByYear(t, detail.records),
        editHref: paths.edit(entry.id),
        confirmAction: paths.confirm(entry.id),
        protocolHref: paths.protocol(entry.id),
        newRecordHref: paths.newRecord(entry.id),
        publicHref: paths.publicEntry(entry.id),
        pagination: paginationFor(
          paths.entry(entry.id),
          {},
          page.page,
          page.limit,
          detail.recordsTotal,
        ),
        // The entry as it is now: a refused (stale) confirmation is tried again with its version.
        values: { ...values, version: String(entry.version) },
        errors,
      },
      status,
    );
  };
  app.get(paths.entry.pattern, viewers, (request, reply) => showEntry(request, reply, {}));

  registerFormPage(app, paths.confirm.pattern, keepers, {
    shownElsewhere: true,
    show: showEntry,
    submit: saveForEntry(register.confirm, (id, entry, request) => ({
      to: paths.entry(id),
      message: request.t('partnerships:register.confirm.done', { name: entry.name }),
    })),
  });

  const entryCrumbs = async (request: FastifyRequest) => {
    const { entry } = await register.get(request.principal, idOf(request), { limit: 1, offset: 0 });
    return [...crumbs(request), { text: entry.name, href: paths.entry(entry.id) }];
  };

  registerFormPage(app, paths.edit.pattern, keepers, {
    initial: (request) => register.editValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/officers.njk`, async (request, values) => ({
      title: request.t('partnerships:register.edit.title'),
      breadcrumbs: await entryCrumbs(request),
      officerRanks: rankItems(request.t, values.officerRank),
      deputyRanks: rankItems(request.t, values.deputyRank),
      action: paths.edit(idOf(request)),
      button: request.t('partnerships:register.edit.button'),
    })),
    submit: saveForEntry(register.update, (id, entry, request) => ({
      to: paths.entry(id),
      message: request.t('partnerships:register.edit.done', { name: entry.name }),
    })),
  });

  registerFormPage(app, paths.protocol.pattern, keepers, {
    initial: (request) => register.protocolValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/protocol.njk`, async (request, values) => ({
      title: request.t('partnerships:protocol.title'),
      breadcrumbs: await entryCrumbs(request),
      complianceItems: complianceItems(request.t, values.compliance),
      action: paths.protocol(idOf(request)),
    })),
    submit: saveForEntry(register.recordProtocol, (id, entry, request) => ({
      to: paths.entry(id),
      message: request.t('partnerships:protocol.done', { name: entry.name }),
    })),
  });

  registerFormPage(app, paths.newRecord.pattern, keepers, {
    initial: (request) => register.recordValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/record.njk`, async (request, values) => ({
      title: request.t('partnerships:records.add.title'),
      breadcrumbs: await entryCrumbs(request),
      kindItems: kindItems(request.t, values.kind),
      action: paths.newRecord(idOf(request)),
    })),
    submit: saveForEntry(register.addRecord, (id, saved, request) => ({
      to: `${paths.entry(id)}#records`,
      message: request.t('partnerships:records.add.done', { title: saved.record.title }),
    })),
  });
}
