/**
 * Every setting Bridge reads, typed and validated once at start-up.
 * Nothing else in the code reads process.env.
 */
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BankHolidayFileError,
  mergeBankHolidayData,
  parseGovUkBankHolidays,
  ukBankHolidays,
  type BankHolidayData,
} from './platform/calendar/index.js';
import {
  bool,
  ConfigError,
  int,
  type Env,
  type ModuleSettings,
  type ModuleSettingsDeclarations,
} from './platform/settings.js';
import { DEFAULT_LANGUAGE, loadMessages } from './platform/i18n/messages.js';
import { say } from './platform/i18n/said.js';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './platform/db/database.js';

/** The platform's settings; each module's own are added under its name (ModuleSettings). */
export interface PlatformConfig {
  port: number;
  host: string;
  /** Public base URL, used to build links in e-mails. */
  publicUrl: string;
  /** PostgreSQL server URL; when absent Bridge runs on embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** PostgreSQL only: how long to wait for the server before answering 503 (issue 21, item 8). */
  databaseTimeouts: DatabaseTimeouts;
  dataDir: string;
  /** Load the demo accounts and data on first start. */
  demo: boolean;
  /** JSON file of the area's reference organisations; London when not set. */
  referenceDataFile: string | undefined;
  /** The bank holidays in use: the shipped data, with BANK_HOLIDAYS_FILE's years over it. */
  bankHolidays: BankHolidayData;
  /** Secret for signing cookies and encrypting second-factor secrets. */
  secret: string;
  /**
   * Which proxies' X-Forwarded-* headers are believed: none (false), the nearest N hops, or the
   * proxies at these addresses and ranges. Never every entry, which a client could write itself.
   */
  trustProxy: false | number | string[];
  logLevel: string;
  bodyLimitBytes: number;
  session: { idleMinutes: number; absoluteHours: number };
  signIn: {
    /** Failures per account in the window before the account is locked. */
    maxFailuresPerAccount: number;
    /** Failures per address in the window before the address is locked. */
    maxFailuresPerAddress: number;
    /** Failures after which each attempt is slowed. */
    slowAfterFailures: number;
    windowMinutes: number;
    lockMinutes: number;
    /** Requests per minute per address to the sign-in and reset forms, before any checking. */
    requestsPerMinute: number;
  };
  passwordResetMinutes: number;
  mail: { smtpUrl: string | undefined; from: string };
  /** Uploaded files (meeting papers, advice documents): where they are kept, the largest accepted. */
  files: { dir: string; maxBytes: number };
  /** DP-03: how many days before a record's retention period ends its owner is warned. */
  retention: { warningDays: number };
  timeZone: 'Europe/London';
}

export interface Config extends PlatformConfig, ModuleSettings {}

export { ConfigError };

const DEV_SECRET = 'bridge-development-secret-do-not-use-in-production';

/**
 * BANK_HOLIDAYS_FILE: a copy of https://www.gov.uk/bank-holidays.json, whose years replace or
 * extend the shipped bank holidays, so a new year's holidays need no new release of Bridge.
 */
function bankHolidays(env: Env, name: string): BankHolidayData {
  const file = env[name];
  if (!file) return ukBankHolidays;
  let text: string;
  try {
    text = readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${name} names ${file}, which cannot be read: ${(error as Error).message}`,
    );
  }
  try {
    return mergeBankHolidayData(ukBankHolidays, parseGovUkBankHolidays(JSON.parse(text)));
  } catch (error) {
    // Read by whoever runs Bridge, in the default language: the catalogue is read only now.
    const t = loadMessages(path.dirname(fileURLToPath(import.meta.url))).translator(
      DEFAULT_LANGUAGE,
    );
    const reason =
      error instanceof BankHolidayFileError
        ? say(t, error.reason)
        : error instanceof SyntaxError
          ? t('admin.bankHolidays.errors.notJson')
          : (error as Error).message;
    throw new ConfigError(
      `${name} (${file}) must be the bank-holidays file GOV.UK publishes at https://www.gov.uk/bank-holidays.json, but ${reason}`,
    );
  }
}

/**
 * TRUST_PROXY: `false`, a number of proxy hops (1 for one load balancer), or a comma-separated
 * list of the proxies' addresses and CIDR ranges. `true` is refused: it believed the left-most
 * X-Forwarded-For entry, which any client can write, so per-address limits could be dodged.
 */
