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
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import { readConfig, readTestConfig, type Config } from './config.js';
import { registerApiTokenRoutes } from './platform/api/admin-routes.js';
import { registerApiDocsRoutes } from './platform/api/docs-routes.js';
import { apiDocsPaths } from './platform/api/paths.js';
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
import type { ScopeType } from './platform/auth/roles.js';
import { createUsersService, type ScopeCatalogue } from './platform/auth/users-service.js';
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
import { installPublicCache } from './platform/http/public-cache.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { OneLinePerRequest } from './platform/http/request-log.js';
import { createRenderer } from './platform/http/render.js';
import { serviceNavigation } from './platform/http/service-navigation.js';
import { platformSweeps } from './platform/sweeps.js';
import { createRecordNotes } from './platform/record-notes.js';
import { registerRetentionRoutes } from './platform/retention/routes.js';
import { createRetentionService } from './platform/retention/service.js';
import { createRetentionSweep, retentionSweep } from './platform/retention/sweep.js';
import {
  trackHandlersInFlight,
  type HandlersInFlight,
} from './platform/http/handlers-in-flight.js';
import { addFixedMarkup } from './platform/http/fixed-markup.js';
import { installLanguage } from './platform/i18n/language.js';
import { DEFAULT_LANGUAGE, loadMessages, type Catalogues } from './platform/i18n/messages.js';
import { addMessages } from './platform/i18n/templates.js';
import { guardTextInput } from './platform/http/text-input.js';
import { rememberFrameNameParts } from './platform/http/template-frames.js';
import { memoizeRelativeNames } from './platform/http/template-names.js';
import type { Access } from './platform/http/types.js';
import type { BridgeModule, PlatformServices, RouteDeps, Sweep } from './platform/modules.js';
import type { Env, ModuleSettingsDeclarations } from './platform/settings.js';
import { registerOutboxRoutes } from './platform/mail/routes.js';
import { collectOpenData } from './platform/open-data/dataset.js';
import { createOwnExport } from './platform/person-data/own-export.js';
import { registerOpenDataRoutes } from './platform/open-data/routes.js';
import { createMailService, smtpTransport, type MailTransport } from './platform/mail/service.js';
import { createAdviceModule, readAdviceSettings } from './modules/advice/index.js';
import {
  createConsultationModule,
  readConsultationSettings,
} from './modules/consultation/index.js';
import { createTrainingModule } from './modules/training/index.js';
import { createGoodPracticeModule } from './modules/good-practice/index.js';
import { createStopSearchModule, readStopSearchSettings } from './modules/stop-search/index.js';
import { createIndicatorsModule } from './modules/indicators/index.js';
import { createWorkforceModule } from './modules/workforce/index.js';
import { createInformationRightsModule } from './modules/information-rights/index.js';
import { createFoiModule, readFoiSettings } from './modules/foi/index.js';
import {
  createCustodyVisitingModule,
  readCustodyVisitingSettings,
} from './modules/custody-visiting/index.js';
import { createDirectoryModule } from './modules/directory/index.js';
import { createExpensesModule, readExpensesSettings } from './modules/expenses/index.js';
import { createEngagementModule } from './modules/engagement/index.js';
import { createGrantsModule, readGrantsSettings } from './modules/grants/index.js';
import { createGroupsModule, readGroupsSettings } from './modules/groups/index.js';
import { createMeetingsModule } from './modules/meetings/index.js';
import {
  createPartnershipsModule,
  readPartnershipsSettings,
} from './modules/partnerships/index.js';
import { createTrackerModule } from './modules/tracker/index.js';
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
  /** Message catalogues over those found in src/ (a test's second language). */
  catalogues?: Catalogues;
}

/**
 * Every module's settings, checked with the platform's at start-up (config.ts). A module with
 * settings adds one line here.
 */
export const MODULE_SETTINGS: ModuleSettingsDeclarations = {
  groups: readGroupsSettings,
  advice: readAdviceSettings,
  expenses: readExpensesSettings,
  custodyVisiting: readCustodyVisitingSettings,
  consultation: readConsultationSettings,
  partnerships: readPartnershipsSettings,
  stopSearch: readStopSearchSettings,
  grants: readGrantsSettings,
  foi: readFoiSettings,
};

/** Every setting, read from the environment (process.env unless given). */
export function loadConfig(env?: Env): Config {
  return readConfig(env, MODULE_SETTINGS);
}

