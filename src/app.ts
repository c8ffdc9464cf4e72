/**
 * The one wiring point: builds the services from the database and settings, then the HTTP
 * application from the platform and the modules. Nothing here is a module-level singleton, so
 * a test can build as many applications as it likes and swap any part.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import type { Config } from './config.js';
import { registerApiTokenRoutes } from './platform/api/admin-routes.js';
import { apiDocsPaths, registerApiDocsRoutes } from './platform/api/docs-routes.js';
import { createBankHolidayService } from './platform/bank-holidays/service.js';
import { registerBankHolidayRoutes } from './platform/bank-holidays/routes.js';
import { createApiTokenService } from './platform/api/service.js';
import { registerAuditRoutes } from './platform/audit/routes.js';
import { registerAccountRoutes } from './platform/auth/account-routes.js';
import { can } from './platform/auth/permissions.js';
import {
  CSRF_COOKIE,
  registerSignInRoutes,
  SESSION_COOKIE,
} from './platform/auth/sign-in-routes.js';
import { createSecretBox } from './platform/auth/secret-box.js';
import { createAuthService } from './platform/auth/service.js';
import { registerUserAdminRoutes } from './platform/auth/users-routes.js';
import {
  createUsersService,
  findUserIdByEmail,
  type ScopeCatalogue,
} from './platform/auth/users-service.js';
import { formatDate, formatDateTime, formatTime, toLondonDate } from './platform/calendar/index.js';
import type { Database } from './platform/db/database.js';
import { databaseErrorForLog } from './platform/db/errors.js';
import {
  ForbiddenError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from './platform/errors.js';
import { installErrorHandling, isApiRequest } from './platform/http/errors.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { registerHomeRoutes } from './platform/http/home.js';
import type { NavItem } from './platform/http/navigation.js';
import { createRenderer } from './platform/http/render.js';
import {
  trackHandlersInFlight,
  type HandlersInFlight,
} from './platform/http/handlers-in-flight.js';
import { addFixedMarkup } from './platform/http/fixed-markup.js';
import { guardTextInput } from './platform/http/text-input.js';
import { rememberFrameNameParts } from './platform/http/template-frames.js';
import { memoizeRelativeNames } from './platform/http/template-names.js';
import type { Access } from './platform/http/types.js';
import { registerOutboxRoutes } from './platform/mail/routes.js';
import { createMailService, smtpTransport, type MailTransport } from './platform/mail/service.js';
import { registerDirectoryApiRoutes } from './modules/directory/api-routes.js';
import { registerDirectoryRoutes } from './modules/directory/routes.js';
import { createDirectoryService } from './modules/directory/service.js';
import { registerGroupRoutes } from './modules/groups/routes.js';
import { registerRecruitmentRoutes } from './modules/groups/recruitment-routes.js';
import { registerMemberRecordRoutes } from './modules/groups/member-records-routes.js';
import { createGroupsService } from './modules/groups/service.js';
import { createRecruitmentService } from './modules/groups/recruitment-service.js';
import { createMemberRecordsService } from './modules/groups/member-records-service.js';
import {
  createAnnualConferenceBody,
  createDirectorChairsBody,
  createGroupMeetingBody,
} from './modules/groups/meeting-body.js';
import { registerMeetingRoutes } from './modules/meetings/routes.js';
import { createMeetingsService } from './modules/meetings/service.js';
import { registerMinutesRoutes } from './modules/meetings/minutes-routes.js';
import { createMinutesService } from './modules/meetings/minutes-service.js';
import { registerPublicMeetingRoutes } from './modules/meetings/public-routes.js';
import { createPublicMeetingsService } from './modules/meetings/public-service.js';
import { registerPaperRoutes } from './modules/meetings/papers-routes.js';
import { createInvitationsService } from './modules/meetings/invitations-service.js';
import { registerInvitationRoutes } from './modules/meetings/invitations-routes.js';
import { createAdviceService } from './modules/advice/service.js';
import { registerAdviceRoutes } from './modules/advice/routes.js';
import { createDeploymentsService } from './modules/advice/deployments-service.js';
import { registerDeploymentRoutes } from './modules/advice/deployments-routes.js';
import { createOffersService } from './modules/advice/offers-service.js';
import { createEquityService } from './modules/advice/equity-service.js';
import { createDisclosuresService } from './modules/advice/disclosures-service.js';
import { createAdviceDocumentsService } from './modules/advice/documents-service.js';
import { createExpensesService } from './modules/expenses/service.js';
import { createExpenseProcessingService } from './modules/expenses/processing-service.js';
import { createPaymentsService } from './modules/expenses/payments-service.js';
import { createDisputesService } from './modules/expenses/disputes-service.js';
import { createBudgetsService } from './modules/expenses/budgets-service.js';
import { registerExpenseRoutes } from './modules/expenses/routes.js';
import { registerPaymentRoutes } from './modules/expenses/payments-routes.js';
import { registerDisputeRoutes } from './modules/expenses/disputes-routes.js';
import { registerBudgetRoutes } from './modules/expenses/budgets-routes.js';
import { registerOfferRoutes } from './modules/advice/offers-routes.js';
import { registerAdviceDocumentRoutes } from './modules/advice/documents-routes.js';
import { registerFeedRoutes } from './modules/meetings/feeds-routes.js';
import { createTrackerService } from './modules/tracker/service.js';
import { createTrackerReportsService } from './modules/tracker/reports-service.js';
import { registerTrackerRoutes } from './modules/tracker/routes.js';
import { createTrackerRecordsService } from './modules/tracker/records-service.js';
import { registerTrackerRecordRoutes } from './modules/tracker/records-routes.js';
import { createTrackerDashboardService } from './modules/tracker/dashboard-service.js';
import { registerTrackerDashboardRoutes } from './modules/tracker/dashboard-routes.js';
import { createFeedsService } from './modules/meetings/feeds-service.js';
import { createMeetingRemindersService } from './modules/meetings/reminders-service.js';
import { createPapersService } from './modules/meetings/papers-service.js';
import { createMeetingPageService } from './modules/meetings/meeting-page-service.js';
import { documentLabel, fileSizeText } from './platform/files/document-types.js';
import { diskFileStore } from './platform/files/store.js';
import { formatPence, penceAsDecimal } from './platform/money/pence.js';

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const govukDir = path.resolve(srcDir, '../node_modules/govuk-frontend/dist');

export interface AppDeps {
  config: Config;
  database: Database;
  /** Overrides the SMTP transport (tests pass a fake or a local SMTP peer). */
  mailTransport?: MailTransport | null;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Where JSON log lines go instead of stdout (tests read them to prove the redaction). */
  logStream?: { write(line: string): void };
}

