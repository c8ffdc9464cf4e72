/**
 * The consultee database's pages (CON-03): the list, adding and changing a consultee, its
 * channels and consent, and adding the advisory groups and the engagement groups. Personal data:
 * authority officers (consultation.manage) alone. The pages of a consultation's consultees
 * (CON-07) and the public unsubscribe page are in choice-routes.ts.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { registerChoiceRoutes } from './choice-routes.js';
import { listCrumbs, officers } from './crumbs.js';
import { consulteePaths as paths } from './paths.js';
import {
  categoryItems,
  channelRows,
  consentWords,
  kindItems,
  methodItems,
  withChoice,
} from './presenter.js';

const T = 'modules/consultation/consultees/views';
const idOf = (request: FastifyRequest) => (request.params as { consulteeId: string }).consulteeId;
const saveForConsultee = saveFor('consulteeId');

export function registerConsulteeRoutes(deps: RouteDeps): void {
  const { app, services, renderPage } = deps;
  const { consultees, consulteeChoice } = services;
  const crumbsTo = async (request: FastifyRequest) => {
    const { consultee } = await consultees.get(request.principal, idOf(request));
    return {
      consultee,
      breadcrumbs: [
        ...listCrumbs(request),
        { text: consultee.name, href: paths.consultee(consultee.id) },
      ],
    };
  };

  app.get(paths.list, officers, async (request, reply) => {
    const t = request.t;
    const q = queryString(request.query, 'q');
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const result = await consultees.list(request.principal, {
      q,
      category: queryString(request.query, 'category'),
      borough: queryString(request.query, 'borough'),
      limit: page.limit,
      offset: page.offset,
    });
    const filters = {
      q,
      category: result.category ?? undefined,
      borough: result.borough ?? undefined,
    };
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('consultation:consultees.list.title'),
      width: 'full',
      breadcrumbs: listCrumbs(request).slice(0, 1),
      q,
      categoryItems: [
        { value: '', text: t('consultation:consultees.list.allCategories') },
        ...categoryItems(t, result.category ?? ''),
      ],
      boroughItems: [
        { value: '', text: t('consultation:consultees.list.allBoroughs') },
        ...result.boroughs.map((b) => ({
          value: b.id,
          text: b.name,
          selected: b.id === result.borough,
        })),
      ],
      rows: result.items.map((c) => ({
        ...c,
        href: paths.consultee(c.id),
        categoryText: t(`consultation:consultees.categories.${c.category}`),
        consent: consentWords(t, c),
      })),
      total: result.total,
      filtered: Boolean(q || result.category || result.borough),
      addHref: paths.add,
      addGroupsAction: paths.addAdvisoryGroups,
      addEngagementGroupsAction: paths.addEngagementGroups,
      searchAction: paths.list,
      pagination: paginationFor(paths.list, filters, page.page, page.limit, result.total),
    });
  });

  const formPage = (titleKey: string, edit: boolean) =>
    formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const t = request.t;
      const options = await consultees.formOptions(request.principal);
      const crumbs = edit ? (await crumbsTo(request)).breadcrumbs : listCrumbs(request);
      const chosen = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
      return {
        title: t(titleKey),
        breadcrumbs: crumbs,
        kindItems: kindItems(t, chosen('kind')),
        categoryItems: [
          { value: '', text: t('consultation:consultees.form.chooseCategory') },
          ...categoryItems(t, chosen('category')),
        ],
        parentItems: [
          { value: '', text: t('consultation:consultees.form.noParent') },
          ...options.umbrellas
            .filter((u) => !edit || u.id !== idOf(request))
            .map((u) => ({ value: u.id, text: u.name, selected: u.id === chosen('parentId') })),
        ],
        boroughItems: [
          { value: '', text: t('consultation:consultees.form.noBorough') },
          ...options.boroughs.map((b) => ({
            value: b.id,
            text: b.name,
            selected: b.id === chosen('boroughId'),
          })),
        ],
        action: edit ? paths.edit(idOf(request)) : paths.add,
        button: t(edit ? 'consultation:consultees.form.save' : 'consultation:consultees.form.add'),
      };
    });

  registerFormPage(app, paths.add, officers, {
    show: formPage('consultation:consultees.form.addTitle', false),
    async submit(request, reply) {
      const consultee = await consultees.create(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.consultee(consultee.id),
        request.t('consultation:consultees.added', { name: consultee.name }),
      );
    },
  });

  app.post(paths.addAdvisoryGroups, officers, async (request, reply) => {
    const added = await consultees.addAdvisoryGroups(request.principal, request.id);
    return redirectWithFlash(
      reply,
      `${paths.list}?category=advisory_group`,
      request.t('consultation:consultees.groupsAdded', { count: added }),
    );
  });

  app.post(paths.addEngagementGroups, officers, async (request, reply) => {
    const added = await consultees.addEngagementGroups(request.principal, request.id);
    return redirectWithFlash(
      reply,
      `${paths.list}?category=engagement_group`,
      request.t('consultation:consultees.engagementGroupsAdded', { count: added }),
    );
  });

  app.get(paths.consultee.pattern, officers, async (request, reply) => {
    const t = request.t;
    const detail = await consultees.get(request.principal, idOf(request));
    const chosenFor = await consulteeChoice.consultationsOf(request.principal, idOf(request));
    const c = detail.consultee;
    return renderPage(request, reply, `${T}/consultee.njk`, {
      // The page's title says it is a consultee (an organisation's directory page has its name).
      title: t('consultation:consultees.pageTitle', { name: c.name }),
      breadcrumbs: listCrumbs(request),
      ...detail,
      kindText: t(`consultation:consultees.kind.${c.kind}`),
      categoryText: t(`consultation:consultees.categories.${c.category}`),
      consent: consentWords(t, c),
      channels: channelRows(t, detail.channels),
      parentHref: detail.parent ? paths.consultee(detail.parent.id) : null,
      members: detail.members.map((m) => ({
        ...m,
        href: paths.consultee(m.id),
        categoryText: t(`consultation:consultees.categories.${m.category}`),
      })),
      chosenFor: chosenFor.map(withChoice),
      editHref: paths.edit(c.id),
      channelsHref: paths.channels(c.id),
      consentHref: paths.consent(c.id),
      addMemberHref: paths.add,
    });
  });

  registerFormPage(app, paths.edit.pattern, officers, {
    initial: (request) => consultees.editValues(request.principal, idOf(request)),
    show: formPage('consultation:consultees.form.editTitle', true),
    submit: saveForConsultee(consultees.update, (id, consultee, request) => ({
      to: paths.consultee(id),
      message: request.t('consultation:consultees.changed', { name: consultee.name }),
    })),
  });

  registerFormPage(app, paths.channels.pattern, officers, {
    initial: (request) => consultees.channelValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/channels.njk`, async (request, values) => {
      const { consultee, breadcrumbs } = await crumbsTo(request);
      const t = request.t;
      return {
        title: t('consultation:consultees.channels.title'),
        caption: consultee.name,
        breadcrumbs,
        preferredItems: channelRows(t, []).map((row) => ({
          value: row.kind,
          text: row.label,
          checked: values.preferred === row.kind,
        })),
        action: paths.channels(consultee.id),
      };
    }),
    submit: saveForConsultee(consultees.saveChannels, (id, consultee, request) => ({
      to: paths.consultee(id),
      message: request.t('consultation:consultees.channels.saved', { name: consultee.name }),
    })),
  });

  registerFormPage(app, paths.consent.pattern, officers, {
    initial: (request) => consultees.consentValues(request.principal, idOf(request)),
    show: formShow(renderPage, `${T}/consent.njk`, async (request, values) => {
      const { consultee, breadcrumbs } = await crumbsTo(request);
      const t = request.t;
      return {
        title: t('consultation:consultees.consent.title'),
        caption: consultee.name,
        breadcrumbs,
        consent: consentWords(t, consultee),
        canWithdraw: consultee.consentGivenOn !== null && consultee.consentWithdrawnAt === null,
        methodItems: methodItems(t, typeof values.method === 'string' ? values.method : ''),
        action: paths.consent(consultee.id),
      };
    }),
    submit: saveForConsultee(consultees.saveConsent, (id, consultee, request) => ({
      to: paths.consultee(id),
      message: request.t(
        consultee.consentWithdrawnAt
          ? 'consultation:consultees.consent.withdrawnSaved'
          : 'consultation:consultees.consent.saved',
        { name: consultee.name },
      ),
    })),
  });

  registerChoiceRoutes(deps);
}
