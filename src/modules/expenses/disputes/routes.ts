/** IAG-13: disputing a decision on a claim; the chair's, then the Director's, decision. */
import type { FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { claimIdOf, formBody, registerClaimFormPage } from '../claim-form-page.js';
import { claimCrumb, homeCrumb as home, mineCrumb } from '../crumbs.js';

const T = 'modules/expenses/disputes/views';
// Who may dispute or decide depends on the claim, its group and the dispute's stage.
const signedIn = { config: { access: 'signed-in' as const } };
const claimants = { config: { access: { action: 'expenses.claim' as const } } };

/** What the dispute's pages show of the claim. */
interface ClaimShown {
  id: string;
  reference: number;
  occasionText: string;
}

export function registerDisputeRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenseDisputes: disputes } = services;
  const toClaim = (request: FastifyRequest, claim: { id: string; reference: number }) => [
    home(request.t),
    mineCrumb(request.t),
    claimCrumb(request.t, claim),
  ];

  app.get(paths.disputes, signedIn, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 25);
    const result = await disputes.waiting(request.principal, page);
    return renderPage(request, reply, `${T}/disputes.njk`, {
      title: request.t('expenses:homeTasks.disputes.text'),
      breadcrumbs: [home(request.t)],
      ...result,
      pagination: paginationFor(paths.disputes, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  /** Raising a dispute and referring it to the Director: the same page, asking why. */
  function registerReasonPage(
    /** The keys of the page's words. */
    words: { title: string; heading: string; label: string; button: string },
    address: { pattern: string } & ((claimId: string) => string),
    page: {
      load(request: FastifyRequest): Promise<{ claim: ClaimShown; intro: string }>;
      send(request: FastifyRequest): Promise<{ claim: { id: string }; flash: string }>;
    },
  ) {
    registerFormPage(app, address.pattern, claimants, {
      show: formShow(renderPage, `${T}/dispute-raise.njk`, async (request) => {
        const { claim, intro } = await page.load(request);
        return {
          title: request.t(words.title, { reference: claim.reference }),
          breadcrumbs: toClaim(request, claim),
          claim,
          heading: request.t(words.heading),
          intro,
          label: request.t(words.label),
          button: request.t(words.button),
          action: address(claim.id),
        };
      }),
      async submit(request, reply) {
        const { claim, flash } = await page.send(request);
        return redirectWithFlash(reply, paths.claim(claim.id), flash);
      },
    });
  }

  registerReasonPage(
    {
      title: 'expenses:disputes.raise.title',
      heading: 'expenses:disputes.raise.heading',
      label: 'expenses:disputes.raise.label',
      button: 'expenses:disputes.raise.button',
    },
    paths.raiseDispute,
    {
      async load(request) {
        const form = await disputes.raiseForm(request.principal, claimIdOf(request));
        return {
          claim: form.claim,
          intro: request.t(
            form.stage === 'chair'
              ? 'expenses:disputes.raise.introChair'
              : 'expenses:disputes.raise.introDirector',
          ),
        };
      },
      async send(request) {
        const raised = await disputes.raise(
          request.principal,
          claimIdOf(request),
          formBody(request),
          request.id,
        );
        return {
          claim: raised.claim,
          flash: request.t(
            raised.dispute.stage === 'chair'
              ? 'expenses:disputes.raise.toChair'
              : 'expenses:disputes.raise.toDirector',
          ),
        };
      },
    },
  );

  registerReasonPage(
    {
      title: 'expenses:disputes.refer.title',
      heading: 'expenses:disputes.refer.heading',
      label: 'expenses:disputes.refer.label',
      button: 'expenses:disputes.refer.button',
    },
    paths.refer,
    {
      async load(request) {
        const form = await disputes.referForm(request.principal, claimIdOf(request));
        return {
          claim: form.claim,
          intro: request.t('expenses:disputes.refer.intro', { reason: form.dispute.chairReason }),
        };
      },
      async send(request) {
        const { claim } = await disputes.refer(
          request.principal,
          claimIdOf(request),
          formBody(request),
          request.id,
        );
        return { claim, flash: request.t('expenses:disputes.raise.toDirector') };
      },
    },
  );

  registerClaimFormPage({ app, renderPage }, paths.dispute, signedIn, {
    template: `${T}/dispute-decide.njk`,
    titleKey: 'expenses:disputes.decide.title',
    load: (request) => disputes.decisionForm(request.principal, claimIdOf(request)),
    shows: (request, form) => ({
      breadcrumbs: [
        home(request.t),
        { text: request.t('expenses:homeTasks.disputes.text'), href: paths.disputes },
      ],
      upheldMeans: request.t(
        form.dispute.stage === 'chair'
          ? 'expenses:disputes.decide.upheldMeansChair'
          : 'expenses:disputes.decide.upheldMeansDirector',
      ),
    }),
    async submit(request) {
      const decided = await disputes.decide(
        request.principal,
        claimIdOf(request),
        formBody(request),
        request.id,
      );
      return {
        to: paths.disputes,
        flash: request.t('expenses:disputes.decide.recorded', {
          reference: decided.claim.reference,
        }),
      };
    },
  });
}
