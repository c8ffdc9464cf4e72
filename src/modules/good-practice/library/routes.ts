/**
 * CDRP-08: the library's staff pages: the list (searched, filtered), an entry, its forms, and
 * marking it public or withdrawing it. The entry form finds its contact person in the directory
 * without losing what was typed: its Find button posts the form back to itself, unsaved.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  field,
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormValues,
} from '../../../platform/http/render.js';
import { isUuid } from '../../../platform/http/params.js';
import { personPickerItems } from '../../directory/index.js';
import { goodPracticePaths as paths } from '../paths.js';
import { boroughText, filterItems, publicationText, themeName } from '../presenter.js';
import type { GoodPracticeRouteDeps as RouteDeps } from '../route-deps.js';
import { SOURCE_KINDS, THEMES } from '../rules.js';
import { keeperOf, keepsEntry } from './service.js';

const T = 'modules/good-practice/library/views';
const readers = { config: { access: { action: 'good-practice.view' as const } } };
const keepers = { config: { access: { action: 'good-practice.manage' as const } } };
const publishers = { config: { access: { action: 'good-practice.publish' as const } } };

const entryIdOf = (request: FastifyRequest) => (request.params as { entryId: string }).entryId;
const saveForEntry = saveFor('entryId');
/** What another module's link may prefill on a new entry (LEG-06: a grant's good practice). */
const PREFILLED = [
  'title',
  'theme',
  'boroughId',
  'sourceKind',
  'sourceId',
  'sourceReference',
  'sourceLink',
] as const;

