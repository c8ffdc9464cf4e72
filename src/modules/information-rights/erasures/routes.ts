/**
 * Issue 28 part 5: the register of requests to erase or correct, logging one, and a request's
 * page: its whole history, and the forms that extend, decide and carry it out.
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
import {
  DECISIONS,
  ERASURE_KINDS,
  ERASURE_STATUSES,
  MAX_EXTENSION_MONTHS,
  type ErasureStatus,
} from '../rules.js';

const T = 'modules/information-rights/erasures/views';
const staff = { config: { access: { action: 'subject-access.manage' as const } } };

const STATUS_TAG: Record<ErasureStatus, string> = {
  open: 'govuk-tag--blue',
  dueSoon: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  closed: 'govuk-tag--green',
};

const crumbs = (request: FastifyRequest) => [
  { text: request.t('nav.home'), href: '/' },
  { text: request.t('information-rights:erasures.title'), href: paths.erasures },
];

export function registerErasureRoutes({ app, services, renderPage }: RouteDeps): void {
  const { erasureRequests, directory } = services;
  const statusOf = (request: FastifyRequest, s: ErasureStatus) => ({
    text: request.t(`information-rights:erasureStatus.${s}`),
    classes: STATUS_TAG[s],
  });

  app.get(paths.erasures, staff, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const result = await erasureRequests.list(
      request.principal,
      { status: queryString(query, 'status') },
      page,
    );
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('information-rights:erasures.title'),
      breadcrumbs: crumbs(request).slice(0, 1),
      rows: result.items.map((r) => ({
        ...r,
        href: paths.erasure(r.id),
        kindText: request.t(`information-rights:kind.${r.kind}`),
        decisionText: r.decision
          ? request.t(`information-rights:decision.${r.decision}`)
          : request.t('information-rights:erasure.notDecided'),
        tag: statusOf(request, r.status),
      })),
      total: result.total,
      statusItems: [
        { value: '', text: request.t('information-rights:requests.anyStatus') },
        ...ERASURE_STATUSES.map((s) => ({
          value: s,
          text: request.t(`information-rights:erasureStatus.${s}`),
          selected: s === result.status,
        })),
      ],
      paths,
      pagination: paginationFor(
        paths.erasures,
        { status: result.status ?? undefined },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newErasure, staff, {
    show: formShow(renderPage, `${T}/new.njk`, async (request, values) => {
      const q = typeof values.q === 'string' ? values.q : queryString(request.query, 'q');
      const people = await personPickerItems(
        directory,
        request.principal,
        q,
        typeof values.personId === 'string' ? values.personId : undefined,
      );
      return {
        title: request.t('information-rights:erasures.log'),
        breadcrumbs: crumbs(request),
        q,
        people,
        kindItems: ERASURE_KINDS.map((k) => ({
          value: k,
          text: request.t(`information-rights:kind.${k}`),
          hint: { text: request.t(`information-rights:erasures.kindHint.${k}`) },
          checked: values.kind === k,
        })),
        action: paths.newErasure,
        backHref: paths.erasures,
      };
    }),
    async submit(request, reply) {
      const row = await erasureRequests.log(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.erasure(row.id),
        request.t('information-rights:requests.logged'),
      );
    },
  });

  /** The module's name as a person reads it (the archive's heading for it). */
  const moduleName = (request: FastifyRequest, module: string) => {
    if (module === 'accounts') return request.t('information-rights:erasure.accounts');
    const key = `personData.modules.${module}`;
    const name = request.t(key);
    return name === key ? module : name;
  };

  /** The request's page, with its forms (each form's errors shown here). */
  const showRequest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { requestId } = request.params as { requestId: string };
    const found = await erasureRequests.get(request.principal, requestId);
    const r = found.request;
    const agreed = r.decision === 'agreed' || r.decision === 'agreed_in_part';
    return renderPage(
      request,
      reply,
      `${T}/request.njk`,
      {
        title: request.t(`information-rights:erasure.title.${r.kind}`, { name: found.person }),
        breadcrumbs: crumbs(request),
        found,
        r,
        tag: statusOf(request, found.status),
        kindText: request.t(`information-rights:kind.${r.kind}`),
        decisionText: r.decision ? request.t(`information-rights:decision.${r.decision}`) : null,
        // The kinds where something was done: a kind with none held says nothing.
        erasedRows: (r.erasedCounts ?? []).flatMap((m) =>
          m.parts
            .filter((p) => p.records > 0)
            .map((p) => [
              { text: moduleName(request, m.module) },
              { text: p.kind },
              { text: String(p.records), format: 'numeric' },
              { text: request.t(`information-rights:erasure.how.${p.how}`) },
            ]),
        ),
        erasedTotal: (r.erasedCounts ?? []).reduce(
          (n, m) => n + m.parts.reduce((k, p) => k + p.records, 0),
          0,
        ),
        values,
        errors,
        canExtend: !r.closedAt,
        canDecide: !r.decision && !r.closedAt,
        canCarryOut: r.kind === 'erase' && agreed && !r.carriedOutAt,
        canCorrect: r.kind === 'correct' && agreed && !r.closedAt,
        showArchive: r.kind === 'correct',
        decisionItems: DECISIONS.map((d) => ({
          value: d,
          text: request.t(`information-rights:decision.${d}`),
          checked: values.decision === d,
        })),
        monthItems: Array.from({ length: MAX_EXTENSION_MONTHS }, (_, i) => i + 1)
          .filter((m) => m > r.extensionMonths)
          .map((m) => ({
            value: String(m),
            text: request.t('information-rights:request.months', { count: m }),
            checked: values.months === String(m),
          })),
        paths: {
          extend: paths.erasureExtend(r.id),
          decide: paths.erasureDecide(r.id),
          carryOut: paths.erasureCarryOut(r.id),
          corrected: paths.erasureCorrected(r.id),
          archive: paths.erasureArchive(r.id),
        },
      },
      status,
    );
  };

  app.get(paths.erasure.pattern, staff, (request, reply) => showRequest(request, reply, {}));

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
        return redirectWithFlash(reply, paths.erasure(requestId), request.t(done));
      },
    });

  change(
    paths.erasureExtend.pattern,
    (request, id, input) => erasureRequests.extend(request.principal, id, input, request.id),
    'information-rights:request.extended',
  );
  change(
    paths.erasureDecide.pattern,
    (request, id, input) => erasureRequests.decide(request.principal, id, input, request.id),
    'information-rights:erasure.decided',
  );
  change(
    paths.erasureCarryOut.pattern,
    (request, id, input) => erasureRequests.carryOut(request.principal, id, input, request.id),
    'information-rights:erasure.carriedOut',
  );
  change(
    paths.erasureCorrected.pattern,
    (request, id, input) =>
      erasureRequests.recordCorrection(request.principal, id, input, request.id),
    'information-rights:erasure.corrected',
  );

  app.get(paths.erasureArchive.pattern, staff, async (request, reply) => {
    const { requestId } = request.params as { requestId: string };
    const bytes = await erasureRequests.archive(request.principal, requestId, request.id);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', 'attachment; filename="what-bridge-holds.zip"')
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes));
  });
}
