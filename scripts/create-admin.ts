/**
 * npm run admin:create -- <e-mail> "<full name>" — the first administrator of a new
 * installation (BRIDGE_DEMO=false has no accounts). Prints a one-time link to set the password.
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/app.js';
import { recordAudit } from '../src/platform/audit/service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { roleAssignments, users } from '../src/platform/auth/schema.js';
import { issueSetPasswordLink, newToken, normaliseEmail } from '../src/platform/auth/service.js';
import { openConfiguredDatabase, prepareDatabase } from '../src/startup.js';

const [emailArg, name] = process.argv.slice(2);
const email = normaliseEmail(emailArg ?? '');
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || !name?.trim()) {
  console.error('Usage: npm run admin:create -- <e-mail> "<full name>"');
  process.exit(2);
}
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  await prepareDatabase(database, config);
  const [existing] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  if (existing) {
    console.error(`An account for ${email} already exists`);
    process.exitCode = 1;
  } else {
    const passwordHash = await hashPassword(newToken());
    const link = await database.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, displayName: name.trim(), passwordHash })
        .returning();
      await tx.insert(roleAssignments).values({ userId: user!.id, role: 'administrator' });
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: 'user.created',
        recordType: 'user',
        recordId: user!.id,
        after: { email, displayName: user!.displayName, role: 'administrator' },
      });
      return issueSetPasswordLink(tx, {
        userId: user!.id,
        minutes: 24 * 60,
        publicUrl: config.publicUrl,
        now: new Date(),
      });
    });
    console.log(
      `Administrator ${email} created. Open this link within 24 hours to choose a password, then set up the second factor:\n${link}`,
    );
  }
} finally {
  await database.close();
}
