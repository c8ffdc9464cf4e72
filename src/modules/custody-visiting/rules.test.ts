import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatTarget,
  panelAreaRefusal,
  panelMeetingDue,
  panelMeetingStanding,
  seesPanel,
  seesSuite,
  validatePanel,
  validateSuite,
  type SchemeReach,
} from './rules.js';

const suite = {
  name: ' Holborn ',
  area: 'Camden',
  address: '10 Lamb’s Conduit Street',
  cells: '12',
  targetVisitsPerWeek: '',
};

test('ICV-03: a suite with no target given aims for the default (London: weekly)', () => {
  const { refusals, value } = validateSuite(suite, 1);
  assert.deepEqual(refusals, []);
  assert.equal(value.name, 'Holborn');
  assert.equal(value.cells, 12);
  assert.equal(value.targetVisitsPerWeek, 1);
});

test('ICV-03: a target in hundredths is kept; none, a word or more than three a day are refused', () => {
  assert.equal(
    validateSuite({ ...suite, targetVisitsPerWeek: '0.5' }, 1).value.targetVisitsPerWeek,
    0.5,
  );
  for (const bad of ['0', 'weekly', '22', '1.234', '-1'])
    assert.deepEqual(
      validateSuite({ ...suite, targetVisitsPerWeek: bad }, 1).refusals.map((r) => r.field),
      ['targetVisitsPerWeek'],
      bad,
    );
});

test('ICV-02: a suite names its borough or custody area; each missing field is refused by name', () => {
  const { refusals } = validateSuite({}, 1);
  assert.deepEqual(
    refusals.map((r) => r.field),
    ['name', 'area', 'address', 'cells'],
  );
  assert.deepEqual(
    validateSuite({ ...suite, cells: 'twelve' }, 1).refusals.map((r) => r.key),
    ['custody-visiting:errors.cellsNumber'],
  );
});

test('ICV-02: a panel needs its name, its area and its coordinator', () => {
  assert.deepEqual(
    validatePanel({ name: '', area: ' ', coordinatorEmail: '' }).refusals.map((r) => r.field),
    ['name', 'area', 'coordinatorEmail'],
  );
  assert.equal(
    validatePanel({ name: 'Camden panel', area: 'Camden', coordinatorEmail: ' A@B.example ' }).value
      .coordinatorEmail,
    'a@b.example',
  );
});

test('ICV-02: one panel per borough or custody area, whatever the case and spacing', () => {
  assert.equal(panelAreaRefusal('Camden', ['Islington']), null);
  assert.deepEqual(panelAreaRefusal('camden ', ['Islington', 'Camden']), {
    field: 'area',
    key: 'custody-visiting:errors.areaTaken',
    values: { area: 'camden ' },
  });
});

const nobody: SchemeReach = { manager: false, panelAreas: [], panelIds: [], suiteIds: [] };
const holborn = { id: 's1', area: 'Camden' };
const brixton = { id: 's2', area: 'Lambeth' };

test('ICV-01: the scheme manager sees every suite and panel; a custody inspector only their suites', () => {
  const manager = { ...nobody, manager: true };
  assert.ok(seesSuite(manager, holborn) && seesSuite(manager, brixton));
  assert.ok(seesPanel(manager, { id: 'p1' }));
  const inspector = { ...nobody, suiteIds: ['s1'] };
  assert.ok(seesSuite(inspector, holborn));
  assert.ok(!seesSuite(inspector, brixton));
  assert.ok(!seesPanel(inspector, { id: 'p1' }));
});

test('ICV-02: a panel coordinator sees their own panel and the suites of its area only', () => {
  const coordinator = { ...nobody, panelIds: ['p1'], panelAreas: ['camden'] };
  assert.ok(seesPanel(coordinator, { id: 'p1' }));
  assert.ok(!seesPanel(coordinator, { id: 'p2' }));
  assert.ok(seesSuite(coordinator, holborn));
  assert.ok(!seesSuite(coordinator, brixton));
  assert.ok(!seesSuite(nobody, holborn));
});

test('ICV-02: a panel meets with its custody inspector; its coordinator and the scheme manager run the meetings', () => {
  const camden = { id: 'p1', area: 'Camden' };
  const coordinator = panelMeetingStanding({ ...nobody, panelIds: ['p1'] }, camden, [holborn]);
  assert.ok(coordinator.chair && coordinator.mayView && coordinator.mayOpenBody);
  const manager = panelMeetingStanding({ ...nobody, manager: true }, camden, [holborn]);
  assert.ok(manager.secretariat && manager.mayView && manager.mayOpenBody);
  // The inspector of one of the panel's suites attends for the police, as a member reads, but
  // still sees no panel page (ICV-01) and runs nothing.
  const inspector = panelMeetingStanding({ ...nobody, suiteIds: ['s1'] }, camden, [holborn]);
  assert.deepEqual(inspector, {
    member: false,
    police: true,
    chair: false,
    secretariat: false,
    mayView: true,
    mayOpenBody: false,
  });
  // Another panel's coordinator, another area's inspector and anyone else see nothing.
  for (const reach of [{ ...nobody, panelIds: ['p2'] }, { ...nobody, suiteIds: ['s2'] }, nobody])
    assert.equal(panelMeetingStanding(reach, camden, [holborn]).mayView, false);
});

test('ICV-02: a panel with no meeting in the three months ahead is told to schedule one', () => {
  assert.deepEqual(panelMeetingDue(0), { key: 'custody-visiting:meetings.noneInQuarter' });
  assert.equal(panelMeetingDue(1), null);
});

test('a target reads as people write it', () => {
  assert.equal(formatTarget(1), '1');
  assert.equal(formatTarget(0.5), '0.5');
});
