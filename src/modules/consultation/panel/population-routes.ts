/**
 * CON-06: the population figures the panel's balance is read against: read by anyone who reads
 * consultation (with their source and date); replaced, all at once, by authority officers.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { dateParts } from '../../../platform/http/form-fields.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  type FormValues,
} from '../../../platform/http/render.js';
import { formatShare, populationField } from '../panel-rules.js';
import type { ConsultationRouteDeps as RouteDeps } from '../route-deps.js';
import { panelPaths as paths } from './paths.js';

const T = 'modules/consultation/panel/views';
const managers = { config: { access: { action: 'consultation.manage' as const } } };
const readers = { config: { access: { action: 'consultation.view' as const } } };

export function registerPopulationRoutes({ app, services, renderPage }: RouteDeps): void {
  const { consultationPanelPopulation: population } = services;
  const crumbs = (request: FastifyRequest) => [
    { text: request.t('nav.home'), href: '/' },
    // Those who read consultation but do not run it have no panel page to go back to.
    ...(can(request.principal, 'consultation.manage')
      ? [{ text: request.t('consultation:panel.home.title'), href: paths.home }]
      : []),
    { text: request.t('consultation:panel.balance.title'), href: paths.balance },
  ];

  app.get(paths.population, readers, async (request, reply) => {
    const { about, dimensions } = await population.figures(request.principal);
    return renderPage(request, reply, `${T}/population.njk`, {
      title: request.t('consultation:panel.population.title'),
      breadcrumbs: crumbs(request),
      about,
      replaceHref: can(request.principal, 'consultation.manage') ? paths.replacePopulation : null,
      dimensions: dimensions.map((d) => ({
        ...d,
        rows: d.lines.map((l) => ({
          label: l.label,
          people: l.people === null ? '' : l.people.toLocaleString('en-GB'),
          share: l.people === null || !d.total ? '' : formatShare(l.people / d.total),
        })),
        total: d.total.toLocaleString('en-GB'),
      })),
    });
  });

  registerFormPage(app, paths.replacePopulation, managers, {
    show: formShow(renderPage, `${T}/population-form.njk`, async (request, values, errors) => {
      const { about, dimensions } = await population.figures(request.principal);
      // First shown with the figures in use, to change what has changed.
      const current: FormValues = {
        source: about.source,
        ...dateParts('asOf', about.asOf),
        ...Object.fromEntries(
          dimensions.flatMap((d) =>
            d.lines.map((l) => [populationField(l), l.people === null ? '' : String(l.people)]),
          ),
        ),
      };
      return {
        title: request.t('consultation:panel.population.replaceTitle'),
        breadcrumbs: [
          ...crumbs(request),
          { text: request.t('consultation:panel.population.title'), href: paths.population },
        ],
        action: paths.replacePopulation,
        values: errors ? values : current,
        dimensions: dimensions.map((d) => ({
          ...d,
          fields: d.lines.map((l) => ({ name: populationField(l), label: l.label })),
        })),
      };
    }),
    async submit(request, reply) {
      await population.replace(request.principal, (request.body ?? {}) as FormValues, request.id);
      return redirectWithFlash(
        reply,
        paths.population,
        request.t('consultation:panel.population.replaced'),
      );
    },
  });
}
