/**
 * CON-06: the panel's public pages, no sign-in: joining (rate-limited like every public form),
 * the confirmation link, and the leave and stay links every e-mail carries, each a page with
 * one button.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicFormRoute } from '../../../platform/http/route-options.js';
import { formShow, registerFormPage, type FormValues } from '../../../platform/http/render.js';
import { consultationPaths } from '../paths.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { panelPaths as paths } from './paths.js';
import { monitoringItems } from './presenter.js';

const T = 'modules/consultation/panel/views';
const publicPage = { config: { access: 'public' as const } };
const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;

export function registerPanelPublicRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationPanel: panel } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    {
      text: request.t('consultation:panel.public.consultations'),
      href: consultationPaths.publicHome,
    },
  ];

  /** The join form's fields: name, address, borough and the optional monitoring questions. */
  const detailFields = async (request: FastifyRequest, values: FormValues) => {
    const boroughs = await panel.boroughs();
    return {
      boroughItems: [
        { value: '', text: request.t('consultation:panel.join.chooseBorough') },
        ...boroughs.map((b) => ({
          value: b.id,
          text: b.name,
          selected: values.boroughId === b.id,
        })),
      ],
      monitoring: monitoringItems(request.t, values),
    };
  };

  registerFormPage(app, paths.join, publicPage, {
    show: formShow(renderPage, `${T}/join.njk`, async (request, values) => ({
      title: request.t('consultation:panel.join.title'),
      breadcrumbs: crumbs(request),
      action: paths.join,
      askEmail: true,
      ...(await detailFields(request, values)),
    })),
    submitOptions: publicFormRoute,
    async submit(request, reply) {
      await panel.join((request.body ?? {}) as FormValues, request.id);
      return reply.redirect(paths.joined, 303);
    },
  });

  app.get(paths.joined, publicPage, async (request, reply) =>
    renderPage(request, reply, `${T}/message.njk`, {
      title: request.t('consultation:panel.joined.title'),
      breadcrumbs: crumbs(request),
      paragraphs: [
        request.t('consultation:panel.joined.text'),
        request.t('consultation:panel.joined.spam'),
      ],
    }),
  );

  const showConfirm = formShow(renderPage, `${T}/join.njk`, async (request, values) => {
    const { needsDetails } = await panel.confirmation(tokenOf(request));
    return {
      title: request.t('consultation:panel.confirm.title'),
      breadcrumbs: crumbs(request),
      action: paths.confirm(tokenOf(request)),
      confirming: true,
      needsDetails,
      ...(needsDetails ? await detailFields(request, values) : {}),
    };
  });
  registerFormPage(app, paths.confirm.pattern, publicPage, {
    show: showConfirm,
    submitOptions: publicFormRoute,
    async submit(request, reply) {
      const { leaveUrl } = await panel.confirm(
        tokenOf(request),
        (request.body ?? {}) as FormValues,
        request.id,
      );
      return renderPage(request, reply, `${T}/message.njk`, {
        title: request.t('consultation:panel.confirmed.title'),
        breadcrumbs: crumbs(request),
        paragraphs: [
          request.t('consultation:panel.confirmed.text'),
          request.t('consultation:panel.confirmed.leave'),
        ],
        link: { href: leaveUrl, text: request.t('consultation:panel.confirmed.leaveLink') },
      });
    },
  });

  /** The leave and stay pages: what the button does, or that they have already left. */
  const linkPage = (kind: 'leave' | 'stay') =>
    async function show(request: FastifyRequest, reply: FastifyReply) {
      const standing = await panel.standing(tokenOf(request));
      const left = standing.left || (kind === 'stay' && !standing.member);
      return renderPage(request, reply, `${T}/link.njk`, {
        title: request.t(
          left ? 'consultation:panel.left.title' : `consultation:panel.${kind}.title`,
        ),
        breadcrumbs: crumbs(request),
        left,
        text: request.t(
          left ? 'consultation:panel.left.already' : `consultation:panel.${kind}.text`,
        ),
        button: request.t(`consultation:panel.${kind}.button`),
        action: paths[kind](tokenOf(request)),
      });
    };
  app.get(paths.leave.pattern, publicPage, linkPage('leave'));
  app.post(paths.leave.pattern, publicFormRoute, async (request, reply) => {
    await panel.leave(tokenOf(request), request.id);
    return renderPage(request, reply, `${T}/message.njk`, {
      title: request.t('consultation:panel.left.title'),
      breadcrumbs: crumbs(request),
      paragraphs: [request.t('consultation:panel.left.text')],
    });
  });
  app.get(paths.stay.pattern, publicPage, linkPage('stay'));
  app.post(paths.stay.pattern, publicFormRoute, async (request, reply) => {
    await panel.stay(tokenOf(request), request.id);
    return renderPage(request, reply, `${T}/message.njk`, {
      title: request.t('consultation:panel.stayed.title'),
      breadcrumbs: crumbs(request),
      paragraphs: [request.t('consultation:panel.stayed.text')],
    });
  });
}
