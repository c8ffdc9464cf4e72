import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countsByCategory,
  invitationState,
  invitationsRefusal,
  notInvitedReason,
  reasonRefusal,
  reminderDue,
  removalRefusal,
  validateChannels,
  validateConsent,
  validateConsultee,
} from './consultee-rules.js';

const umbrella = '11111111-1111-4111-8111-111111111111';
const camden = '22222222-2222-4222-8222-222222222222';
const known = { umbrellaIds: [umbrella], boroughIds: [camden] };
const keys = (refusals: readonly { field: string; key: string }[]) =>
  refusals.map((r) => `${r.field}: ${r.key.replace('consultation:consultees.errors.', '')}`);

test('CON-03: a consultee has a name, is a person or an organisation, and has a category', () => {
  const { refusals, value } = validateConsultee(
    {
      name: '  Black   Londoners Forum ',
      kind: 'organisation',
      category: 'voluntary_sector',
      parentId: umbrella,
      boroughId: camden,
    },
    known,
  );
  assert.deepEqual(refusals, []);
  assert.deepEqual(value, {
    name: 'Black Londoners Forum',
    kind: 'organisation',
    category: 'voluntary_sector',
    parentId: umbrella,
    boroughId: camden,
  });
  assert.deepEqual(
    keys(validateConsultee({ name: ' ', kind: 'club', category: 'gang' }, known).refusals),
    ['name: nameMissing', 'kind: kindMissing', 'category: categoryMissing'],
  );
  assert.deepEqual(
    keys(
      validateConsultee({ name: 'x'.repeat(201), kind: 'person', category: 'other' }, known)
        .refusals,
    ),
    ['name: nameTooLong'],
  );
});

test('CON-03: an umbrella body is an organisation, an individual resident a person', () => {
  assert.deepEqual(
    keys(
      validateConsultee({ name: 'A', kind: 'person', category: 'umbrella_body' }, known).refusals,
    ),
    ['kind: umbrellaIsOrganisation'],
  );
  assert.deepEqual(
    keys(
      validateConsultee({ name: 'A', kind: 'organisation', category: 'individual_resident' }, known)
        .refusals,
    ),
    ['kind: residentIsPerson'],
  );
});

test('CON-03: a member of an umbrella body is an organisation, of a known umbrella body, never itself nor an umbrella body', () => {
  const base = { name: 'A', kind: 'organisation', category: 'business' };
  assert.deepEqual(keys(validateConsultee({ ...base, parentId: camden }, known).refusals), [
    'parentId: parentUnknown',
  ]);
  assert.deepEqual(
    keys(
      validateConsultee({ ...base, parentId: umbrella }, { ...known, selfId: umbrella }).refusals,
    ),
    ['parentId: parentUnknown'],
  );
  assert.deepEqual(
    keys(
      validateConsultee({ ...base, kind: 'person', category: 'other', parentId: umbrella }, known)
        .refusals,
    ),
    ['parentId: memberIsOrganisation'],
  );
  assert.deepEqual(
    keys(
      validateConsultee({ ...base, category: 'umbrella_body', parentId: umbrella }, known).refusals,
    ),
    ['parentId: umbrellaInUmbrella'],
  );
  assert.deepEqual(keys(validateConsultee({ ...base, boroughId: umbrella }, known).refusals), [
    'boroughId: boroughUnknown',
  ]);
});

test('CON-03: channels: each with its detail, an e-mail a valid address, one preferred of those given', () => {
  const one = validateChannels({ email: ' forum@example.org ' });
  assert.deepEqual(one, {
    refusals: [],
    channels: [{ kind: 'email', detail: 'forum@example.org', preferred: true }],
  });
  const two = validateChannels({
    email: 'forum@example.org',
    phone: '020 7946 0000',
    preferred: 'phone',
  });
  assert.deepEqual(
    two.channels.map((c) => [c.kind, c.preferred]),
    [
      ['email', false],
      ['phone', true],
    ],
  );
  assert.deepEqual(keys(validateChannels({ email: 'not an address', post: 'x' }).refusals), [
    'email: emailInvalid',
    'preferred: preferredMissing',
  ]);
  assert.deepEqual(keys(validateChannels({ post: '1 High St', preferred: 'email' }).refusals), [
    'preferred: preferredEmpty',
  ]);
  assert.deepEqual(validateChannels({}), { refusals: [], channels: [] });
});

