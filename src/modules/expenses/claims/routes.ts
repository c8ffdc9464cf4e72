/** An advisor's own claims: starting one, adding costs and receipts, sending it (IAG-11). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import type { FieldError } from '../../../platform/errors.js';
import { formShow, redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { claimIdOf, formBody } from '../claim-form-page.js';
import { claimCrumb, homeCrumb as home, mineCrumb as mine, queueCrumb } from '../crumbs.js';
import {
  EXPENSE_CATEGORIES,
  deciderProblem,
  disputeProblem,
  mayReferToDirector,
} from '../rules.js';

const T = 'modules/expenses/claims/views';
// Who may read or change a claim depends on whose it is, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const claimants = { config: { access: { action: 'expenses.claim' as const } } };

export function registerClaimRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenses } = services;

  app.get(paths.mine, claimants, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 20);
    const result = await expenses.mine(request.principal, page);
    return renderPage(request, reply, `${T}/mine.njk`, {
      title: request.t('expenses:claims.mine.title'),
      breadcrumbs: [home(request.t)],
      ...result,
      pagination: paginationFor(paths.mine, {}, page.page, page.limit, result.total),
      paths,
    });
  });

  registerFormPage(app, paths.start, claimants, {
    show: formShow(renderPage, `${T}/start.njk`, async (request, values) => {
      const form = await expenses.startForm(request.principal);
      return {
        title: request.t('expenses:claims.start.title'),
        breadcrumbs: [home(request.t), mine(request.t)],
        occasionItems: [...form.meetings, ...form.deployments].map((o) => ({
          value: o.value,
          text: o.text,
          hint: { text: o.hint },
          checked: values.occasion === o.value,
        })),
        groupItems: [
          { value: '', text: request.t('expenses:claims.start.chooseGroup') },
          ...form.groups.map((g) => ({
            value: g.id,
            text: g.name,
            selected: values.groupId === g.id,
          })),
        ],
        paths,
      };
    }),
    async submit(request, reply) {
      const claim = await expenses.start(request.principal, formBody(request), request.id);
      return redirectWithFlash(
        reply,
        paths.addItem(claim.id),
        request.t('expenses:claims.start.started', { reference: claim.reference }),
      );
    },
  });

  const showClaim = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const result = await expenses.claim(request.principal, claimIdOf(request));
    const disputes = await services.expenseDisputes.history(result.claim.id);
    const latest = disputes.at(-1) ?? null;
    const user = request.principal?.kind === 'user' ? request.principal : null;
    const processes = !!user && can(user, 'expenses.process');
    const decidable = !!user && deciderProblem(result.claim, user.userId) === null;
    return renderPage(
      request,
      reply,
      `${T}/claim.njk`,
      {
        title: request.t('expenses:claims.claim.title', {
          reference: result.claim.reference,
          occasion: result.claim.occasionText,
        }),
        breadcrumbs: result.isClaimant
          ? [home(request.t), mine(request.t)]
          : processes
            ? [home(request.t), queueCrumb(request.t)]
            : [home(request.t)],
        ...result,
        mayDecide: processes && decidable && result.claim.status === 'submitted',
        disputes,
        mayDispute: result.isClaimant && disputeProblem(result.claim.status, latest) === null,
        mayRefer: result.isClaimant && mayReferToDirector(latest),
        maySecondApprove:
          processes && decidable && result.claim.status === 'awaiting_second_approval',
        paths,
        errors,
      },
      status,
    );
  };

  app.get(paths.claim.pattern, signedIn, async (request, reply) => showClaim(request, reply));

  registerUploadPage(app, paths.addItem.pattern, claimants, services.config.files.maxBytes, {
    fileField: 'receipt',
    show: formShow(renderPage, `${T}/item-form.njk`, async (request, values) => {
      const form = await expenses.itemForm(request.principal, claimIdOf(request));
      return {
        title: request.t('expenses:claims.item.title', { reference: form.claim.reference }),
        breadcrumbs: [home(request.t), mine(request.t), claimCrumb(request.t, form.claim)],
        ...form,
        categoryItems: EXPENSE_CATEGORIES.map((c) => ({
          value: c,
          text: request.t(`expenses:category.${c}`),
          checked: values.category === c,
        })),
        limits: expenses.limits,
        receiptTypes: request.t('expenses:claims.item.receiptTypes'),
        maxMb: expenses.maxMb,
        paths,
      };
    }),
    async submit(request, reply, form) {
      const item = await expenses.addItem(request.principal, claimIdOf(request), form, request.id);
      return redirectWithFlash(
        reply,
        `${paths.claim(claimIdOf(request))}#items`,
        request.t('expenses:claims.item.added', { description: item.description }),
      );
    },
  });

  app.post(paths.removeItem.pattern, claimants, async (request, reply) => {
    const { itemId } = request.params as Record<string, string>;
    const item = await expenses.removeItem(
      request.principal,
      claimIdOf(request),
      itemId!,
      request.id,
    );
    return redirectWithFlash(
      reply,
      `${paths.claim(claimIdOf(request))}#items`,
      request.t('expenses:claims.item.removed', { description: item.description }),
    );
  });

  app.get(paths.receipt.pattern, signedIn, async (request, reply) => {
    const { itemId } = request.params as Record<string, string>;
    const { file, bytes } = await expenses.receipt(request.principal, claimIdOf(request), itemId!);
    return sendDownload(reply, file, bytes);
  });

  registerFormPage(app, paths.submit.pattern, claimants, {
    // What stops it being sent is shown on the claim, against each cost it concerns.
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) => showClaim(request, reply, errors, status),
    async submit(request, reply) {
      const claim = await expenses.submit(request.principal, claimIdOf(request), request.id);
      return redirectWithFlash(
        reply,
        paths.claim(claim.id),
        request.t('expenses:claims.claim.sentFlash', { reference: claim.reference }),
      );
    },
  });
}
