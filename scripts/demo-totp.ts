/** npm run demo:totp -- <e-mail> — the current second-factor code of a demo account. */
import { DEMO_ACCOUNTS } from '../src/demo/demo-data.js';
import { totpCode } from '../src/platform/auth/totp.js';

const email = process.argv[2];
const withSecret = DEMO_ACCOUNTS.filter((a) => a.totpSecret);
const account = withSecret.find((a) => a.email === email);
if (!account?.totpSecret) {
  console.error(
    `Usage: npm run demo:totp -- <e-mail>\nDemo accounts with a second factor: ${withSecret.map((a) => a.email).join(', ')}`,
  );
  process.exit(2);
}
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totpCode(account.totpSecret)}  (valid for ${secondsLeft} more seconds)`);