export type Services = Awaited<ReturnType<typeof buildServices>>;

export function buildServices(deps: AppDeps) {
  const { config, database } = deps;
  const db = database.db;
  const transport =
    deps.mailTransport !== undefined
      ? deps.mailTransport
      : config.mail.smtpUrl
        ? smtpTransport(config.mail.smtpUrl)
        : null;
  const mail = createMailService(db, config.mail.from, transport);
  const secretBox = createSecretBox(config.secret);
  const directory = createDirectoryService({
    db,
    userIdForEmail: findUserIdByEmail,
    now: deps.now,
  });
  const groups = createGroupsService({ db, config, directory, mail, now: deps.now });
  const recruitment = createRecruitmentService({
    db,
    groups,
    directory,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const memberRecords = createMemberRecordsService({ db, groups, directory });
  const meetings = createMeetingsService({
    db,
    bodies: [
      createGroupMeetingBody({ groups, memberRecords, directory }),
      createDirectorChairsBody({ groups, directory }),
      createAnnualConferenceBody({ groups, directory }),
    ],
    now: deps.now,
  });
  const deployments = createDeploymentsService({
    db,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const meetingMinutes = createMinutesService({
    db,
    meetings,
    advice: deployments.citations,
    now: deps.now,
  });
  const publicMeetings = createPublicMeetingsService({ db, meetings });
  const meetingFeeds = createFeedsService({
    db,
    meetings,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const meetingReminders = createMeetingRemindersService({
    db,
    meetings,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const files = diskFileStore(config.files.dir);
  const meetingPapers = createPapersService({
    db,
    meetings,
    files,
    maxBytes: config.files.maxBytes,
  });
  const meetingPage = createMeetingPageService({
    db,
    meetings,
    minutes: meetingMinutes,
    papers: meetingPapers,
  });
  const meetingInvitations = createInvitationsService({
    db,
    meetings,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const advice = createAdviceService({
    db,
    groups,
    mail,
    publicUrl: config.publicUrl,
    targets: {
      urgentMinutes: config.advice.triageUrgentMinutes,
      routineWorkingDays: config.advice.triageRoutineWorkingDays,
    },
    now: deps.now,
  });
  const offers = createOffersService({ db, now: deps.now });
  const equity = createEquityService({
    db,
    threshold: config.advice.equityThreshold,
    now: deps.now,
  });
  const disclosures = createDisclosuresService({
    db,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const expenses = createExpensesService({
    db,
    groups,
    meetings,
    deployments,
    files,
    maxBytes: config.files.maxBytes,
    mail,
    publicUrl: config.publicUrl,
    limits: config.expenses,
    now: deps.now,
  });
  const expenseProcessing = createExpenseProcessingService({
    db,
    mail,
    publicUrl: config.publicUrl,
    secondApprovalAbovePence: config.expenses.secondApprovalAbovePence,
    now: deps.now,
  });
  const payments = createPaymentsService({
    db,
    mail,
    publicUrl: config.publicUrl,
    exportColumns: config.expenses.exportColumns,
    now: deps.now,
  });
  const expenseDisputes = createDisputesService({
    db,
    mail,
    publicUrl: config.publicUrl,
    now: deps.now,
  });
  const budgets = createBudgetsService({ db, now: deps.now });
  const tracker = createTrackerService({ db, directory, groups, now: deps.now });
  const trackerReports = createTrackerReportsService({
    db,
    directory,
    papers: meetingPapers,
    now: deps.now,
  });
  const trackerRecords = createTrackerRecordsService({ db, directory, now: deps.now });
  const trackerDashboard = createTrackerDashboardService({ db, directory, groups, now: deps.now });
  const adviceDocuments = createAdviceDocumentsService({
    db,
    files,
    maxBytes: config.files.maxBytes,
    now: deps.now,
  });
  const auth = createAuthService({ db, config, mail, secretBox, now: deps.now, sleep: deps.sleep });
  // Boroughs come from the directory, groups from the groups module.
  const scopes: ScopeCatalogue = {
    options: (type) =>
      type === 'group'
        ? groups.scopeCatalogue.options(type)
        : directory.scopeCatalogue.options(type),
    name: (type, id) =>
      type === 'group'
        ? groups.scopeCatalogue.name(type, id)
        : directory.scopeCatalogue.name(type, id),
  };
  const users = createUsersService({ db, config, mail, scopes, now: deps.now });
  const apiTokens = createApiTokenService({ db, now: deps.now });
  const bankHolidays = createBankHolidayService({ db, base: config.bankHolidays, now: deps.now });
  return {
    db,
    database,
    config,
    mail,
    secretBox,
    auth,
    users,
    directory,
    groups,
    recruitment,
    memberRecords,
    meetings,
    meetingMinutes,
    publicMeetings,
    meetingPapers,
    meetingPage,
    meetingInvitations,
    meetingFeeds,
    meetingReminders,
    advice,
    deployments,
    offers,
    equity,
    disclosures,
    adviceDocuments,
    expenses,
    expenseProcessing,
    payments,
    expenseDisputes,
    budgets,
    tracker,
    trackerReports,
    trackerRecords,
    trackerDashboard,
    apiTokens,
    files,
    bankHolidays,
  };
}

/** A registered route and who may use it; the permissions test walks them all. */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

export async function buildApp(deps: AppDeps): Promise<{
  app: FastifyInstance;
  services: Services;
  routes: RouteInfo[];
  handlers: HandlersInFlight;
}> {
  const { config } = deps;
  const { trustProxy } = config;
  const services = buildServices(deps);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Personal data stays out of the logs: no cookies, tokens, bodies or query strings.
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.email',
        '*.password',
      ],
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        // A failed query is logged by its code and statement, never its values (issue 21, item 7).
        err: (err: Error) => databaseErrorForLog(err) ?? pino.stdSerializers.err(err),
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    // A number of hops: the nearest that many proxies are believed, and no further back.
    trustProxy:
      typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // First of the hooks, so that a request is counted before anything it does reads the database.
  const handlers = trackHandlersInFlight(app);
  // Every working-day count in the process uses the bank holidays the settings give, with the
  // newest file an administrator uploaded over them. A database that cannot answer now leaves the
  // settings' data in use until the next reload (server.ts): it must not stop the pages that say
  // the database is unavailable.
  await services.bankHolidays
    .load()
    .then((problem) => problem && app.log.warn({ problem }, 'bank holidays'))
    .catch((err: unknown) => app.log.error({ err }, 'bank-holiday load failed'));

  const navItems: NavItem[] = [
    { text: 'Home', href: '/', visible: () => true },
    { text: 'Directory', href: '/directory', visible: (p) => can(p, 'directory.view') },
    { text: 'Triage', href: '/advice-requests/triage', visible: (p) => can(p, 'advice.triage') },
    {
      text: 'Advice requests',
      href: '/advice-requests',
      visible: (p) => can(p, 'advice.request') && !can(p, 'advice.triage'),
    },
    { text: 'Expenses', href: '/expenses', visible: (p) => can(p, 'expenses.claim') },
    {
      text: 'Expenses',
      href: '/expenses/to-decide',
      visible: (p) => can(p, 'expenses.process') && !can(p, 'expenses.claim'),
    },
    { text: 'Advisory groups', href: '/groups', visible: (p) => can(p, 'groups.view') },
    { text: 'Advisory groups', href: '/advisory-groups', visible: (p) => !can(p, 'groups.view') },
    { text: 'Tracker', href: '/tracker', visible: (p) => can(p, 'tracker.view') },
    { text: 'Users', href: '/admin/users', visible: (p) => can(p, 'users.manage') },
    { text: 'Audit trail', href: '/admin/audit', visible: (p) => can(p, 'audit.view') },
    { text: 'API tokens', href: '/admin/api-tokens', visible: (p) => can(p, 'api-tokens.manage') },
    {
      text: 'Outbox',
      href: '/admin/outbox',
      visible: (p) => !services.mail.delivers && can(p, 'mail.view-outbox'),
    },
    { text: 'Your account', href: '/account', visible: (p) => p?.kind === 'user' },
    { text: 'Sign in', href: '/sign-in', visible: (p) => p === null },
  ];
  const renderPage = createRenderer(navItems);

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(cookie, { secret: config.secret });
  await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
    getToken: (request) => {
      // A file form's token is put here as it is read (platform/http/files.ts).
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });
  // Only marks a multipart request: the upload routes read it themselves, part by part, after
  // the session and CSRF checks (platform/http/files.ts); every other route refuses it unread.
  await app.register(multipart, { throwFileSizeLimit: false });
  app.decorate('uploads', { incomingDir: services.files.incomingDir });
  await app.register(rateLimit, { global: false });
  await app.register(view, {
    engine: { nunjucks },
    templates: [srcDir, govukDir],
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        memoizeRelativeNames(env);
        rememberFrameNameParts();
        // nunjucks' own trim is a regular expression that takes time with the square of the
        // whitespace in the text: on the GOV.UK date input's markup it cost 2 ms a call, about
        // 10 ms of every page with two dates (measured with `npm run bench`). The same result.
        env.addFilter('trim', (text: unknown) =>
          text instanceof nunjucks.runtime.SafeString
            ? new nunjucks.runtime.SafeString(String(text).trim())
            : String(text ?? '').trim(),
        );
        // A day ('2026-11-23'), or an instant read as its day in London.
        env.addFilter('date', (d: string | Date | null | undefined) =>
          d ? formatDate(d instanceof Date ? toLondonDate(d) : d) : '',
        );
        env.addFilter('dateTime', (d: Date | string | null | undefined) =>
          d ? formatDateTime(new Date(d)) : '',
        );
        env.addFilter('time', (d: Date | string | null | undefined) =>
          d ? formatTime(new Date(d)) : '',
        );
        // Money: '£1,234.50' to read, '1234.50' to edit in a form.
        env.addFilter('pence', (p: number) => formatPence(p));
        env.addFilter('poundsDecimal', (p: number) => penceAsDecimal(p));
        // A kept file as GOV.UK describes a download: 'PDF, 120KB'.
        env.addFilter(
          'fileDescription',
          (f: { mediaType: string; sizeBytes: number }) =>
            `${documentLabel(f.mediaType)}, ${fileSizeText(f.sizeBytes)}`,
        );
        addFixedMarkup(env);
      },
    },
  });

  guardTextInput(app);
  // Routes the platform serves for every caller: the design system's files and the API docs.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) {
      route.config = { ...(route.config ?? {}), access: route.config?.access ?? 'public' };
    }
    // The interactive API reference (Swagger UI) is for administrators, who issue the tokens;
    // everyone else reads Bridge's own page about the API (issue 21 item 27).
    if (route.url.startsWith(apiDocsPaths.reference)) {
      route.config = { ...(route.config ?? {}), access: { action: 'api-tokens.manage' } };
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  await app.register(fastifyStatic, {
    root: path.join(govukDir, 'govuk/assets'),
    prefix: '/assets/',
    maxAge: '7d',
    allowedPath: (p) => !p.startsWith('/fonts/'),
  });
  await app.register(fastifyStatic, {
    root: path.join(govukDir, 'govuk'),
    prefix: '/assets/frontend/',
    decorateReply: false,
    maxAge: '7d',
    allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(p),
  });
  await app.register(fastifyStatic, {
    root: path.join(srcDir, 'platform/http/assets'),
    prefix: '/assets/bridge/',
    decorateReply: false,
    maxAge: '1h',
  });

  app.decorateRequest('session', null);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    // A file is read only where one is expected: anywhere else the body is refused unread.
    if (/^\s*multipart\//i.test(request.headers['content-type'] ?? '') && !request.is404)
      if (!request.routeOptions.config.upload) throw new UnsupportedMediaTypeError();
    // What the API answers is about people: no cache, shared or private, keeps a copy.
    if (request.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
    if (
      request.url.startsWith('/assets/') ||
      request.url.startsWith('/health/') ||
      isApiRequest(request)
    )
      return;
    const context = await services.auth.resolveSession(request.cookies[SESSION_COOKIE]);
    request.session = context;
    request.principal = context?.principal ?? null;
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    // Fail closed: a route that says nothing about who may use it is used by nobody.
    if (!access) throw new ForbiddenError();
    if (access !== 'public' && access !== 'signed-out' && access !== 'api') {
      if (!request.principal) throw new UnauthenticatedError();
      if (access !== 'signed-in' && !can(request.principal, access.action))
        throw new ForbiddenError();
    }
    // An upload's token is in its multipart body, checked as the form is read (http/files.ts).
    const checkedWhenRead = request.isMultipart();
    if (
      access !== 'api' &&
      !checkedWhenRead &&
      !['GET', 'HEAD', 'OPTIONS'].includes(request.method)
    ) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
  });

  installErrorHandling(app, renderPage);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bridge API',
        version: '1',
        description:
          'The directory of people and organisations. Authenticate with an API token an administrator issues: `Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, {
    routePrefix: apiDocsPaths.reference,
    staticCSP: true,
    // Its own policy would send the docs' scripts to https where Bridge is served over http.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  const routeDeps = { app, services, renderPage, config };
  registerHealthRoutes(routeDeps);
  registerHomeRoutes(routeDeps);
  registerSignInRoutes(routeDeps);
  registerAccountRoutes(routeDeps);
  registerUserAdminRoutes(routeDeps);
  registerApiTokenRoutes(routeDeps);
  registerApiDocsRoutes(routeDeps);
  registerBankHolidayRoutes(routeDeps);
  registerAuditRoutes(routeDeps);
  registerOutboxRoutes(routeDeps);
  registerDirectoryRoutes(routeDeps);
  registerGroupRoutes(routeDeps);
  registerRecruitmentRoutes(routeDeps);
  registerMemberRecordRoutes(routeDeps);
  registerMeetingRoutes(routeDeps);
  registerMinutesRoutes(routeDeps);
  registerPublicMeetingRoutes(routeDeps);
  registerPaperRoutes(routeDeps);
  registerInvitationRoutes(routeDeps);
  registerAdviceRoutes(routeDeps);
  registerDeploymentRoutes(routeDeps);
  registerOfferRoutes(routeDeps);
  registerAdviceDocumentRoutes(routeDeps);
  registerExpenseRoutes(routeDeps);
  registerPaymentRoutes(routeDeps);
  registerDisputeRoutes(routeDeps);
  registerBudgetRoutes(routeDeps);
  registerTrackerRoutes(routeDeps);
  registerTrackerRecordRoutes(routeDeps);
  registerTrackerDashboardRoutes(routeDeps);
  registerFeedRoutes(routeDeps);
  await app.register(async (api) => registerDirectoryApiRoutes({ ...routeDeps, app: api }), {
    prefix: '/api/v1',
  });

  return { app, services, routes, handlers };
}

export type RouteDeps = {
  app: FastifyInstance;
  services: Services;
  renderPage: ReturnType<typeof createRenderer>;
  config: Config;
};
