/**
 * ICV-08 Follow-up pages: the scheme manager's review queue and a report's review (raise its
 * issues one at a time, then mark it reviewed); the issues a person follows and an issue's page
 * with the actions their role allows (answer; close, send back, escalate); and the public
 * summary of answered and closed issues (item 9). Every form works without JavaScript.
 */
import type { FastifyRequest } from 'fastify';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor } from '../../../platform/http/pagination.js';
import {
  redirectWithFlash,
  registerFormPage,
  saveFor,
  type FormShow,
} from '../../../platform/http/render.js';
import type { RouteDeps } from '../../../platform/modules.js';
import { custodyPaths } from '../paths.js';
import { followUpPaths as paths } from './paths.js';
import { ISSUE_STATUSES } from './schema.js';
import type { FollowUpService } from './service.js';
import { keptPage } from '../../../platform/http/route-options.js';

const T = 'modules/custody-visiting/follow-up/views';
const reviewers = { config: { access: { action: 'custody.reports.review' as const } } };
const followers = { config: { access: { action: 'custody.issues.view' as const } } };
const answerers = { config: { access: { action: 'custody.issues.answer' as const } } };

type Values = Record<string, string | undefined>;
/** A report's review forms save what was sent about the report in their address. */
const saveForReport = saveFor('reportId');
const reportIdOf = (request: FastifyRequest) => (request.params as { reportId: string }).reportId;
const issueIdOf = (request: FastifyRequest) => (request.params as { issueId: string }).issueId;
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

