/**
 * Staff pages of a consultation's responses: the counts, the bursts from one address, every
 * response a page at a time, the day their personal data goes (DP-03), and setting a burst or
 * one response aside with a reason, or restoring it (consultation.manage; the links shown only
 * to those who may follow them).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import type { FieldError } from '../../../platform/errors.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import { BURST, burstKey } from '../response-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { respondingPaths as paths } from './paths.js';
import { T } from './public-routes.js';

const viewers = { config: { access: { action: 'consultation.view' as const } } };
const managers = { config: { access: { action: 'consultation.manage' as const } } };
type Params = { consultationId: string; responseId: string; burst: string };
const params = (request: FastifyRequest) => request.params as Params;

export function registerResponsesRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationResponses: staff } = services;
  const crumbs = (request: FastifyRequest, consultation: { id: string; title: string }) => [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('consultation:responding.list.title'),
      href: consultationPaths.consultations,
    },
    { text: consultation.title, href: consultationPaths.consultation(consultation.id) },
  ];
  const responsesCrumb = (request: FastifyRequest, id: string) => ({
    text: request.t('consultation:responding.staff.title'),
    href: paths.responses(id),
  });

  app.get(paths.responses.pattern, viewers, async (request, reply) => {
    const { consultationId } = params(request);
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const o = await staff.overview(request.principal, consultationId, page);
    const manage = can(request.principal, 'consultation.manage');
    return renderPage(request, reply, `${T}/responses.njk`, {
      title: request.t('consultation:responding.staff.title'),
      caption: o.consultation.title,
      breadcrumbs: crumbs(request, o.consultation),
      width: 'full',
      ...o,
      burstSize: BURST.size,
      burstMinutes: BURST.windowMinutes,
      bursts: o.bursts.map((b) => {
        const key = burstKey(b);
        return {
          ...b,
          count: b.responseIds.length,
          setAsideHref:
            manage && b.setAsideCount < b.responseIds.length
              ? paths.setAsideBurst(consultationId, key)
              : null,
          restoreAction:
            manage && b.setAsideCount > 0 ? paths.restoreBurst(consultationId, key) : null,
        };
      }),
      rows: o.items.map((r) => ({
        ...r,
        status: r.setAsideAt
          ? request.t('consultation:responding.staff.statusSetAside')
          : r.submittedAt
            ? request.t('consultation:responding.staff.statusSubmitted')
            : request.t('consultation:responding.staff.statusInProgress'),
        setAsideHref: manage && !r.setAsideAt ? paths.setAside(consultationId, r.id) : null,
        restoreAction: manage && r.setAsideAt ? paths.restore(consultationId, r.id) : null,
      })),
      pagination: paginationFor(
        paths.responses(consultationId),
        {},
        page.page,
        page.limit,
        o.total,
      ),
    });
  });

  const showSetAside = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors?: FieldError[],
    status = 200,
  ) => {
    const { consultationId, responseId, burst } = params(request);
    const t = request.t;
    const found = burst
      ? await staff.burst(request.principal, consultationId, burst)
      : await staff.response(request.principal, consultationId, responseId);
    return renderPage(
      request,
      reply,
      `${T}/set-aside.njk`,
      {
        title: burst
          ? t('consultation:responding.staff.setAsideBurstTitle')
          : t('consultation:responding.staff.setAsideTitle'),
        caption: found.consultation.title,
        breadcrumbs: [
          ...crumbs(request, found.consultation),
          responsesCrumb(request, consultationId),
        ],
        burst: 'burst' in found ? found.burst : null,
        response: 'response' in found ? found.response : null,
        action: request.url.split('?')[0],
        values,
        errors,
      },
      status,
    );
  };

  registerFormPage(app, paths.setAside.pattern, managers, {
    show: showSetAside,
    async submit(request, reply) {
      const { consultationId, responseId } = params(request);
      await staff.setAside(
        request.principal,
        consultationId,
        responseId,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.responses(consultationId),
        request.t('consultation:responding.staff.doneOne'),
      );
    },
  });

  registerFormPage(app, paths.setAsideBurst.pattern, managers, {
    show: showSetAside,
    async submit(request, reply) {
      const { consultationId, burst } = params(request);
      const done = await staff.setAsideBurst(
        request.principal,
        consultationId,
        burst,
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.responses(consultationId),
        request.t('consultation:responding.staff.doneBurst', { count: done.count }),
      );
    },
  });

  app.post(paths.restore.pattern, managers, async (request, reply) => {
    const { consultationId, responseId } = params(request);
    await staff.restore(request.principal, consultationId, responseId, request.id);
    return redirectWithFlash(
      reply,
      paths.responses(consultationId),
      request.t('consultation:responding.staff.restoredOne'),
    );
  });

  app.post(paths.restoreBurst.pattern, managers, async (request, reply) => {
    const { consultationId, burst } = params(request);
    const done = await staff.restoreBurst(request.principal, consultationId, burst, request.id);
    return redirectWithFlash(
      reply,
      paths.responses(consultationId),
      request.t('consultation:responding.staff.restoredBurst', { count: done.count }),
    );
  });
}
