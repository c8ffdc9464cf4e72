import { after, before, test } from 'node:test';
import { signInThroughPages, startE2E, visit, type E2E } from './support.js';

let e2e: E2E;
before(async () => {
  // The demo data: this journey checks what a new user of the demo reaches first.
  e2e = await startE2E({ demo: true });
});
after(() => e2e.close());

test('the public home page and sign in are accessible', async () => {
  const page = await e2e.newPage();
  await visit(page, '/');
  await signInThroughPages(page, 'administrator');
  await visit(page, '/admin/users');
});
