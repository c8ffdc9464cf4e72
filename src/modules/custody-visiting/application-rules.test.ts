/** Applying to be a lay visitor (ICV-01, ICV-02): the declarations, the area, the decision. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say } from '../../platform/i18n/said.js';
import {
  applicationArea,
  applicationDeclarationRefusals,
  applicationDecisionRefusals,
  applicationReference,
  mayAcknowledgeVisitorApplication,
  seesApplication,
  VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY,
} from './application-rules.js';
import { type SchemeReach } from './rules.js';

const english = loadMessages(path.resolve('src')).translator('en');

const reach = (over: Partial<SchemeReach> = {}): SchemeReach => ({
  manager: false,
  panelAreas: [],
  panelIds: [],
  suiteIds: [],
  ...over,
});

test('ICV-01: an applicant must tick every independence declaration, each missing one named', () => {
  assert.deepEqual(
    applicationDeclarationRefusals(['notPolice', 'notCriminalJustice', 'adult']),
    [],
  );
  const refusals = applicationDeclarationRefusals(['adult']);
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['declarations', 'declarations'],
  );
  assert.deepEqual(
    refusals.map((r) => say(english, r)),
    [
      'Your independence: confirm you are not a serving police officer or member of police staff',
      'Your independence: confirm you are not otherwise directly involved in the criminal justice system',
    ],
  );
  assert.equal(
    say(english, applicationDeclarationRefusals(['notPolice', 'notCriminalJustice'])[0]!),
    'Your independence: confirm you are aged 18 or over',
  );
  assert.equal(applicationDeclarationRefusals([]).length, 3);
});

test('ICV-02: an applicant chooses a panel’s area, whatever its case, or not sure', () => {
  const areas = ['Camden', 'Islington'];
  assert.deepEqual(applicationArea(' camden ', areas), { area: 'Camden', refusal: null });
  assert.deepEqual(applicationArea('not-sure', areas), { area: null, refusal: null });
  const refused = applicationArea('Atlantis', areas);
  assert.equal(refused.area, null);
  assert.equal(
    say(english, refused.refusal!),
    'Select the borough or area you live or work in, or Not sure',
  );
  assert.equal(applicationArea(undefined, areas).refusal?.field, 'area');
});

test('ICV-02: an address is acknowledged only a few times a day, so the form cannot flood it', () => {
  assert.equal(mayAcknowledgeVisitorApplication(0), true);
  assert.equal(
    mayAcknowledgeVisitorApplication(VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY - 1),
    true,
  );
  assert.equal(
    mayAcknowledgeVisitorApplication(VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY),
    false,
  );
});

test('ICV-02: a received application is invited to a panel’s interview or declined with a reason', () => {
  const received = { status: 'received' };
  const words = (r: ReturnType<typeof applicationDecisionRefusals>) =>
    r.map((x) => `${x.field}: ${say(english, x)}`);
  assert.deepEqual(
    applicationDecisionRefusals(received, { outcome: 'invite', reason: '', panelId: 'p' }),
    [],
  );
  assert.deepEqual(
    applicationDecisionRefusals(received, { outcome: 'decline', reason: 'Why', panelId: null }),
    [],
  );
  assert.deepEqual(
    words(applicationDecisionRefusals(received, { outcome: 'invite', reason: '', panelId: null })),
    ['panelId: Select the panel to interview them'],
  );
  assert.deepEqual(
    words(applicationDecisionRefusals(received, { outcome: 'decline', reason: '', panelId: null })),
    ['reason: Enter the reason for declining'],
  );
  assert.deepEqual(
    words(applicationDecisionRefusals(received, { outcome: '', reason: '', panelId: null })),
    ['outcome: Select a decision: invite to interview, or decline'],
  );
  assert.deepEqual(
    words(
      applicationDecisionRefusals(
        { status: 'invited' },
        { outcome: 'decline', reason: 'x', panelId: null },
      ),
    ),
    ['outcome: This application has already been decided'],
  );
});

test('ICV-01, ICV-02: the scheme manager sees every application, a coordinator their panel area’s only', () => {
  assert.equal(seesApplication(reach({ manager: true }), { area: null }), true);
  const coordinator = reach({ panelAreas: ['Camden'], panelIds: ['p'] });
  assert.equal(seesApplication(coordinator, { area: 'camden' }), true);
  assert.equal(seesApplication(coordinator, { area: 'Islington' }), false);
  assert.equal(seesApplication(coordinator, { area: null }), false);
  // A custody inspector (police) has no panel areas: nothing.
  assert.equal(seesApplication(reach({ suiteIds: ['s'] }), { area: 'Camden' }), false);
});

test('ICV-02: an application’s reference is the start of its id in capitals', () => {
  assert.equal(applicationReference('1a2b3c4d-0000-0000-0000-000000000000'), 'ICV-1A2B3C4D');
});
