import type { RouteDeps } from '../modules.js';
import { addCalendarDays, parseIsoDate, startOfLondonDay } from '../calendar/index.js';
import { pageRequest } from '../db/search.js';
import { NotFoundError, type FieldError } from '../errors.js';
import { paginationFor, queryString } from '../http/pagination.js';
import { isUuid } from '../http/params.js';
import { authPaths } from '../auth/paths.js';
import { auditPaths } from './paths.js';
import { AUDIT_COUNT_LIMIT, findAuditEvent, listAuditEvents } from './service.js';

const view = { config: { access: { action: 'audit.view' as const } } };

export function registerAuditRoutes({ app, services, renderPage }: RouteDeps): void {
  app.get(auditPaths.trail, view, async (request, reply) => {
    const q = {
      person: queryString(request.query, 'person'),
      recordType: queryString(request.query, 'recordType'),
      recordId: queryString(request.query, 'recordId'),
      from: queryString(request.query, 'from'),
      to: queryString(request.query, 'to'),
    };
    const errors: FieldError[] = [];
    let actorUserId: string | undefined;
    if (q.person) {
      actorUserId = await services.users.idForEmail(q.person);
      if (!actorUserId)
        errors.push({ field: 'person', message: request.t('admin.audit.errors.person') });
    }
    const from = q.from ? parseIsoDate(q.from) : null;
    const to = q.to ? parseIsoDate(q.to) : null;
    if (q.from && !from)
      errors.push({ field: 'from', message: request.t('admin.audit.errors.from') });
    if (q.to && !to) errors.push({ field: 'to', message: request.t('admin.audit.errors.to') });
    if (from && to && to < from)
      errors.push({ field: 'to', message: request.t('admin.audit.errors.toBeforeFrom') });
    const page = pageRequest((request.query as Record<string, unknown>).page, 50);
    const result = errors.length
      ? { items: [], total: 0, more: false }
      : await listAuditEvents(
          services.db,
          {
            actorUserId,
            recordType: q.recordType,
            recordId: q.recordId,
            from: from ? startOfLondonDay(from) : undefined,
            to: to ? startOfLondonDay(addCalendarDays(to, 1)) : undefined,
          },
          { limit: page.limit, offset: page.offset },
        );
    return renderPage(
      request,
      reply,
      'platform/views/admin/audit.njk',
      {
        title: request.t('admin.audit.title'),
        width: 'full',
        breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
        errors,
        values: q,
        result: {
          ...result,
          items: result.items.map((e) => ({ ...e, href: auditPaths.event(String(e.seq)) })),
        },
        pagination: paginationFor(auditPaths.trail, q, page.page, page.limit, result.total, {
          more: result.more,
        }),
        countLimit: AUDIT_COUNT_LIMIT.toLocaleString('en-GB'),
      },
      errors.length ? 400 : 200,
    );
  });

  app.get(auditPaths.event.pattern, view, async (request, reply) => {
    const { seq } = request.params as { seq: string };
    if (!/^\d{1,15}$/.test(seq)) throw new NotFoundError();
    const event = await findAuditEvent(services.db, Number(seq));
    if (!event) throw new NotFoundError();
    return renderPage(request, reply, 'platform/views/admin/audit-event.njk', {
      title: request.t('admin.audit.eventTitle', { seq: event.seq }),
      breadcrumbs: [
        { text: request.t('nav.home'), href: '/' },
        { text: request.t('nav.audit'), href: auditPaths.trail },
      ],
      event,
      before: event.before === null ? null : JSON.stringify(event.before, null, 2),
      after: event.after === null ? null : JSON.stringify(event.after, null, 2),
      redactedByHref: event.redactedBy === null ? null : auditPaths.event(String(event.redactedBy)),
      recordLink:
        event.recordType === 'user' && isUuid(event.recordId)
          ? authPaths.user(event.recordId)
          : null,
    });
  });
}