test('CON-03: consent is given on a day not after today, recorded in a known way', () => {
  assert.deepEqual(validateConsent({ method: 'writing' }, '2026-11-01', '2026-11-23'), {
    refusals: [],
    method: 'writing',
  });
  assert.deepEqual(
    keys(validateConsent({ method: 'telepathy' }, '2026-11-24', '2026-11-23').refusals),
    ['givenOn-day: consentFuture', 'method: methodMissing'],
  );
});

test('CON-07: a consultee is chosen with a reason of at most 500 characters', () => {
  assert.equal(reasonRefusal('Faith groups in the borough most affected'), null);
  assert.equal(reasonRefusal('  ')?.key, 'consultation:consultees.errors.reasonMissing');
  assert.equal(reasonRefusal('x'.repeat(501))?.key, 'consultation:consultees.errors.reasonTooLong');
});

test('CON-03, CON-07: only a consultee who consented, has not unsubscribed and has an e-mail address is invited', () => {
  const reachable = {
    consentGivenOn: '2026-01-01',
    consentWithdrawnAt: null,
    email: 'a@example.org',
  };
  assert.equal(notInvitedReason(reachable), null);
  assert.equal(notInvitedReason({ ...reachable, consentGivenOn: null }), 'noConsent');
  assert.equal(notInvitedReason({ ...reachable, email: null }), 'noEmail');
  assert.equal(notInvitedReason({ ...reachable, consentWithdrawnAt: new Date() }), 'unsubscribed');
});

test('CON-07: invitations go out once a consultation is launched and before it closes', () => {
  assert.equal(invitationsRefusal('draft'), 'consultation:consultees.errors.notLaunched');
  assert.equal(invitationsRefusal('closed'), 'consultation:consultees.errors.closed');
  assert.equal(invitationsRefusal('upcoming'), null);
  assert.equal(invitationsRefusal('open'), null);
});

test('CON-07: a reminder goes once, while open, to an invited consultee who has neither responded nor unsubscribed', () => {
  const sent = { sentAt: new Date('2026-11-01T10:00:00Z'), remindedAt: null };
  assert.equal(reminderDue(sent, false, false, 'open'), true);
  assert.equal(reminderDue({ ...sent, remindedAt: new Date() }, false, false, 'open'), false);
  assert.equal(reminderDue(sent, true, false, 'open'), false);
  assert.equal(reminderDue(sent, false, true, 'open'), false);
  assert.equal(reminderDue(sent, false, false, 'upcoming'), false);
  assert.equal(reminderDue(sent, false, false, 'closed'), false);
  assert.equal(reminderDue({ sentAt: null, remindedAt: null }, false, false, 'open'), false);
});

test('CON-07: a chosen consultee is removed only before their invitation is sent', () => {
  assert.equal(removalRefusal(null), null);
  assert.equal(removalRefusal(new Date()), 'consultation:consultees.errors.alreadyInvited');
});

test('CON-07: an invitation stands at responded, unsubscribed, reminded, sent or not sent', () => {
  const sentAt = new Date('2026-11-01T10:00:00Z');
  const remindedAt = new Date('2026-11-08T10:00:00Z');
  const base = { sentAt: null, remindedAt: null, responded: false, unsubscribed: false };
  assert.deepEqual(invitationState(base), { state: 'notSent' });
  assert.deepEqual(invitationState({ ...base, sentAt }), { state: 'sent', on: sentAt });
  assert.deepEqual(invitationState({ ...base, sentAt, remindedAt }), {
    state: 'reminded',
    on: remindedAt,
  });
  assert.deepEqual(invitationState({ ...base, sentAt, unsubscribed: true }), {
    state: 'unsubscribed',
  });
  assert.deepEqual(invitationState({ ...base, sentAt, responded: true, unsubscribed: true }), {
    state: 'responded',
  });
});

test('CON-07: who was consulted is counted by category, in the categories\u2019 order, leaving out those with none', () => {
  assert.deepEqual(
    countsByCategory([
      { category: 'young_people', count: 2 },
      { category: 'umbrella_body', count: 1 },
      { category: 'faith_group', count: 0 },
      { category: 'young_people', count: 1 },
    ]),
    [
      { category: 'umbrella_body', count: 1 },
      { category: 'young_people', count: 3 },
    ],
  );
});