function trustedProxies(env: Env, name: string): false | number | string[] {
  const raw = env[name]?.trim() ?? '';
  if (raw === '' || ['false', 'no', '0'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase()))
    throw new ConfigError(
      `${name}=true would believe any X-Forwarded-For a client writes: set it to the number of proxies in front of Bridge (usually 1) or to their addresses, like 10.0.0.0/8`,
    );
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`${name} must be between 1 and 10 proxies, got ${raw}`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!version || !prefixOk || rest.length > 0)
      throw new ConfigError(
        `${name} must be false, a number of proxies, or a list of proxy addresses and ranges like 10.0.0.0/8,192.168.1.10; "${entry}" is not an address or range`,
      );
  }
  return entries;
}

/**
 * Reads and checks every setting: the platform's here, each module's by the declaration the
 * wiring point (app.ts) passes in. A ConfigError names the first setting that is wrong.
 */
export function readConfig(given: Env | undefined, modules: ModuleSettingsDeclarations): Config {
  const env = given ?? process.env;
  const demo = bool(env, 'BRIDGE_DEMO', true);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const secret = env.BRIDGE_SECRET || (demo ? DEV_SECRET : '');
  if (!secret) throw new ConfigError('BRIDGE_SECRET must be set when BRIDGE_DEMO is false');
  if (secret.length < 32) throw new ConfigError('BRIDGE_SECRET must be at least 32 characters');
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl,
    databaseTimeouts: {
      connectMs: int(
        env,
        'DB_CONNECT_TIMEOUT_MS',
        DEFAULT_DATABASE_TIMEOUTS.connectMs,
        100,
        600_000,
      ),
      statementMs: int(
        env,
        'DB_STATEMENT_TIMEOUT_MS',
        DEFAULT_DATABASE_TIMEOUTS.statementMs,
        100,
        3_600_000,
      ),
      idleInTransactionMs: int(
        env,
        'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs,
        100,
        3_600_000,
      ),
    },
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    demo,
    referenceDataFile: env.REFERENCE_DATA_FILE ? path.resolve(env.REFERENCE_DATA_FILE) : undefined,
    bankHolidays: bankHolidays(env, 'BANK_HOLIDAYS_FILE'),
    secret,
    trustProxy: trustedProxies(env, 'TRUST_PROXY'),
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    session: {
      idleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    },
    signIn: {
      maxFailuresPerAccount: int(env, 'SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      maxFailuresPerAddress: int(env, 'SIGN_IN_MAX_FAILURES_PER_ADDRESS', 30, 1, 10000),
      slowAfterFailures: int(env, 'SIGN_IN_SLOW_AFTER_FAILURES', 2, 0, 1000),
      windowMinutes: int(env, 'SIGN_IN_WINDOW_MINUTES', 15, 1, 24 * 60),
      lockMinutes: int(env, 'SIGN_IN_LOCK_MINUTES', 15, 1, 24 * 60),
      requestsPerMinute: int(env, 'SIGN_IN_REQUESTS_PER_MINUTE', 30, 1, 100_000),
    },
    passwordResetMinutes: int(env, 'PASSWORD_RESET_MINUTES', 30, 5, 24 * 60),
    mail: { smtpUrl, from: env.MAIL_FROM || 'Bridge <no-reply@bridge.localhost>' },
    files: {
      dir: path.resolve(env.FILES_DIR || path.join(env.DATA_DIR || 'data', 'files')),
      maxBytes: int(env, 'FILE_MAX_MB', 10, 1, 100) * 1024 * 1024,
    },
    retention: { warningDays: int(env, 'RETENTION_WARNING_DAYS', 30, 1, 365) },
    timeZone: 'Europe/London',
    ...readModuleSettings(env, modules),
  };
}

function readModuleSettings(env: Env, modules: ModuleSettingsDeclarations): ModuleSettings {
  return Object.fromEntries(
    Object.entries(modules).map(([name, read]) => [name, (read as (e: Env) => unknown)(env)]),
  ) as unknown as ModuleSettings;
}

/** Settings for tests: embedded database in memory, fast and quiet. */
export function readTestConfig(
  modules: ModuleSettingsDeclarations,
  overrides: Partial<Config> = {},
): Config {
  return {
    ...readConfig(
      {
        BRIDGE_DEMO: 'true',
        LOG_LEVEL: 'silent',
        SIGN_IN_REQUESTS_PER_MINUTE: '100000',
        // Uploaded files go to a temporary directory, never into the working copy: one for each
        // test process, so that a file on its way in for one test file is never in another's.
        FILES_DIR: path.join(os.tmpdir(), 'bridge-test-files', String(process.pid)),
      },
      modules,
    ),
    ...overrides,
  };
}
