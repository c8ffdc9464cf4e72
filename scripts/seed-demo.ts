/** npm run seed:demo — removes the demo accounts and data and loads them afresh. */
import { loadConfig } from '../src/app.js';
import { loadDemoData, removeDemoData } from '../src/demo/demo-data.js';
import { createSecretBox } from '../src/platform/auth/secret-box.js';
import { openConfiguredDatabase, prepareDatabase } from '../src/startup.js';

const config = { ...loadConfig(), demo: false };
const database = await openConfiguredDatabase(config);
try {
  await prepareDatabase(database, config);
  await removeDemoData(database.db);
  await loadDemoData(database.db, createSecretBox(config.secret));
  console.log('Demo data re-created. The accounts are listed in README.md.');
} finally {
  await database.close();
}
