/**
 * CON-04 feed-up and feed-back: the issues across the register, one issue with its answer and
 * closing forms, and the form a group raises an issue with.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import { formShow, registerFormPage, saveFor } from '../../../platform/http/render.js';
import { groupCrumbs, registerCrumbs } from '../crumbs.js';
import { engagementPaths as paths } from '../paths.js';
import type { EngagementRouteDeps as RouteDeps } from '../route-deps.js';
import { ISSUE_RECIPIENTS, ISSUE_STATES } from '../rules.js';

const T = 'modules/engagement/issues/views';
const readers = { config: { access: { action: 'engagement.view' as const } } };
const keepers = { config: { access: { action: 'engagement.keep' as const } } };
const managers = { config: { access: { action: 'engagement.manage' as const } } };
const signedIn = { config: { access: 'signed-in' as const } };

const issueIdOf = (request: FastifyRequest) => (request.params as { issueId: string }).issueId;
const groupIdOf = (request: FastifyRequest) => (request.params as { groupId: string }).groupId;
const saveForIssue = saveFor('issueId');
const saveForGroup = saveFor('groupId');

export function registerIssueRoutes({ app, services, renderPage }: RouteDeps): void {
  const { engagementIssues: issues } = services;

  app.get(paths.issues, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const result = await issues.list(
      request.principal,
      { state: queryString(query, 'state') },
      page,
    );
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('engagement:issues.title'),
      breadcrumbs: registerCrumbs(request),
      rows: result.items.map((i) => ({
        ...i,
        href: paths.issue(i.id),
        groupHref: paths.group(i.groupId),
      })),
      total: result.total,
      stateItems: [
        ...ISSUE_STATES.map((s) => ({
          value: s,
          text: request.t(`engagement:issueStates.${s}`),
          selected: s === result.state,
        })),
        {
          value: 'all',
          text: request.t('engagement:issues.anyState'),
          selected: result.state === 'all',
        },
      ],
      action: paths.issues,
      pagination: paginationFor(
        paths.issues,
        { state: result.state },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newIssue.pattern, keepers, {
    show: formShow(renderPage, `${T}/raise.njk`, async (request, values) => {
      const group = await issues.groupToRaise(request.principal, groupIdOf(request));
      return {
        title: request.t('engagement:issues.raise'),
        breadcrumbs: groupCrumbs(request, group),
        group,
        recipientItems: ISSUE_RECIPIENTS.map((r) => ({
          value: r,
          text: request.t(`engagement:recipients.${r}`),
          checked: r === values.raisedTo,
        })),
        action: paths.newIssue(group.id),
        backHref: paths.group(group.id),
      };
    }),
    submit: saveForGroup(issues.raise, (_id, row, request) => ({
      to: paths.issue(row.id),
      message: request.t('engagement:issues.raised'),
    })),
  });

  const showIssue = formShow(renderPage, `${T}/issue.njk`, async (request) => {
    const issue = await issues.issue(request.principal, issueIdOf(request));
    const canManage = can(request.principal, 'engagement.manage');
    return {
      title: request.t('engagement:issues.issueTitle', { group: issue.group }),
      breadcrumbs: groupCrumbs(request, { id: issue.groupId, name: issue.group }),
      issue,
      mayAnswer: canManage && issue.state !== 'closed',
      mayClose: canManage && issue.state === 'answered',
      answerAction: paths.answerIssue(issue.id),
      closeAction: paths.closeIssue(issue.id),
    };
  });
  app.get(paths.issue.pattern, signedIn, (request, reply) => showIssue(request, reply, {}));

  registerFormPage(app, paths.answerIssue.pattern, managers, {
    shownElsewhere: true,
    show: showIssue,
    submit: saveForIssue(issues.answer, (id, _row, request) => ({
      to: paths.issue(id),
      message: request.t('engagement:issues.answered'),
    })),
  });

  registerFormPage(app, paths.closeIssue.pattern, managers, {
    shownElsewhere: true,
    show: showIssue,
    submit: saveForIssue(issues.close, (id, _row, request) => ({
      to: paths.issue(id),
      message: request.t('engagement:issues.closed'),
    })),
  });
}
