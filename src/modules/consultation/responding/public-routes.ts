/**
 * The public's consultation pages (no account): the open and recently closed consultations, one
 * consultation's page with its "Respond" button, an invited person's own link, beginning a
 * response (refused with a 429 page past the address's limit) and the confirmation once sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { analysisPaths } from '../analysis/paths.js';
import { outcomePaths } from '../outcomes/paths.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { respondingPaths as paths } from './paths.js';
import { HONEYPOT, type Begun } from './service.js';
import { keptPage } from '../../../platform/http/route-options.js';

export const T = 'modules/consultation/responding/views';
const publicPage = { config: { access: 'public' as const } };
type Params = { consultationId: string; token: string };
const params = (request: FastifyRequest) => request.params as Params;

/** The public pages' breadcrumbs: home, the consultations, and the consultation if given. */
export function publicCrumbs(
  request: FastifyRequest,
  consultation?: { id: string; title: string },
) {
  return [
    { text: request.t('nav.home'), href: '/' },
    { text: request.t('consultation:responding.list.title'), href: consultationPaths.publicHome },
    ...(consultation
      ? [{ text: consultation.title, href: consultationPaths.publicConsultation(consultation.id) }]
      : []),
  ];
}

export function registerPublicConsultationRoutes({
  app,
  services,
  renderPage,
  config,
}: RouteDeps): void {
  const { consultationPublic: consultations, consultationResponding: responding } = services;
  const section = (request: FastifyRequest) => request.t('consultation:responding.section');

  app.get(consultationPaths.publicHome, keptPage('open', 'closed'), async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const open = pageRequest(query.open, 20);
    const closed = pageRequest(query.closed, 20);
    const lists = await consultations.lists(open, closed);
    const keep = (name: string, page: number) => (page > 1 ? { [name]: String(page) } : {});
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('consultation:responding.list.title'),
      outcomesHref: outcomePaths.publicOutcomes,
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      open: lists.open.items.map((c) => ({
        ...c,
        href: consultationPaths.publicConsultation(c.id),
        who: request.t(`consultation:responding.audience.${c.audience}`),
      })),
      closed: lists.closed.items.map((c) => ({
        ...c,
        href: consultationPaths.publicConsultation(c.id),
      })),
      openPagination: paginationFor(
        consultationPaths.publicHome,
        keep('closed', closed.page),
        open.page,
        open.limit,
        lists.open.total,
        { pageParam: 'open' },
      ),
      closedPagination: paginationFor(
        consultationPaths.publicHome,
        keep('open', open.page),
        closed.page,
        closed.limit,
        lists.closed.total,
        { pageParam: 'closed' },
      ),
    });
  });

  app.get(consultationPaths.publicConsultation.pattern, keptPage(), async (request, reply) => {
    const { consultation, phase, closedOn, outcomePublished, openDataPublished } =
      await consultations.get(params(request).consultationId);
    return renderPage(request, reply, `${T}/consultation.njk`, {
      title: consultation.title,
      section: section(request),
      breadcrumbs: publicCrumbs(request),
      consultation,
      phase,
      closedOn,
      who: request.t(`consultation:responding.audience.${consultation.audience}`),
      paragraphs: consultation.purpose.split(/\n\s*\n/),
      respondAction:
        phase === 'open' && consultation.audience === 'public'
          ? consultationPaths.respond(consultation.id)
          : null,
      honeypot: HONEYPOT,
      outcomeHref: outcomePublished ? outcomePaths.publicOutcome(consultation.id) : null,
      openDataHref: openDataPublished ? analysisPaths.publicOpenData(consultation.id) : null,
    });
  });

  /** Where beginning a response leads: its first page, the confirmation, or the 429 page. */
  const afterBegin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    begun: Begun,
    consultation: { id: string; title: string } | null,
  ) => {
    if (begun.kind === 'begun' || begun.kind === 'ignored') return reply.redirect(begun.to, 303);
    if (begun.kind === 'already') return reply.redirect(request.url, 303);
    const c =
      consultation ?? (await consultations.get(params(request).consultationId)).consultation;
    return renderPage(
      request,
      reply,
      `${T}/too-many.njk`,
      {
        title: request.t('consultation:responding.tooMany.title'),
        section: section(request),
        breadcrumbs: publicCrumbs(request, c),
        count: config.consultation.responsesPerAddressPerHour,
        backHref: consultationPaths.publicConsultation(c.id),
      },
      429,
    );
  };

  app.post(consultationPaths.respond.pattern, publicPage, async (request, reply) => {
    const begun = await responding.begin(
      params(request).consultationId,
      request.ip,
      (request.body ?? {}) as Record<string, string>,
      request.id,
    );
    return afterBegin(request, reply, begun, null);
  });

  app.get(paths.responded.pattern, publicPage, async (request, reply) => {
    const { consultation } = await consultations.get(params(request).consultationId);
    return renderPage(request, reply, `${T}/responded.njk`, {
      title: request.t('consultation:responding.responded.title'),
      section: section(request),
      breadcrumbs: publicCrumbs(request, consultation),
      backHref: consultationPaths.publicConsultation(consultation.id),
    });
  });

  // CON-03, CON-06: an invited consultee's or panel member's own link; they respond once.
  app.get(consultationPaths.invitation.pattern, publicPage, async (request, reply) => {
    const token = params(request).token;
    const invitation = await responding.invitation(token);
    const { consultation } = invitation;
    const responded = invitation.status === 'responded';
    return renderPage(request, reply, `${T}/invitation.njk`, {
      title: responded
        ? request.t('consultation:responding.invitation.respondedTitle')
        : consultation.title,
      section: section(request),
      breadcrumbs: publicCrumbs(request),
      ...invitation,
      who: request.t(`consultation:responding.audience.${consultation.audience}`),
      paragraphs: consultation.purpose.split(/\n\s*\n/),
      action: consultationPaths.invitation(token),
      honeypot: HONEYPOT,
    });
  });

  app.post(consultationPaths.invitation.pattern, publicPage, async (request, reply) => {
    const token = params(request).token;
    const begun = await responding.beginInvited(
      token,
      request.ip,
      (request.body ?? {}) as Record<string, string>,
      request.id,
    );
    const consultation =
      begun.kind === 'too-many' ? (await responding.invitation(token)).consultation : null;
    return afterBegin(request, reply, begun, consultation);
  });
}