export function registerLibraryRoutes({ app, services, renderPage }: RouteDeps): void {
  const { goodPracticeLibrary: library, directory } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('good-practice:list.title'), href: paths.library },
  ];
  const str = (values: FormValues, name: string) =>
    typeof values[name] === 'string' ? values[name] : '';

  app.get(paths.library, readers, async (request, reply) => {
    const t = request.t;
    const page = pageRequest(queryString(request.query, 'page'));
    const query = {
      q: queryString(request.query, 'q'),
      theme: queryString(request.query, 'theme'),
      borough: queryString(request.query, 'borough'),
    };
    const [result, boroughs] = await Promise.all([
      library.list(request.principal, query, page),
      library.boroughs(),
    ]);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: t('good-practice:list.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      q: query.q ?? '',
      ...filterItems(t, boroughs, result),
      rows: result.items.map((e) => ({
        ...e,
        href: paths.entry(e.id),
        themeName: themeName(t, e.theme),
        borough: boroughText(t, e.borough),
        isPublic: e.publishedAt !== null,
      })),
      total: result.total,
      filtered: Boolean(result.q || result.theme || result.borough),
      canManage: can(request.principal, 'good-practice.manage'),
      action: paths.library,
      paths,
      pagination: paginationFor(
        paths.library,
        { q: result.q, theme: result.theme, borough: result.borough },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  /** The entry form, new or changed: its choices, and the contact people found. */
  const form = (
    title: (request: FastifyRequest) => Promise<{ title: string; action: string; back: string }>,
  ) =>
    formShow(renderPage, `${T}/form.njk`, async (request, values) => {
      const t = request.t;
      const page = await title(request);
      const contactSearch = str(values, 'contactSearch').trim();
      const contactId = str(values, 'contactId');
      const [boroughs, found, chosenName] = await Promise.all([
        library.boroughs(request.principal),
        personPickerItems(directory, request.principal, contactSearch || undefined, contactId),
        library.personName(contactId || undefined),
      ]);
      const everyBorough =
        request.principal?.kind === 'user' && keeperOf(request.principal).everyBorough;
      const chosenShown = found.some((p) => p.value === contactId);
      const sourceKind = SOURCE_KINDS.find((k) => k === values.sourceKind);
      return {
        title: page.title,
        breadcrumbs: crumbs(request),
        action: page.action,
        backHref: page.back,
        themeItems: THEMES.map((th) => ({
          value: th,
          text: themeName(t, th),
          checked: th === values.theme,
        })),
        boroughItems: [
          everyBorough
            ? { value: '', text: t('good-practice:entry.areaWide') }
            : { value: '', text: t('good-practice:form.chooseBorough') },
          ...boroughs.map((b) => ({
            value: b.id,
            text: b.name,
            selected: b.id === values.boroughId,
          })),
        ],
        // A source another module sent is kept as it came; otherwise it is chosen here.
        sourceFixed: Boolean(sourceKind) && isUuid(str(values, 'sourceId')),
        sourceKindName: sourceKind ? t(`good-practice:sources.${sourceKind}`) : '',
        sourceItems: [
          { value: '', text: t('good-practice:form.noSource') },
          ...SOURCE_KINDS.map((k) => ({
            value: k,
            text: t(`good-practice:sources.${k}`),
            selected: k === values.sourceKind,
          })),
        ],
        contactSearch,
        contactItems: [
          ...(contactId && chosenName && !chosenShown
            ? [{ value: contactId, text: chosenName, checked: true }]
            : []),
          ...found,
          ...(found.length || contactId ? [{ divider: t('good-practice:form.or') }] : []),
          { value: '', text: t('good-practice:form.noContact'), checked: !contactId },
        ],
        contactNoMatch: Boolean(contactSearch) && !found.length,
      };
    });

  /** The form's Find button: the form again with the people found, nothing saved. */
  const finding = (request: FastifyRequest) => field(request.body, 'find') === 'contact';

  const showNew = form(async (request) => ({
    title: request.t('good-practice:form.addTitle'),
    action: paths.add,
    back: paths.library,
  }));
  registerFormPage(app, paths.add, keepers, {
    initial: (request) =>
      Object.fromEntries(
        PREFILLED.map((name) => [name, queryString(request.query, name)]).filter(([, v]) => v),
      ),
    show: showNew,
    async submit(request, reply) {
      if (finding(request)) return showNew(request, reply, request.body as FormValues);
      const entry = await library.create(request.principal, request.body as FormValues, request.id);
      return redirectWithFlash(
        reply,
        paths.entry(entry.id),
        request.t('good-practice:form.added', { title: entry.title }),
      );
    },
  });

  const showEdit = form(async (request) => {
    const id = entryIdOf(request);
    return {
      title: request.t('good-practice:form.changeTitle'),
      action: paths.edit(id),
      back: paths.entry(id),
    };
  });
  const saveEdit = saveForEntry(library.update, (id, entry, request) => ({
    to: paths.entry(id),
    message: request.t('good-practice:form.changed', { title: entry.title }),
  }));
  registerFormPage(app, paths.edit.pattern, keepers, {
    initial: (request) => library.values(request.principal, entryIdOf(request)),
    show: showEdit,
    async submit(request, reply) {
      if (!finding(request)) return saveEdit(request, reply);
      // Only one who keeps the entry is shown its form again.
      await library.values(request.principal, entryIdOf(request));
      return showEdit(request, reply, request.body as FormValues);
    },
  });

  /** An entry's page, with marking it public or withdrawing it for those who may. */
  const showEntry = formShow(renderPage, `${T}/entry.njk`, async (request) => {
    const t = request.t;
    const { entry, borough, contact, recordedBy } = await library.entry(
      request.principal,
      entryIdOf(request),
    );
    return {
      title: entry.title,
      // Named apart from the public page of the same entry (page titles are unique).
      section: t('good-practice:list.title'),
      caption: t('good-practice:entry.caption'),
      breadcrumbs: crumbs(request),
      entry,
      themeName: themeName(t, entry.theme),
      borough: boroughText(t, borough),
      contact,
      recordedBy,
      sourceKindName: entry.sourceKind ? t(`good-practice:sources.${entry.sourceKind}`) : null,
      publication: publicationText(t, entry),
      canEdit: keepsEntry(request.principal, entry.boroughId),
      canPublish: can(request.principal, 'good-practice.publish'),
      editHref: paths.edit(entry.id),
      publishAction: paths.publish(entry.id),
      withdrawAction: paths.withdraw(entry.id),
      publicHref: entry.publishedAt ? paths.publicEntry(entry.id) : null,
    };
  });
  app.get(paths.entry.pattern, readers, (request, reply: FastifyReply) =>
    showEntry(request, reply, {}),
  );

  registerFormPage(app, paths.publish.pattern, publishers, {
    shownElsewhere: true,
    show: showEntry,
    submit: saveForEntry(library.publish, (id, entry, request) => ({
      to: paths.entry(id),
      message: request.t('good-practice:entry.published', { title: entry.title }),
    })),
  });
  registerFormPage(app, paths.withdraw.pattern, publishers, {
    shownElsewhere: true,
    show: showEntry,
    submit: saveForEntry(library.withdraw, (id, entry, request) => ({
      to: paths.entry(id),
      message: request.t('good-practice:entry.withdrawn', { title: entry.title }),
    })),
  });
}
