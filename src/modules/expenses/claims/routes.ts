/** An advisor's own claims: starting one, adding costs and receipts, sending it (IAG-11). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExpensesRouteDeps as RouteDeps } from '../route-deps.js';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import type { FieldError } from '../../../platform/errors.js';
import { redirectWithFlash, registerFormPage } from '../../../platform/http/render.js';
import { expensePaths as paths } from '../paths.js';
import { RECEIPT_TYPES } from './service.js';
import {
  CLAIM_STATUS_LABELS,
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_LABELS,
  deciderProblem,
  disputeProblem,
  mayReferToDirector,
} from '../rules.js';

const T = 'modules/expenses/claims/views';
// Who may read or change a claim depends on whose it is, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const claimants = { config: { access: { action: 'expenses.claim' as const } } };

type Values = Record<string, string | string[] | undefined>;

export function registerClaimRoutes({ app, services, renderPage }: RouteDeps): void {
  const { expenses } = services;
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>).claimId!;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;
  const home = { text: 'Home', href: '/' };
  const labels = { status: CLAIM_STATUS_LABELS, category: EXPENSE_CATEGORY_LABELS };
  const toClaim = (claim: { id: string; reference: number }) => ({
    text: `Claim ${claim.reference}`,
    href: paths.claim(claim.id),
  });

  app.get(paths.mine, claimants, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page, 20);
    const result = await expenses.mine(request.principal, page);
    return renderPage(request, reply, `${T}/mine.njk`, {
      title: 'Your expense claims',
      breadcrumbs: [home],
      ...result,
      pagination: paginationFor(paths.mine, {}, page.page, page.limit, result.total),
      labels,
      paths,
    });
  });

  registerFormPage(app, paths.start, claimants, {
    async show(request, reply, values, errors, status = 200) {
      const form = await expenses.startForm(request.principal);
      return renderPage(
        request,
        reply,
        `${T}/start.njk`,
        {
          title: 'Make a claim',
          breadcrumbs: [home, { text: 'Your expense claims', href: paths.mine }],
          occasionItems: [...form.meetings, ...form.deployments].map((o) => ({
            value: o.value,
            text: o.text,
            hint: { text: o.hint },
            checked: values.occasion === o.value,
          })),
          groupItems: [
            { value: '', text: 'Choose a group' },
            ...form.groups.map((g) => ({
              value: g.id,
              text: g.name,
              selected: values.groupId === g.id,
            })),
          ],
          values,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      const claim = await expenses.start(request.principal, body(request), request.id);
      return redirectWithFlash(
        reply,
        paths.addItem(claim.id),
        `Claim ${claim.reference} has been started: add each cost`,
      );
    },
  });

  const showClaim = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: FieldError[],
    status = 200,
  ) => {
    const result = await expenses.claim(request.principal, idOf(request));
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
        title: `Expense claim ${result.claim.reference}: ${result.claim.occasionText}`,
        breadcrumbs: result.isClaimant
          ? [home, { text: 'Your expense claims', href: paths.mine }]
          : processes
            ? [home, { text: 'Expense claims to decide', href: paths.queue }]
            : [home],
        ...result,
        mayDecide: processes && decidable && result.claim.status === 'submitted',
        disputes,
        mayDispute: result.isClaimant && disputeProblem(result.claim.status, latest) === null,
        mayRefer: result.isClaimant && mayReferToDirector(latest),
        maySecondApprove:
          processes && decidable && result.claim.status === 'awaiting_second_approval',
        labels,
        paths,
        errors,
      },
      status,
    );
  };

  app.get(paths.claim.pattern, signedIn, async (request, reply) => showClaim(request, reply));

  registerUploadPage(app, paths.addItem.pattern, claimants, services.config.files.maxBytes, {
    fileField: 'receipt',
    async show(request, reply, values, errors, status = 200) {
      const form = await expenses.itemForm(request.principal, idOf(request));
      return renderPage(
        request,
        reply,
        `${T}/item-form.njk`,
        {
          title: `Add a cost: claim ${form.claim.reference}`,
          breadcrumbs: [
            home,
            { text: 'Your expense claims', href: paths.mine },
            toClaim(form.claim),
          ],
          ...form,
          categoryItems: EXPENSE_CATEGORIES.map((c) => ({
            value: c,
            text: EXPENSE_CATEGORY_LABELS[c],
            checked: values.category === c,
          })),
          limits: expenses.limits,
          receiptTypes: RECEIPT_TYPES.text,
          maxMb: expenses.maxMb,
          values,
          paths,
          errors,
        },
        status,
      );
    },
    async submit(request, reply, form) {
      const item = await expenses.addItem(request.principal, idOf(request), form, request.id);
      return redirectWithFlash(
        reply,
        `${paths.claim(idOf(request))}#items`,
        `“${item.description}” has been added`,
      );
    },
  });

  app.post(paths.removeItem.pattern, claimants, async (request, reply) => {
    const { itemId } = request.params as Record<string, string>;
    const item = await expenses.removeItem(request.principal, idOf(request), itemId!, request.id);
    return redirectWithFlash(
      reply,
      `${paths.claim(idOf(request))}#items`,
      `“${item.description}” has been taken off the claim`,
    );
  });

  app.get(paths.receipt.pattern, signedIn, async (request, reply) => {
    const { itemId } = request.params as Record<string, string>;
    const { file, bytes } = await expenses.receipt(request.principal, idOf(request), itemId!);
    return sendDownload(reply, file, bytes);
  });

  registerFormPage(app, paths.submit.pattern, claimants, {
    // What stops it being sent is shown on the claim, against each cost it concerns.
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) => showClaim(request, reply, errors, status),
    async submit(request, reply) {
      const claim = await expenses.submit(request.principal, idOf(request), request.id);
      return redirectWithFlash(
        reply,
        paths.claim(claim.id),
        `Claim ${claim.reference} has been sent to the coordination unit`,
      );
    },
  });
}