/** Settings for tests: embedded database in memory, fast and quiet. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return readTestConfig(MODULE_SETTINGS, overrides);
}

export type Services = ReturnType<typeof buildServices>['services'];

/**
 * The platform's services, then the modules, each given the public APIs of the modules it
 * uses. Adding a module is its line here, in the order of what it uses.
 */
export function buildServices(deps: AppDeps) {
  const { config, database, now } = deps;
  const db = database.db;
  const messages = loadMessages(srcDir, deps.catalogues);
  // The services' refusals and e-mails are written in the default language.
  const t = messages.translator(DEFAULT_LANGUAGE);
  const transport =
    deps.mailTransport !== undefined
      ? deps.mailTransport
      : config.mail.smtpUrl
        ? smtpTransport(config.mail.smtpUrl)
        : null;
  const mail = createMailService(db, config.mail.from, transport);
  const secretBox = createSecretBox(config.secret);
  // Who a scoped role can be given for: boroughs from the directory, groups from the groups
  // module, panels and suites from custody visiting, engagement groups from engagement; asked when an administrator gives a role,
  // after every module is built.
  const catalogueOf = (type: ScopeType): ScopeCatalogue =>
    type === 'group'
      ? groups.api.scopeCatalogue
      : type === 'panel' || type === 'suite'
        ? custodyVisiting.api.scopeCatalogue
        : type === 'engagement_group'
          ? engagement.api.scopeCatalogue
          : directory.api.directory.scopeCatalogue;
  const scopes: ScopeCatalogue = {
    options: (type) => catalogueOf(type).options(type),
    name: (type, id) => catalogueOf(type).name(type, id),
  };
  const platform: PlatformServices = {
    db,
    database,
    config,
    mail,
    secretBox,
    auth: createAuthService({ db, config, mail, secretBox, now, sleep: deps.sleep, t }),
    users: createUsersService({ db, config, mail, scopes, now, t }),
    apiTokens: createApiTokenService({ db, now, t }),
    files: diskFileStore(config.files.dir),
    bankHolidays: createBankHolidayService({ db, base: config.bankHolidays, now }),
    t,
    // Asked by a record's page, after every module is built.
    recordNotes: createRecordNotes(() => modules),
  };

  const directory = createDirectoryModule({ platform, now });
  const meetings = createMeetingsModule({ platform, now });
  const groups = createGroupsModule({
    platform,
    now,
    directory: directory.api,
    meetings: meetings.api,
  });
  const advice = createAdviceModule({
    platform,
    now,
    directory: directory.api,
    groups: groups.api,
    meetings: meetings.api,
  });
  const expenses = createExpensesModule({
    platform,
    now,
    directory: directory.api,
    groups: groups.api,
    meetings: meetings.api,
    advice: advice.api,
  });
  const tracker = createTrackerModule({
    platform,
    now,
    directory: directory.api,
    groups: groups.api,
    meetings: meetings.api,
  });
  const custodyVisiting = createCustodyVisitingModule({
    platform,
    now,
    directory: directory.api,
    meetings: meetings.api,
  });
  const engagement = createEngagementModule({
    platform,
    now,
    directory: directory.api,
    meetings: meetings.api,
  });
  const consultation = createConsultationModule({
    platform,
    now,
    directory: directory.api,
    engagement: engagement.api,
    groups: groups.api,
    meetings: meetings.api,
    tracker: tracker.api,
  });
  const partnerships = createPartnershipsModule({ platform, now, directory: directory.api });
  const training = createTrainingModule({ platform, now, directory: directory.api });
  const goodPractice = createGoodPracticeModule({ platform, now, directory: directory.api });
  const stopSearch = createStopSearchModule({ platform, now, directory: directory.api });
  const indicators = createIndicatorsModule({
    platform,
    now,
    directory: directory.api,
    measures: () => modules.flatMap((m) => m.measures ?? []),
  });
  const workforce = createWorkforceModule({ platform, now });
  const informationRights = createInformationRightsModule({
    platform,
    now,
    directory: directory.api,
    modules: () => modules,
  });
  const foi = createFoiModule({
    platform,
    now,
    groups: groups.api,
    meetings: meetings.api,
    advice: advice.api,
  });
  const grants = createGrantsModule({
    platform,
    now,
    directory: directory.api,
    engagement: engagement.api,
    meetings: meetings.api,
    tracker: tracker.api,
    consultation: consultation.api,
  });
  const modules: readonly BridgeModule[] = [
    directory,
    groups,
    meetings,
    advice,
    expenses,
    tracker,
    custodyVisiting,
    consultation,
    partnerships,
    training,
    engagement,
    grants,
    goodPractice,
    stopSearch,
    indicators,
    workforce,
    informationRights,
    foi,
  ];
  // DP-03: the retention schedule is every module's kinds of personal record that Bridge acts on.
  const clock = now ?? (() => new Date());
  const retention = createRetentionService({
    db,
    parts: modules.flatMap((m) => (m.retention ?? []).flatMap((r) => r.schedule ?? [])),
    personExists: async (executor, personId) =>
      (await directory.api.directory.lookups.people(executor, [personId])).has(personId),
    now: clock,
    t,
  });
  const retentionRunner = createRetentionSweep({
    db,
    retention,
    mail,
    now: clock,
    warningDays: config.retention.warningDays,
    publicUrl: config.publicUrl,
    t,
  });
  // Every service by name, for tests that drive a service directly.
  const services = {
    ...platform,
    retention,
    retentionSweep: retentionRunner,
    ...directory.services,
    ...groups.services,
    ...meetings.services,
    ...advice.services,
    ...expenses.services,
    ...tracker.services,
    ...custodyVisiting.services,
    ...consultation.services,
    ...partnerships.services,
    ...training.services,
    ...engagement.services,
    ...grants.services,
    ...goodPractice.services,
    ...stopSearch.services,
    ...indicators.services,
    ...workforce.services,
    ...informationRights.services,
    ...foi.services,
  };
  // DP-02: a signed-in person's own export, from every module and the account.
  const ownExport = createOwnExport({
    db,
    modules,
    files: platform.files,
    t,
    now: now ?? (() => new Date()),
    personIdForUser: (executor, userId) =>
      directory.api.directory.lookups.personIdForUser(executor, userId),
  });
  return { platform, modules, services, messages, ownExport };
}

