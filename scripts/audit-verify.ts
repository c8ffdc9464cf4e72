/** npm run audit:verify — walks the audit chain and reports the first break, if any. */
import { loadConfig } from '../src/app.js';
import { verifyAuditChain } from '../src/platform/audit/service.js';
import { openConfiguredDatabase } from '../src/startup.js';

const database = await openConfiguredDatabase(loadConfig());
try {
  await database.migrate();
  const { checked, redacted, firstBreak } = await verifyAuditChain(database.db);
  if (firstBreak) {
    console.error(
      `Audit chain broken at event ${firstBreak.seq}: ${firstBreak.reason} (${checked} events before it are intact)`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Audit chain intact: ${checked} events checked` +
        (redacted ? `, ${redacted} of them with personal data removed on an erasure` : ''),
    );
  }
} finally {
  await database.close();
}
