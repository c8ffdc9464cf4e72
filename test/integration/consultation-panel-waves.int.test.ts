/**
 * CON-06: the review of the panel's waves (issue 25 item 7). A wave for a consultation not yet
 * open says when it opens, in the e-mail and on the link's page, and takes no response before
 * then; the waves page reads every wave's response rate in one grouped query; and two officers
 * sending the same consultation at once send it once, the second told so in words.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/platform/mail/schema.js';
import { invitations, responses } from '../../src/modules/consultation/schema.js';
import { panelWaves } from '../../src/modules/consultation/panel/schema.js';
import { Agent, createTestApp, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { textOf as text } from '../html.js';

let t: TestApp;
let queries = 0;
let counting = false;
before(async () => {
  t = await createTestApp({ onQuery: () => void (counting && queries++) });
});
after(() => t.close());

async function someBorough(app: TestApp) {
  const [first] = await app.services.directory.scopeCatalogue.options('borough');
  return first!.id;
}

const mailTo = async (email: string) => {
  const [mail] = await t.services.db
    .select({ body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email));
  return mail!.body;
};

test('CON-06: a wave for a consultation not yet open says when it opens, and takes no response before then', async () => {
  const [member] = await makePanelMembers(t, [{ boroughId: await someBorough(t) }]);
  // Today in the tests is 23 November 2026.
  const later = await makeConsultation(t, {
    audience: 'panel',
    title: 'Policing the night-time economy',
    opensOn: '2026-12-10',
  });
  const officer = await signInNewAccount(t, 'authority_officer');
  const form = text((await officer.get('/consultation/panel/waves/new')).body);
  assert.match(
    form,
    /Policing the night-time economy Opens on 10 December 2026: members can respond from then/,
  );
  const sent = await officer.post('/consultation/panel/waves/new', {
    consultationId: later.id,
    kind: 'whole',
  });
  assert.equal(sent.statusCode, 303);

  const mail = await mailTo(member!.email);
  assert.match(mail, /The consultation opens on 10 December 2026: your link works from then\./);
  const link = /\/consultations\/invited\/[A-Za-z0-9_-]+/.exec(mail)![0];
  const visitor = new Agent(t.app);
  const page = text((await visitor.get(link)).body);
  assert.match(page, /This consultation opens on 10 December 2026\./);
  assert.doesNotMatch(page, /closed/i);
  assert.doesNotMatch(page, /Start now/);
  // Sending the form anyway (an old tab, a robot) is refused with the opening day, not "closed".
  const refused = await visitor.post(link, {});
  assert.equal(refused.statusCode, 409);
  const words = text(refused.body);
  assert.match(words, /This consultation opens on 10 December 2026\. You can respond from then/);
  assert.doesNotMatch(words, /closed/i);
  const [invitation] = await t.services.db
    .select({ id: invitations.id })
    .from(invitations)
    .where(eq(invitations.consultationId, later.id));
  const begun = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.invitationId, invitation!.id));
  assert.equal(begun.length, 0, 'no response begun before it opens');
});

test('CON-06: the waves page reads every wave with its response rate, in one grouped query whatever the number of waves', async () => {
  const app = await createTestApp({ onQuery: () => void (counting && queries++) });
  try {
    const boroughId = await someBorough(app);
    const members = await makePanelMembers(
      app,
      Array.from({ length: 4 }, () => ({ boroughId })),
    );
    const manager = await signInNewAccount(app, 'authority_officer');
    const send = async (title: string, answered: number) => {
      const c = await makeConsultation(app, { audience: 'panel', title });
      const sent = await manager.post('/consultation/panel/waves/new', {
        consultationId: c.id,
        kind: 'whole',
      });
      assert.equal(sent.statusCode, 303);
      const invited = await app.services.db
        .select()
        .from(invitations)
        .where(eq(invitations.consultationId, c.id));
      for (const row of invited.slice(0, answered))
        await app.services.db.insert(responses).values({
          consultationId: c.id,
          versionId: c.versionId,
          invitationId: row.id,
          submittedAt: new Date('2026-11-23T11:00:00Z'),
        });
    };
    const page = async () => {
      queries = 0;
      counting = true;
      const body = text((await manager.get('/consultation/panel/waves')).body);
      counting = false;
      return { body, queries };
    };
    await send('Wave one', 1);
    await send('Wave two', 3);
    const few = await page();
    await send('Wave three', 0);
    await send('Wave four', 4);
    const more = await page();
    assert.match(more.body, /4 waves/);
    assert.match(more.body, /Wave one 23 November 2026 at 10am The whole panel 4 1 25\.0%/);
    assert.match(more.body, /Wave two 23 November 2026 at 10am The whole panel 4 3 75\.0%/);
    assert.match(more.body, /Wave three 23 November 2026 at 10am The whole panel 4 0 0\.0%/);
    assert.match(more.body, /Wave four 23 November 2026 at 10am The whole panel 4 4 100\.0%/);
    assert.equal(more.queries, few.queries, 'no query per wave');
    assert.equal(members.length, 4);
  } finally {
    await app.close();
  }
});

test('CON-06: two officers sending the same consultation at once send it once; the second is told it was sent', async () => {
  const boroughId = await someBorough(t);
  const members = await makePanelMembers(t, [{ boroughId }, { boroughId }, { boroughId }]);
  const c = await makeConsultation(t, { audience: 'panel', title: 'Sent at once' });
  const [first, second] = await Promise.all([
    makeAccount(t, { role: 'authority_officer' }),
    makeAccount(t, { role: 'authority_officer' }),
  ]);
  const results = await Promise.allSettled(
    [first!, second!].map(async (account) =>
      t.services.consultationPanelWaves.send(await principalFor(t, account.email), {
        consultationId: c.id,
        kind: 'whole',
      }),
    ),
  );
  const sent = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r) => r.status === 'rejected');
  assert.equal(sent.length, 1, 'one wave sent');
  assert.equal(refused.length, 1);
  const reason = (refused[0] as PromiseRejectedResult).reason as Error;
  assert.equal(reason.constructor.name, 'ValidationError');
  assert.match(
    reason.message,
    /consultationId: Sent at once was already sent to the panel, at 23 November 2026 at 10am\. A consultation goes to the panel once/,
  );
  const waves = await t.services.db
    .select()
    .from(panelWaves)
    .where(eq(panelWaves.consultationId, c.id));
  assert.equal(waves.length, 1);
  const invited = await t.services.db
    .select()
    .from(invitations)
    .where(eq(invitations.consultationId, c.id));
  assert.equal(invited.length, waves[0]!.invited);
  for (const m of members) {
    assert.equal(invited.filter((i) => i.panelMemberId === m.id).length, 1, 'invited once');
    const mails = await t.services.db.select().from(outbox).where(eq(outbox.toAddress, m.email));
    assert.equal(mails.length, 1, 'each member e-mailed once');
  }
  // The form says the same in its error summary, naming the field.
  const officer = await signInNewAccount(t, 'authority_officer');
  const again = await officer.post('/consultation/panel/waves/new', {
    consultationId: c.id,
    kind: 'whole',
  });
  assert.equal(again.statusCode, 400);
  assert.match(text(again.body), /There is a problem Sent at once was already sent to the panel/);
  assert.match(again.body, /href="#consultationId"/);
});
