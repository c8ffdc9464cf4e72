import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, hasRole, requiresSecondFactor } from './permissions.js';
import type { RoleGrant, TokenPrincipal, UserPrincipal } from './principal.js';

const GROUP_A = '11111111-1111-4111-8111-111111111111';
const GROUP_B = '22222222-2222-4222-8222-222222222222';
const CAMDEN = '33333333-3333-4333-8333-333333333333';

function user(...roles: RoleGrant[]): UserPrincipal {
  return { kind: 'user', userId: 'u', displayName: 'U', email: 'u@example.org', roles };
}
const grant = (
  role: RoleGrant['role'],
  scopeType: RoleGrant['scopeType'] = null,
  scopeId: string | null = null,
): RoleGrant => ({ role, scopeType, scopeId });

test('the public may do nothing that needs permission', () => {
  assert.equal(can(null, 'directory.view'), false);
  assert.equal(can(null, 'account.manage-own'), false);
});

test('a chair is chair of their own group only', () => {
  const chair = user(grant('chair', 'group', GROUP_A));
  assert.equal(can(chair, 'group.chair', { type: 'group', id: GROUP_A }), true);
  assert.equal(can(chair, 'group.chair', { type: 'group', id: GROUP_B }), false);
  assert.equal(can(chair, 'group.chair'), false, 'a scoped action needs its record');
});

test('an unscoped grant of a scoped role does not act for any particular record', () => {
  const chair = user(grant('chair'));
  assert.equal(hasRole(chair, 'chair'), true);
  assert.equal(can(chair, 'group.chair', { type: 'group', id: GROUP_A }), false);
});

test('a partnership officer edits the record of their own borough only', () => {
  const officer = user(grant('partnership_officer', 'borough', CAMDEN));
  assert.equal(
    can(officer, 'borough.partnership-record.edit', { type: 'borough', id: CAMDEN }),
    true,
  );
  assert.equal(
    can(officer, 'borough.partnership-record.edit', { type: 'borough', id: GROUP_A }),
    false,
  );
  assert.equal(
    can(officer, 'borough.partnership-record.edit', { type: 'group', id: CAMDEN }),
    false,
  );
});

test('advisors and lay visitors do not see the directory; police and authority staff do', () => {
  assert.equal(can(user(grant('advisor')), 'directory.view'), false);
  assert.equal(can(user(grant('lay_visitor')), 'directory.view'), false);
  assert.equal(can(user(grant('requester')), 'directory.view'), true);
  assert.equal(can(user(grant('requester')), 'directory.edit'), false);
  assert.equal(can(user(grant('coordination_unit')), 'directory.edit'), true);
});

test('only administrators manage users, tokens and read the audit trail', () => {
  for (const action of [
    'users.manage',
    'audit.view',
    'api-tokens.manage',
    'mail.view-outbox',
    'retention.manage',
  ] as const) {
    assert.equal(can(user(grant('administrator')), action), true, action);
    assert.equal(can(user(grant('director')), action), false, action);
  }
});

test('API tokens carry only the scopes they were issued with', () => {
  const reader: TokenPrincipal = {
    kind: 'token',
    tokenId: 't',
    name: 'n',
    scopes: ['directory:read'],
  };
  assert.equal(can(reader, 'directory.view'), true);
  assert.equal(can(reader, 'directory.edit'), false);
  assert.equal(can(reader, 'users.manage'), false);
});

test('administrators and the coordination unit must use a second factor', () => {
  assert.equal(requiresSecondFactor([grant('administrator')]), true);
  assert.equal(requiresSecondFactor([grant('coordination_unit')]), true);
  assert.equal(requiresSecondFactor([grant('advisor'), grant('director')]), false);
});

test('ICV-01, ICV-02: the scheme manager changes any panel; a coordinator their own; the police none', () => {
  const panelA = { type: 'panel' as const, id: GROUP_A };
  const panelB = { type: 'panel' as const, id: GROUP_B };
  const coordinator = user(grant('panel_coordinator', 'panel', GROUP_A));
  assert.equal(can(coordinator, 'custody.panel.edit', panelA), true);
  assert.equal(can(coordinator, 'custody.panel.edit', panelB), false);
  assert.equal(can(coordinator, 'custody.manage'), false);
  const manager = user(grant('scheme_manager'));
  assert.equal(can(manager, 'custody.panel.edit', panelB), true);
  assert.equal(can(manager, 'custody.manage'), true);
  const inspector = user(grant('custody_inspector', 'suite', CAMDEN));
  assert.equal(can(inspector, 'custody.view'), true);
  assert.equal(can(inspector, 'custody.panels.view'), false);
  assert.equal(can(inspector, 'custody.panel.edit', panelA), false);
  assert.equal(can(user(grant('authority_officer')), 'custody.view'), false);
});

test('ICV-03: the rota is the scheme manager’s and the coordinators’; a custody inspector is refused the future rota', () => {
  const inspector = user(grant('custody_inspector', 'suite', CAMDEN));
  assert.equal(can(inspector, 'custody.rota.manage'), false);
  assert.equal(can(inspector, 'custody.visits.own'), false);
  assert.equal(can(user(grant('scheme_manager')), 'custody.rota.manage'), true);
  assert.equal(
    can(user(grant('panel_coordinator', 'panel', GROUP_A)), 'custody.rota.manage'),
    true,
  );
  assert.equal(can(user(grant('lay_visitor')), 'custody.visits.own'), true);
  assert.equal(can(user(grant('lay_visitor')), 'custody.rota.manage'), false);
});

test('LEG-04, DP-01: only the authority officers who keep the workforce figures read them unsuppressed; the public reads only the published page', () => {
  assert.equal(can(user(grant('authority_officer')), 'workforce.manage'), true);
  assert.equal(can(user(grant('authority_officer')), 'workforce.view'), true);
  assert.equal(can(user(grant('authority_member')), 'workforce.view'), false);
  assert.equal(can(user(grant('authority_member')), 'workforce.manage'), false);
  assert.equal(can(user(grant('partnership_officer', 'borough', CAMDEN)), 'workforce.view'), false);
  assert.equal(can(user(grant('lay_visitor')), 'workforce.view'), false);
  assert.equal(can(null, 'workforce.view'), false);
});

test('DP-02: only the coordination unit and administrators keep the subject access register', () => {
  assert.equal(can(user(grant('coordination_unit')), 'subject-access.manage'), true);
  assert.equal(can(user(grant('administrator')), 'subject-access.manage'), true);
  assert.equal(can(user(grant('authority_officer')), 'subject-access.manage'), false);
  assert.equal(can(user(grant('chair', 'group', CAMDEN)), 'subject-access.manage'), false);
  assert.equal(can(user(grant('lay_visitor')), 'subject-access.manage'), false);
  assert.equal(can(null, 'subject-access.manage'), false);
});

test('FOI-01: the coordination unit and administrators keep the Freedom of Information requests; nobody else reads them', () => {
  for (const role of ['coordination_unit', 'administrator'] as const) {
    assert.equal(can(user(grant(role)), 'foi.view'), true);
    assert.equal(can(user(grant(role)), 'foi.manage'), true);
  }
  assert.equal(can(user(grant('director')), 'foi.view'), false);
  assert.equal(can(user(grant('authority_officer')), 'foi.manage'), false);
  assert.equal(can(user(grant('lay_visitor')), 'foi.view'), false);
  assert.equal(can(null, 'foi.view'), false);
});