export function registerFollowUpRoutes({
  app,
  services,
  renderPage,
}: RouteDeps<{ custodyFollowUp: FollowUpService }>): void {
  const { custodyFollowUp: followUp } = services;
  const home = (request: FastifyRequest) => ({ text: request.t('nav.home'), href: '/' });
  const queueCrumbs = (request: FastifyRequest) => [
    home(request),
    { text: request.t('custody-visiting:followUp.queue.title'), href: paths.reviewQueue },
  ];
  const issuesCrumbs = (request: FastifyRequest) => [
    home(request),
    { text: request.t('custody-visiting:followUp.issues.title'), href: paths.issues },
  ];

  app.get(paths.reviewQueue, reviewers, async (request, reply) => {
    const page = pageRequest(query(request).page);
    const result = await followUp.reviewQueue(request.principal, page);
    return renderPage(request, reply, `${T}/queue.njk`, {
      title: request.t('custody-visiting:followUp.queue.title'),
      breadcrumbs: [home(request)],
      rows: result.items.map((r) => ({
        ...r,
        href: paths.review(r.id),
        due: { key: 'custody-visiting:followUp.queue.dueBy', values: { date: { date: r.dueOn } } },
      })),
      total: result.total,
      issuesHref: paths.issues,
      pagination: paginationFor(paths.reviewQueue, {}, page.page, page.limit, result.total),
    });
  });

  /** A report's review: shown by its address, and again by a refused form on it. */
  const showReview: FormShow = async (request, reply, values, errors, status = 200) => {
    const review = await followUp.review(request.principal, reportIdOf(request));
    const id = review.report.id;
    return renderPage(
      request,
      reply,
      `${T}/review.njk`,
      {
        title: request.t('custody-visiting:followUp.review.title', { suite: review.suite }),
        breadcrumbs: queueCrumbs(request),
        ...review,
        overdueSaid: {
          key: 'custody-visiting:followUp.review.overdue',
          values: { date: { date: review.dueOn } },
        },
        reviewedSaid: review.report.reviewedAt && {
          key: 'custody-visiting:followUp.review.reviewed',
          values: { at: { dateTime: review.report.reviewedAt }, by: review.reviewerName },
        },
        issueHref: (issueId: string) => paths.issue(issueId),
        raiseAction: paths.raiseIssue(id),
        reviewedAction: paths.markReviewed(id),
        values,
        errors,
      },
      status,
    );
  };
  app.get(paths.review.pattern, reviewers, (request, reply) => showReview(request, reply, {}));

  registerFormPage(app, paths.raiseIssue.pattern, reviewers, {
    shownElsewhere: true,
    show: showReview,
    submit: saveForReport(followUp.raiseIssue, (id, _saved, request) => ({
      to: paths.review(id),
      message: request.t('custody-visiting:followUp.done.raised'),
    })),
  });

  registerFormPage(app, paths.markReviewed.pattern, reviewers, {
    shownElsewhere: true,
    show: showReview,
    submit: saveForReport(followUp.markReviewed, (_id, _saved, request) => ({
      to: paths.reviewQueue,
      message: request.t('custody-visiting:followUp.done.reviewed'),
    })),
  });

  app.get(paths.issues, followers, async (request, reply) => {
    const t = request.t;
    const q = query(request);
    const page = pageRequest(q.page);
    const filter = { status: q.status, suite: q.suite };
    const result = await followUp.list(request.principal, {
      ...page,
      status: q.status,
      suiteId: q.suite,
    });
    return renderPage(request, reply, `${T}/issues.njk`, {
      title: t('custody-visiting:followUp.issues.title'),
      breadcrumbs: [home(request)],
      filterAction: paths.issues,
      rows: result.items.map((r) => ({ ...r, href: paths.issue(r.id) })),
      total: result.total,
      statusItems: [
        { value: '', text: t('custody-visiting:followUp.issues.anyStatus') },
        ...ISSUE_STATUSES.map((s) => ({
          value: s,
          text: t(`custody-visiting:followUp.status.${s}`),
          selected: q.status === s,
        })),
      ],
      suiteItems:
        result.suites.length > 1
          ? [
              { value: '', text: t('custody-visiting:followUp.issues.anySuite') },
              ...result.suites.map((s) => ({
                value: s.id,
                text: s.name,
                selected: q.suite === s.id,
              })),
            ]
          : null,
      pagination: paginationFor(paths.issues, filter, page.page, page.limit, result.total),
    });
  });

  /** An issue's page: shown by its address, and again by a refused form on it. */
  const showIssue: FormShow = async (request, reply, values, errors, status = 200) => {
    const detail = await followUp.get(request.principal, issueIdOf(request));
    const id = detail.issue.id;
    return renderPage(
      request,
      reply,
      `${T}/issue.njk`,
      {
        title: request.t('custody-visiting:followUp.issue.title', { suite: detail.suite }),
        breadcrumbs: issuesCrumbs(request),
        ...detail,
        escalationDueSaid: {
          key: 'custody-visiting:followUp.issue.escalationDue',
          values: { date: { date: detail.escalationDueOn } },
        },
        actions: {
          answer: paths.answer(id),
          close: paths.close(id),
          sendBack: paths.sendBack(id),
          escalate: paths.escalate(id),
          authority: paths.authority(id),
        },
        values,
        errors,
      },
      status,
    );
  };
  app.get(paths.issue.pattern, followers, (request, reply) => showIssue(request, reply, {}));

  const issueAction = (
    url: string,
    options: typeof followers | typeof answerers | typeof reviewers,
    act: (request: FastifyRequest) => Promise<unknown>,
    done: string,
  ) =>
    registerFormPage(app, url, options, {
      shownElsewhere: true,
      show: showIssue,
      async submit(request, reply) {
        await act(request);
        return redirectWithFlash(
          reply,
          paths.issue(issueIdOf(request)),
          request.t(`custody-visiting:followUp.done.${done}`),
        );
      },
    });

  issueAction(
    paths.answer.pattern,
    answerers,
    (r) => followUp.answer(r.principal, issueIdOf(r), r.body as Values, r.id),
    'answered',
  );
  issueAction(
    paths.close.pattern,
    reviewers,
    (r) => followUp.close(r.principal, issueIdOf(r), r.body as Values, r.id),
    'closed',
  );
  issueAction(
    paths.sendBack.pattern,
    reviewers,
    (r) => followUp.sendBack(r.principal, issueIdOf(r), r.body as Values, r.id),
    'sentBack',
  );
  issueAction(
    paths.escalate.pattern,
    reviewers,
    (r) => followUp.escalate(r.principal, issueIdOf(r), r.id),
    'escalated',
  );
  issueAction(
    paths.authority.pattern,
    reviewers,
    (r) => followUp.escalateToAuthority(r.principal, issueIdOf(r), r.id),
    'authority',
  );

  app.get(paths.publicIssues, keptPage('page'), async (request, reply) => {
    const t = request.t;
    const page = pageRequest(query(request).page);
    const result = await followUp.publicSummary(page);
    return renderPage(request, reply, `${T}/public-issues.njk`, {
      title: t('custody-visiting:followUp.public.title'),
      breadcrumbs: [
        home(request),
        { text: t('custody-visiting:public.scheme.title'), href: custodyPaths.publicScheme },
      ],
      rows: result.items.map((r) => ({
        ...r,
        raised: {
          key: 'custody-visiting:followUp.public.month',
          values: { month: { month: r.month } },
        },
      })),
      total: result.total,
      pagination: paginationFor(paths.publicIssues, {}, page.page, page.limit, result.total),
    });
  });
}
