/** Start-up: read the settings, open and prepare the database, serve, and stop gracefully. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openAndPrepareDatabase, startupDatabaseProblem } from './startup.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Bridge cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const settings = config;
const { database, prepared } = await openAndPrepareDatabase(settings).catch((error: unknown) => {
  // An unreachable database is a setting to check, not a stack trace to read.
  const problem = startupDatabaseProblem(error, settings);
  if (!problem) throw error;
  console.error(problem);
  return process.exit(1);
});
const { app, services, handlers } = await buildApp({ config, database });
app.log.info({ database: database.kind, ...prepared }, 'database ready');

// Sweeps are safe on several instances at once (SKIP LOCKED, idempotent deletes).
const sweeps = [
  setInterval(
    () =>
      void services.mail
        .deliverDue()
        .catch((err: unknown) => app.log.error({ err }, 'mail sweep failed')),
    15_000,
  ),
  // IAG-18: close terms that have run out, and tell members six months before theirs ends.
  setInterval(
    () =>
      void services.groups
        .closeEndedTerms()
        .then(() => services.groups.sendTermEndNotices())
        .catch((err: unknown) => app.log.error({ err }, 'membership sweep failed')),
    60 * 60_000,
  ),
  // Meetings: reminders two days before, and to whoever scheduled one whose minutes are late.
  setInterval(
    () =>
      void services.meetingReminders
        .sendMeetingReminders()
        .then(() => services.meetingReminders.sendMinutesReminders())
        .catch((err: unknown) => app.log.error({ err }, 'meeting reminder sweep failed')),
    60 * 60_000,
  ),
  // IAG-08: requests past their targets for triage or nomination, escalated by e-mail once.
  setInterval(
    () =>
      void services.advice
        .escalateOverdue()
        .catch((err: unknown) => app.log.error({ err }, 'advice escalation sweep failed')),
    5 * 60_000,
  ),
  // Bank holidays an administrator uploaded on another instance are put in use here too.
  setInterval(
    () =>
      void services.bankHolidays
        .load()
        .then((problem) => problem && app.log.warn({ problem }, 'bank holidays'))
        .catch((err: unknown) => app.log.error({ err }, 'bank-holiday reload failed')),
    10 * 60_000,
  ),
  setInterval(
    () =>
      void services.auth
        .sweepExpired()
        .catch((err: unknown) => app.log.error({ err }, 'session sweep failed')),
    10 * 60_000,
  ),
];

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'stopping after an error');
  else app.log.info({ signal }, 'stopping: finishing requests in flight');
  sweeps.forEach(clearInterval);
  await app.close();
  // A request whose client has gone still runs: it finishes before the database closes.
  await handlers.settled();
  // What was left for after an answer (a password reset's e-mail) finishes too.
  await services.auth.settled();
  await database.close();
});

await app.listen({ port: config.port, host: config.host });
if (config.demo) {
  app.log.info(`Bridge is running at ${config.publicUrl} with demo accounts (see README.md)`);
}
