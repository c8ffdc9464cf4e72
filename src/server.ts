/** Start-up: read the settings, open and prepare the database, serve, and stop gracefully. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './app.js';
import { ConfigError } from './config.js';
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
const { app, services, handlers, sweeps } = await buildApp({ config, database });
app.log.info({ database: database.kind, ...prepared }, 'database ready');

// Every sweep, the platform's and each module's, is safe on several instances at once (SKIP
// LOCKED, idempotent deletes); one that fails is logged and tried again at its next turn.
const timers = sweeps.map((sweep) =>
  setInterval(
    () =>
      void sweep
        .run()
        .catch((err: unknown) => app.log.error({ err }, `${sweep.name} sweep failed`)),
    sweep.everyMs,
  ),
);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'stopping after an error');
  else app.log.info({ signal }, 'stopping: finishing requests in flight');
  timers.forEach(clearInterval);
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