/** A registered route and who may use it; the permissions test walks them all. */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  /** Kept for anyone not signed in while the data it reads is unchanged (ADR 0016). */
  publicCache: boolean;
}

export async function buildApp(deps: AppDeps): Promise<{
  app: FastifyInstance;
  services: Services;
  routes: RouteInfo[];
  handlers: HandlersInFlight;
  /** Work each running instance does on a timer (server.ts starts them). */
  sweeps: Sweep[];
}> {
  const { config } = deps;
  const { trustProxy } = config;
  const { platform, modules, services, messages, ownExport } = buildServices(deps);

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
    logController: new OneLinePerRequest(),
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

  const renderPage = createRenderer(serviceNavigation(platform, modules), messages);

  installSecurityHeaders(app, path.join(govukDir, 'govuk/template.njk'));
  await app.register(cookie, { secret: config.secret });
  installLanguage(app, messages);
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
        // Money: '£1,234.50' to read, '1234.50' to edit in a form.
        env.addFilter('pence', (p: number) => formatPence(p));
        env.addFilter('poundsDecimal', (p: number) => penceAsDecimal(p));
        addMessages(env, messages);
        addFixedMarkup(env, messages.languages);
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
      if (method !== 'HEAD')
        routes.push({
          method,
          url: route.url,
          access: route.config?.access,
          publicCache: Boolean(route.config?.publicCache),
        });
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

  // After the access check above: a kept public page is sent only to whoever may read it.
  installPublicCache(app, { db: platform.db, now: deps.now ?? (() => new Date()) });
  installErrorHandling(app, renderPage);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bridge API',
        version: '1',
        description:
          'The directory of people and organisations: authenticate with an API token an administrator issues, `Authorization: Bearer <token>`. Open data (tag "Open data") is public: read it with no token.',
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

  const routeDeps: RouteDeps = { app, services: platform, renderPage, config };
  registerHealthRoutes(routeDeps);
  registerHomeRoutes(routeDeps, modules);
  registerSignInRoutes(routeDeps);
  registerAccountRoutes(routeDeps, ownExport);
  registerUserAdminRoutes(routeDeps);
  registerApiTokenRoutes(routeDeps);
  registerApiDocsRoutes(routeDeps);
  registerBankHolidayRoutes(routeDeps);
  registerAuditRoutes(routeDeps);
  registerOutboxRoutes(routeDeps);
  registerRetentionRoutes(routeDeps, services.retention, config.retention.warningDays);
  for (const module of modules) await module.registerRoutes(app, renderPage);
  registerOpenDataRoutes(routeDeps, collectOpenData(modules));

  const sweeps = [
    ...platformSweeps(platform, app.log),
    retentionSweep(services.retentionSweep),
    ...modules.flatMap((m) => m.sweeps ?? []),
  ];
  return { app, services, routes, handlers, sweeps };
}
