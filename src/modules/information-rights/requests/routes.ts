/**
 * DP-02: the register of subject access requests, logging one, and a request's page where its
 * identity check, extension and answer are recorded and the archive sent is downloaded.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { personPickerItems } from '../../directory/index.js';
import { informationRightsPaths as paths } from '../paths.js';
import type { InformationRightsRouteDeps as RouteDeps } from '../route-deps.js';
import { MAX_EXTENSION_MONTHS, STATUSES, type Status } from '../rules.js';

const T = 'modules/information-rights/requests/views';
const staff = { config: { access: { action: 'subject-access.manage' as const } } };

const STATUS_TAG: Record<Status, string> = {
  open: 'govuk-tag--blue',
  dueSoon: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  answered: 'govuk-tag--green',
};

const crumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('information-rights:requests.title'), href: paths.requests },
];

export function registerSubjectAccessRoutes({ app, services, renderPage }: RouteDeps): void {
  const { subjectAccess, directory } = services;
  const statusOf = (request: FastifyRequest, s: Status) => ({
    text: request.t(`information-rights:status.${s}`),
    classes: STATUS_TAG[s],
  });

  app.get(paths.requests, staff, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const result = await subjectAccess.list(
      request.principal,
      { status: queryString(query, 'status') },
      page,
    );
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('information-rights:requests.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map((r) => ({
        ...r,
        href: paths.request(r.id),
        tag: statusOf(request, r.status),
      })),
      total: result.total,
      statusItems: [
        { value: '', text: request.t('information-rights:requests.anyStatus') },
        ...STATUSES.map((s) => ({
          value: s,
          text: request.t(`information-rights:status.${s}`),
          selected: s === result.status,
        })),
      ],
      paths,
      pagination: paginationFor(
        paths.requests,
        { status: result.status ?? undefined },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newRequest, staff, {
    show: formShow(renderPage, `${T}/new.njk`, async (request, values) => {
      const q = typeof values.q === 'string' ? values.q : queryString(request.query, 'q');
      const people = await personPickerItems(
        directory,
        request.principal,
        q,
        typeof values.personId === 'string' ? values.personId : undefined,
      );
      return {
        title: request.t('information-rights:requests.log'),
        breadcrumbs: crumbs(request),
        q,
        people,
        action: paths.newRequest,
        backHref: paths.requests,
      };
    }),
    async submit(request, reply) {
      const row = await subjectAccess.log(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.request(row.id),
        request.t('information-rights:requests.logged'),
      );
    },
  });

  /** The request's page, with its forms (each form's errors shown here). */
  const showRequest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { requestId } = request.params as { requestId: string };
    const found = await subjectAccess.get(request.principal, requestId);
    const r = found.request;
    return renderPage(
      request,
      reply,
      `${T}/request.njk`,
      {
        title: request.t('information-rights:request.title', { name: found.person }),
        breadcrumbs: crumbs(request),
        found,
        r,
        tag: statusOf(request, found.status),
        values,
        errors,
        monthItems: Array.from({ length: MAX_EXTENSION_MONTHS }, (_, i) => i + 1)
          .filter((m) => m > r.extensionMonths)
          .map((m) => ({
            value: String(m),
            text: request.t('information-rights:request.months', { count: m }),
            checked: values.months === String(m),
          })),
        paths: {
          identity: paths.identity(r.id),
          extend: paths.extend(r.id),
          answer: paths.answer(r.id),
          archive: paths.archive(r.id),
        },
      },
      status,
    );
  };

  app.get(paths.request.pattern, staff, (request, reply) => showRequest(request, reply, {}));

  const change = (
    url: string,
    act: (request: FastifyRequest, id: string, input: Record<string, string>) => Promise<unknown>,
    done: string,
  ) =>
    registerFormPage(app, url, staff, {
      shownElsewhere: true,
      show: showRequest,
      async submit(request, reply) {
        const { requestId } = request.params as { requestId: string };
        await act(request, requestId, (request.body ?? {}) as Record<string, string>);
        return redirectWithFlash(reply, paths.request(requestId), request.t(done));
      },
    });

  change(
    paths.identity.pattern,
    (request, id, input) => subjectAccess.checkIdentity(request.principal, id, input, request.id),
    'information-rights:request.identityChecked',
  );
  change(
    paths.extend.pattern,
    (request, id, input) => subjectAccess.extend(request.principal, id, input, request.id),
    'information-rights:request.extended',
  );
  change(
    paths.answer.pattern,
    (request, id, input) => subjectAccess.answer(request.principal, id, input, request.id),
    'information-rights:request.answered',
  );

  app.get(paths.archive.pattern, staff, async (request, reply) => {
    const { requestId } = request.params as { requestId: string };
    const bytes = await subjectAccess.archive(request.principal, requestId, request.id);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', 'attachment; filename="subject-access.zip"')
      .header('cache-control', 'no-store')
      .send(bytes);
  });
}
