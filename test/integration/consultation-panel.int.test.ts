/**
 * Issue 25 item 7 (CON-06, DP-01, DP-03): the citizens' panel through its pages. Joining by the
 * public form and by invitation, each confirmed by the e-mailed link; the balance against the
 * population with small monitoring counts suppressed; waves to the whole panel or a balanced
 * sample, their invitations and e-mails, and response rates; leaving by one link and the
 * anonymisation it brings; quiet members asked once whether to stay; and the refusals.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray, isNotNull, like } from 'drizzle-orm';
import { hashToken, newToken } from '../../src/platform/auth/credentials.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import {
  invitations,
  responseMonitoring,
  responses,
} from '../../src/modules/consultation/schema.js';
import {
  panelMemberMonitoring,
  panelMembers,
  panelWaves,
} from '../../src/modules/consultation/panel/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { uniqueTag } from '../factories/directory.js';
import { textOf as text } from '../html.js';

let t: TestApp;
let officer: Agent;
let borough: Record<string, string>;

async function boroughsOf(app: TestApp) {
  const list = await app.services.directory.scopeCatalogue.options('borough');
  return Object.fromEntries(list.map((b) => [b.name, b.id]));
}

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  borough = await boroughsOf(t);
});
after(() => t.close());

const mailsTo = (app: TestApp, email: string) =>
  app.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email));

const linkIn = (body: string, path: string) => {
  const match = new RegExp(`http://[^\\s]+${path}/([A-Za-z0-9_-]+)`).exec(body);
  assert.ok(match, `no ${path} link in: ${body}`);
  return { url: match[0].replace(/^http:\/\/[^/]+/, ''), token: match[1]! };
};

test('CON-06: the join form names each missing field, and writes nothing', async () => {
  const agent = new Agent(t.app);
  await agent.get('/consultations/panel/join');
  const before = (await t.services.db.select().from(panelMembers)).length;
  const refused = await agent.post('/consultations/panel/join', { ageBand: 'ancient' });
  assert.equal(refused.statusCode, 400);
  const words = text(refused.body);
  assert.match(words, /There is a problem/);
  assert.match(words, /Enter your full name/);
  assert.match(words, /Enter your email address/);
  assert.match(words, /Choose the borough you live in/);
  assert.match(words, /Choose your age from the list, or prefer not to say/);
  assert.match(refused.body, /href="#fullName"/);
  assert.equal((await t.services.db.select().from(panelMembers)).length, before);
});

test('CON-06, DP-01: a member of the public joins, and is a member once they follow the e-mailed link', async () => {
  const email = `joiner-${uniqueTag()}@example.org`;
  const agent = new Agent(t.app);
  const form = await agent.get('/consultations/panel/join');
  assert.match(text(form.body), /These questions are optional/);
  const sent = await agent.post('/consultations/panel/join', {
    fullName: 'Ada Joiner',
    email: email.toUpperCase(),
    boroughId: borough.Camden!,
    ageBand: '25-34',
    sex: 'unsaid',
    ethnicGroup: 'black',
  });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
  assert.equal(sent.headers.location, '/consultations/panel/joined');
  assert.match(text((await agent.get('/consultations/panel/joined')).body), /Check your email/);
  const [member] = await t.services.db
    .select()
    .from(panelMembers)
    .where(eq(panelMembers.email, email));
  assert.equal(member!.confirmedAt, null, 'not a member until the link is followed');
  assert.equal(member!.joinedBy, 'sign_up');
  // DP-01: the monitoring answers are apart from the member, and "prefer not to say" is none.
  const [monitoring] = await t.services.db
    .select()
    .from(panelMemberMonitoring)
    .where(eq(panelMemberMonitoring.memberId, member!.id));
  assert.deepEqual(
    [monitoring!.ageBand, monitoring!.sex, monitoring!.ethnicGroup],
    ['25-34', null, 'black'],
  );
  const [mail] = await mailsTo(t, email);
  assert.equal(mail!.subject, "Confirm you want to join the citizens' panel");
  assert.doesNotMatch(mail!.body, /Ada/, 'quotes nothing typed into the form');
  const confirm = linkIn(mail!.body, '/consultations/panel/confirm');
  assert.match(mail!.body, /\/consultations\/panel\/leave\//);
  assert.equal(member!.confirmTokenHash, hashToken(confirm.token), 'only the hash is kept');

  const page = await agent.get(confirm.url);
  assert.match(text(page.body), /Confirm you want to join the citizens' panel/);
  const done = await agent.post(confirm.url, {});
  assert.equal(done.statusCode, 200);
  assert.match(text(done.body), /You have joined the citizens' panel/);
  const [after] = await t.services.db
    .select()
    .from(panelMembers)
    .where(eq(panelMembers.id, member!.id));
  assert.equal(after!.joinedOn, '2026-11-23');
  assert.ok(after!.confirmedAt);
  assert.equal(after!.confirmTokenHash, null);
  const mails = await mailsTo(t, email);
  assert.equal(mails.length, 2);
  assert.match(mails[1]!.body, /Thank you for joining/);
  assert.match(mails[1]!.body, /To leave the citizens' panel, follow this link/);
  // The link is spent: a second visit finds nothing.
  assert.equal((await agent.get(confirm.url)).statusCode, 404);

  // Asking again with the same address (any case) makes no second member, and says the same.
  const again = await new Agent(t.app).post('/consultations/panel/join', {
    fullName: 'Someone Else',
    email,
    boroughId: borough.Barnet!,
  });
  assert.equal(again.statusCode, 303);
  const rows = await t.services.db
    .select()
    .from(panelMembers)
    .where(like(panelMembers.email, email));
  assert.equal(rows.length, 1);
  assert.match((await mailsTo(t, email))[2]!.body, /you are already a member/);
});

test('CON-06, DP-01: asking to join again before confirming replaces the details given first, and the latest link is the one that works', async () => {
  const email = `twice-${uniqueTag()}@example.org`;
  const first = await new Agent(t.app).post('/consultations/panel/join', {
    fullName: 'Bea Frist',
    email,
    boroughId: borough.Camden!,
    ageBand: '25-34',
    ethnicGroup: 'black',
  });
  assert.equal(first.statusCode, 303);
  const second = await new Agent(t.app).post('/consultations/panel/join', {
    fullName: 'Bea First',
    email,
    boroughId: borough.Barnet!,
    sex: 'female',
  });
  assert.equal(second.statusCode, 303);
  const rows = await t.services.db.select().from(panelMembers).where(eq(panelMembers.email, email));
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.fullName, 'Bea First');
  assert.equal(rows[0]!.boroughId, borough.Barnet!);
  const [monitoring] = await t.services.db
    .select()
    .from(panelMemberMonitoring)
    .where(eq(panelMemberMonitoring.memberId, rows[0]!.id));
  assert.deepEqual(
    [monitoring!.ageBand, monitoring!.sex, monitoring!.ethnicGroup],
    [null, 'female', null],
  );
  const [earlier, latest] = await mailsTo(t, email);
  assert.equal(
    (await new Agent(t.app).get(linkIn(earlier!.body, '/consultations/panel/confirm').url))
      .statusCode,
    404,
  );
  const agent = new Agent(t.app);
  const done = await agent.post(linkIn(latest!.body, '/consultations/panel/confirm').url, {});
  assert.match(text(done.body), /You have joined the citizens' panel/);
});

test('CON-06: staff invite people by address; each confirms by link, giving name and borough', async () => {
  const tag = uniqueTag();
  const first = `invitee-${tag}-1@example.org`;
  const second = `invitee-${tag}-2@example.org`;
  const bad = await officer.post('/consultation/panel/invite', {
    addresses: `${first}\nnot-an-address`,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /These are not email addresses: not-an-address/);
  assert.equal((await mailsTo(t, first)).length, 0, 'a refused list sends nothing');

  const sent = await officer.post('/consultation/panel/invite', {
    addresses: `${first}, ${second.toUpperCase()}`,
  });
  assert.equal(sent.statusCode, 303);
  assert.match(
    text((await officer.get('/consultation/panel')).body),
    /2 invitations sent \(0 already known\)/,
  );
  const [mail] = await mailsTo(t, first);
  assert.match(mail!.subject, /You are invited to join the citizens' panel/);
  const confirm = linkIn(mail!.body, '/consultations/panel/confirm');

  const invitee = new Agent(t.app);
  const page = await invitee.get(confirm.url);
  assert.match(text(page.body), /Please tell us your name and borough/);
  const missing = await invitee.post(confirm.url, {});
  assert.equal(missing.statusCode, 400);
  assert.match(text(missing.body), /Enter your full name/);
  const joined = await invitee.post(confirm.url, {
    fullName: 'Ivy Invitee',
    boroughId: borough.Hackney!,
    sex: 'female',
  });
  assert.match(text(joined.body), /You have joined the citizens' panel/);
  const [member] = await t.services.db
    .select()
    .from(panelMembers)
    .where(eq(panelMembers.email, first));
  assert.equal(member!.fullName, 'Ivy Invitee');
  assert.equal(member!.joinedBy, 'invitation');
  assert.equal(member!.boroughId, borough.Hackney);

  // The members page reads them: one a member, the other awaiting confirmation.
  const list = text((await officer.get(`/consultation/panel?q=invitee-${tag}`)).body);
  assert.match(list, new RegExp(`Ivy Invitee ${first} Hackney Invited 23 November 2026 Member`));
  assert.match(
    list,
    new RegExp(`Not given yet ${second} Not given yet Invited Awaiting confirmation`),
  );
  const search = text((await officer.get(`/consultation/panel?q=ivy`)).body);
  assert.match(search, /Ivy Invitee/);
  assert.doesNotMatch(search, new RegExp(second));
});

test('CON-06, DP-01: the balance reads members against population, small monitoring counts suppressed', async () => {
  const app = await createTestApp();
  try {
    const ids = await boroughsOf(app);
    await makePanelMembers(app, [
      ...Array.from({ length: 12 }, () => ({
        boroughId: ids.Camden!,
        sex: 'female' as const,
        ethnicGroup: 'white' as const,
      })),
      ...Array.from({ length: 3 }, () => ({ boroughId: ids.Barnet!, sex: 'male' as const })),
      { boroughId: ids.Barnet!, confirmed: false, sex: 'male' },
    ]);
    const reader = await signInNewAccount(app, 'authority_member');
    const page = await reader.get('/consultation/panel/balance');
    assert.equal(page.statusCode, 200);
    const words = text(page.body);
    assert.match(words, /The panel has 15 members/);
    // Camden: 12 of 15 members (80.0%) against 210,100 of London's 8,799,700 (2.4%).
    assert.match(words, /Camden 12 80\.0% 2\.4% \+77\.6/);
    assert.match(words, /Barnet 3 20\.0% 4\.4% \+15\.6/);
    assert.match(words, /Bexley Under-represented 0 0\.0% 2\.8% −2\.8/);
    // Sex: 15 answered; men fewer than 10, their share hidden; women 12, but 15 less 12 would
    // give the men's 3 away, so the women's count and share are not shown either (DP-01).
    assert.match(words, /15 members answered this question/);
    assert.match(words, /Female not shown 51\.5% Male/);
    assert.doesNotMatch(words, /Female 12|80\.0% 51\.5%/);
    assert.match(words, /Male Under-represented fewer than 10 48\.5%/);
    assert.match(words, /White 12 100\.0% 53\.8% \+46\.2/);
    assert.match(
      words,
      /Black, Black British, Caribbean or African Under-represented fewer than 10 13\.5%/,
    );
    // Someone who reads no consultation sees none of it.
    const advisor = await signInNewAccount(app, 'advisor');
    assert.equal((await advisor.get('/consultation/panel/balance')).statusCode, 403);
  } finally {
    await app.close();
  }
});

test('CON-06: a wave to a balanced sample invites N members, e-mails each their own link, and reads its response rate', async () => {
  const app = await createTestApp();
  try {
    const ids = await boroughsOf(app);
    const members = await makePanelMembers(app, [
      ...Array.from({ length: 20 }, (_, i) => ({
        boroughId: ids.Croydon!,
        sex: i < 16 ? ('male' as const) : ('female' as const),
      })),
      ...Array.from({ length: 20 }, () => ({ boroughId: ids['City of London']! })),
    ]);
    const consultation = await makeConsultation(app, { audience: 'panel', title: 'Safer streets' });
    const publicOne = await makeConsultation(app, {
      audience: 'public',
      title: 'Not for the panel',
    });
    const manager = await signInNewAccount(app, 'authority_officer');
    const form = text((await manager.get('/consultation/panel/waves/new')).body);
    assert.match(form, /The panel has 40 members/);
    assert.match(form, /Safer streets/);
    assert.doesNotMatch(form, /Not for the panel/);

    const refusals: [Record<string, string>, RegExp][] = [
      [
        { consultationId: consultation.id, kind: 'sample', sampleSize: '0' },
        /must be a whole number, 1 or more/,
      ],
      [
        { consultationId: consultation.id, kind: 'sample', sampleSize: '41' },
        /at most the 40 members/,
      ],
      [
        { consultationId: consultation.id, kind: 'sample', sampleSize: '' },
        /Enter how many members/,
      ],
      [{ consultationId: publicOne.id, kind: 'whole' }, /Choose a consultation for the panel/],
      [{ consultationId: consultation.id }, /Choose whether to send it to the whole panel/],
    ];
    for (const [body, message] of refusals) {
      const refused = await manager.post('/consultation/panel/waves/new', body);
      assert.equal(refused.statusCode, 400, JSON.stringify(body));
      assert.match(text(refused.body), message);
    }
    // Someone who only reads consultation may not send one.
    const reader = await signInNewAccount(app, 'authority_member');
    const forbidden = await reader.post('/consultation/panel/waves/new', {
      consultationId: consultation.id,
      kind: 'whole',
    });
    assert.equal(forbidden.statusCode, 403);
    assert.equal((await app.services.db.select().from(panelWaves)).length, 0);
    assert.equal((await app.services.db.select().from(invitations)).length, 0);

    const sent = await manager.post('/consultation/panel/waves/new', {
      consultationId: consultation.id,
      kind: 'sample',
      sampleSize: '10',
    });
    assert.equal(sent.statusCode, 303, text(sent.body).slice(0, 500));
    const invited = await app.services.db
      .select()
      .from(invitations)
      .where(eq(invitations.consultationId, consultation.id));
    assert.equal(invited.length, 10);
    // Stratified by borough: Croydon has 390,800 people to the City's 8,600, so all ten are
    // Croydon's; and of Croydon's 16 men and 4 women, the sample balances sex: 5 and 4 or so.
    const byId = new Map(members.map((m, i) => [m.id, i]));
    const drawn = invited.map((i) => byId.get(i.panelMemberId!)!);
    assert.ok(
      drawn.every((i) => i < 20),
      'all from Croydon',
    );
    const women = drawn.filter((i) => i >= 16).length;
    assert.equal(women, 4, 'every woman of Croydon drawn, to come near half');
    // Each has their own e-mail with their invitation link (its hash kept) and the leave link.
    for (const row of invited) {
      const member = members[byId.get(row.panelMemberId!)!]!;
      const [mail] = await mailsTo(app, member.email);
      assert.match(mail!.subject, /Citizens' panel: Safer streets/);
      const link = linkIn(mail!.body, '/consultations/invited');
      assert.equal(row.tokenHash, hashToken(link.token));
      assert.match(mail!.body, new RegExp(`/consultations/panel/leave/${member.leaveToken}`));
    }
    // Four respond (the response form is another part's: the responses are made here).
    for (const row of invited.slice(0, 4))
      await app.services.db.insert(responses).values({
        consultationId: consultation.id,
        versionId: consultation.versionId,
        invitationId: row.id,
        submittedAt: new Date('2026-11-24T10:00:00Z'),
      });
    // One began but has not submitted: not a response yet.
    await app.services.db.insert(responses).values({
      consultationId: consultation.id,
      versionId: consultation.versionId,
      invitationId: invited[4]!.id,
    });
    const waves = text((await manager.get('/consultation/panel/waves')).body);
    assert.match(
      waves,
      /Safer streets 23 November 2026 at 10am A balanced sample of 10 10 4 40\.0%/,
    );
    const wavePage = text((await manager.get(sent.headers.location!)).body);
    assert.match(wavePage, /Wave: Safer streets/);
    assert.match(wavePage, /Invited 10 Responded 4 Response rate 40\.0%/);
    // A consultation goes out once: it is no longer offered, and sending it again is refused.
    const again = await manager.post('/consultation/panel/waves/new', {
      consultationId: consultation.id,
      kind: 'whole',
    });
    assert.equal(again.statusCode, 400);
    assert.equal((await app.services.db.select().from(panelWaves)).length, 1);
  } finally {
    await app.close();
  }
});

test('CON-06, DP-03: a member leaves by one link: anonymised at once, never sent a wave again', async () => {
  const app = await createTestApp();
  try {
    const ids = await boroughsOf(app);
    const [leaver, stayer] = await makePanelMembers(app, [
      { boroughId: ids.Lambeth!, sex: 'female', ageBand: '35-44' },
      { boroughId: ids.Lambeth! },
    ]);
    // A wave they were sent before leaving: its link works until they leave.
    const earlier = await makeConsultation(app, { audience: 'panel' });
    const waveToken = newToken();
    await app.services.db.insert(invitations).values({
      consultationId: earlier.id,
      panelMemberId: leaver!.id,
      tokenHash: hashToken(waveToken),
    });
    // And one they answered, with a "finish later" address and their About you.
    const answered = await makeConsultation(app, { audience: 'panel' });
    const [answeredInvitation] = await app.services.db
      .insert(invitations)
      .values({
        consultationId: answered.id,
        panelMemberId: leaver!.id,
        tokenHash: hashToken(newToken()),
      })
      .returning();
    const [response] = await app.services.db
      .insert(responses)
      .values({
        consultationId: answered.id,
        versionId: answered.versionId,
        invitationId: answeredInvitation!.id,
        contactEmail: leaver!.email,
        submittedAt: new Date(),
      })
      .returning();
    await app.services.db
      .insert(responseMonitoring)
      .values({ responseId: response!.id, ageBand: '35-44', sex: 'female' });
    const visitor = new Agent(app.app);
    assert.equal((await visitor.get(`/consultations/invited/${waveToken}`)).statusCode, 200);
    const page = await visitor.get(`/consultations/panel/leave/${leaver!.leaveToken}`);
    assert.equal(page.statusCode, 200);
    assert.match(
      text(page.body),
      /Leave the citizens' panel If you leave, we will not email you again/,
    );
    const left = await visitor.post(`/consultations/panel/leave/${leaver!.leaveToken}`, {});
    assert.match(text(left.body), /You have left the citizens' panel/);
    const [row] = await app.services.db
      .select()
      .from(panelMembers)
      .where(eq(panelMembers.id, leaver!.id));
    assert.deepEqual([row!.fullName, row!.email, row!.boroughId], [null, null, null]);
    assert.ok(row!.leftAt && row!.anonymisedAt);
    const monitoring = await app.services.db
      .select()
      .from(panelMemberMonitoring)
      .where(eq(panelMemberMonitoring.memberId, leaver!.id));
    assert.equal(monitoring.length, 0);
    // DP-03: their answer stays, counted, without the address or the About you they gave.
    const [kept] = await app.services.db
      .select()
      .from(responses)
      .where(eq(responses.id, response!.id));
    assert.equal(kept!.contactEmail, null);
    assert.ok(kept!.submittedAt);
    assert.equal(
      (
        await app.services.db
          .select()
          .from(responseMonitoring)
          .where(eq(responseMonitoring.responseId, response!.id))
      ).length,
      0,
    );
    const [audit] = await app.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.recordId, leaver!.id));
    assert.equal(audit!.action, 'consultation-panel-member.left');
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(leaver!.email));
    // Asked nothing more: the wave's link they were sent no longer opens.
    assert.equal((await visitor.get(`/consultations/invited/${waveToken}`)).statusCode, 404);
    // The link again: they have left; an unknown link is not found.
    assert.match(
      text((await visitor.get(`/consultations/panel/leave/${leaver!.leaveToken}`)).body),
      /You have already left/,
    );
    assert.equal(
      (await visitor.get('/consultations/panel/leave/not-a-real-token-at-all')).statusCode,
      404,
    );
    // The next wave goes to the one who stayed only.
    const consultation = await makeConsultation(app, { audience: 'panel' });
    const manager = await signInNewAccount(app, 'authority_officer');
    await manager.post('/consultation/panel/waves/new', {
      consultationId: consultation.id,
      kind: 'whole',
    });
    const sent = await app.services.db
      .select()
      .from(invitations)
      .where(eq(invitations.consultationId, consultation.id));
    assert.deepEqual(
      sent.map((i) => i.panelMemberId),
      [stayer!.id],
    );
    const counts = text((await manager.get('/consultation/panel')).body);
    assert.match(counts, /Members 1 Joined in all 2 Awaiting confirmation 0 Left 1/);
  } finally {
    await app.close();
  }
});

test('CON-06: a quiet member is asked once whether to stay, and staying starts the count again', async () => {
  const app = await createTestApp();
  try {
    const ids = await boroughsOf(app);
    const [quiet, answering] = await makePanelMembers(app, [
      { boroughId: ids.Ealing! },
      { boroughId: ids.Ealing! },
    ]);
    const consultation = await makeConsultation(app, { audience: 'panel' });
    const [, answered] = await app.services.db
      .insert(invitations)
      .values(
        [quiet!, answering!].map((m, i) => ({
          consultationId: consultation.id,
          panelMemberId: m.id,
          tokenHash: `hash-${i}-${uniqueTag()}`,
          sentAt: new Date('2025-10-01T10:00:00Z'),
        })),
      )
      .returning();
    await app.services.db.insert(responses).values({
      consultationId: consultation.id,
      versionId: consultation.versionId,
      invitationId: answered!.id,
      submittedAt: new Date('2026-03-01T10:00:00Z'),
    });
    const first = await app.services.consultationPanelSweep.run();
    assert.equal(first.asked, 1);
    const mails = await mailsTo(app, quiet!.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /Do you want to stay on the citizens' panel/);
    assert.match(mails[0]!.body, /You have not answered a panel consultation for 12 months/);
    const stay = linkIn(mails[0]!.body, '/consultations/panel/stay');
    assert.match(mails[0]!.body, /\/consultations\/panel\/leave\//);
    assert.equal((await mailsTo(app, answering!.email)).length, 0, 'answered in March');
    const [refreshed] = await app.services.db
      .select()
      .from(panelMembers)
      .where(eq(panelMembers.id, answering!.id));
    assert.equal(refreshed!.lastAnsweredAt?.toISOString(), '2026-03-01T10:00:00.000Z');
    // Asked once only.
    assert.equal((await app.services.consultationPanelSweep.run()).asked, 0);
    const manager = await signInNewAccount(app, 'authority_officer');
    assert.match(
      text((await manager.get('/consultation/panel')).body),
      /Quiet \(asked whether to stay\) 1/,
    );

    const visitor = new Agent(app.app);
    assert.match(text((await visitor.get(stay.url)).body), /Stay on the citizens' panel/);
    const stayed = await visitor.post(stay.url, {});
    assert.match(text(stayed.body), /You are staying on the citizens' panel/);
    const [after] = await app.services.db
      .select()
      .from(panelMembers)
      .where(eq(panelMembers.id, quiet!.id));
    assert.equal(after!.askedToStayAt, null);
    assert.ok(after!.stayedAt);
    assert.equal((await app.services.consultationPanelSweep.run()).asked, 0);
  } finally {
    await app.close();
  }
});

test('DP-03: a sign-up never confirmed is removed after 30 days by the sweep', async () => {
  const app = await createTestApp();
  try {
    const ids = await boroughsOf(app);
    const [old, recent] = await makePanelMembers(app, [
      { boroughId: ids.Sutton!, confirmed: false },
      { boroughId: ids.Sutton!, confirmed: false },
    ]);
    await app.services.db
      .update(panelMembers)
      .set({ createdAt: new Date('2026-10-01T10:00:00Z') })
      .where(eq(panelMembers.id, old!.id));
    const result = await app.services.consultationPanelSweep.run();
    assert.equal(result.removed, 1);
    const left = await app.services.db
      .select({ id: panelMembers.id })
      .from(panelMembers)
      .where(inArray(panelMembers.id, [old!.id, recent!.id]));
    assert.deepEqual(
      left.map((r) => r.id),
      [recent!.id],
    );
  } finally {
    await app.close();
  }
});

test("CON-06: the panel is a home task for those who read consultation, and its pages are the officers'", async () => {
  const member = await signInNewAccount(t, 'authority_member');
  const home = await member.get('/');
  assert.match(home.body, /href="\/consultation\/panel\/balance">Citizens&#39; panel/);
  assert.equal((await member.get('/consultation/panel')).statusCode, 403);
  assert.match((await officer.get('/')).body, /href="\/consultation\/panel">Citizens&#39; panel/);
  const refused = await member.post('/consultation/panel/invite', { addresses: 'x@example.org' });
  assert.equal(refused.statusCode, 403);
  const rows = await t.services.db
    .select()
    .from(panelMembers)
    .where(and(eq(panelMembers.email, 'x@example.org'), isNotNull(panelMembers.id)));
  assert.equal(rows.length, 0);
});
