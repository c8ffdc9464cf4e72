/**
 * Visits every route as every role and signed out, and checks who gets in. The table below is
 * written by hand from docs/domain.md, not read from the routes: a route added without a line here
 * fails the first test, and a route whose guard disagrees with its line fails the second.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '../../src/platform/auth/roles.js';
import { Agent, createTestApp, signInAs, type TestApp } from '../app.js';

type Who = 'anyone' | 'signed-out' | 'signed-in' | 'api' | readonly Role[];

const DIRECTORY_READERS: readonly Role[] = [
  'chair',
  'deployment_contact',
  'requester',
  'ctset',
  'coordination_unit',
  'director',
  'authority_officer',
  'authority_member',
  'partnership_officer',
  'administrator',
];
const DIRECTORY_EDITORS: readonly Role[] = [
  'coordination_unit',
  'authority_officer',
  'administrator',
];
const ADMINS: readonly Role[] = ['administrator'];
const FOI_KEEPERS: readonly Role[] = ['coordination_unit', 'administrator'];
const GROUP_STAFF: readonly Role[] = [
  'ctset',
  'coordination_unit',
  'director',
  'authority_officer',
  'authority_member',
  'administrator',
];
/** The register lists groups for staff and for office-holders of any group. */
const GROUP_VIEWERS: readonly Role[] = [...GROUP_STAFF, 'chair', 'deployment_contact'];
const GROUP_MANAGERS: readonly Role[] = ['coordination_unit'];
/** Chairs, the Director and the coordination unit act on second terms. */
const SECOND_TERMS: readonly Role[] = ['chair', 'coordination_unit', 'director'];

/** ICV-01: the scheme's manager, its panel coordinators and the custody inspectors; nobody else. */
const CUSTODY_VIEWERS: readonly Role[] = [
  'scheme_manager',
  'panel_coordinator',
  'custody_inspector',
];
/** The panels are the authority's and the coordinators'; the police see none. */
const PANEL_VIEWERS: readonly Role[] = ['scheme_manager', 'panel_coordinator'];
const SCHEME_MANAGERS: readonly Role[] = ['scheme_manager'];
/** Issue 25: consultation is read by police and authority staff and members, run by officers. */
const CONSULTATION_VIEWERS: readonly Role[] = GROUP_STAFF;
const CONSULTATION_MANAGERS: readonly Role[] = ['authority_officer'];
/** DP-02: the register of subject access requests. */
const SUBJECT_ACCESS: readonly Role[] = ['coordination_unit', 'administrator'];
/** CDRP-11, IAG-34: training kept by the police side, overseen by the authority and the Director. */
const TRAINING_KEEPERS: readonly Role[] = ['coordination_unit', 'partnership_officer'];
const TRAINING_VIEWERS: readonly Role[] = [
  ...TRAINING_KEEPERS,
  'authority_officer',
  'authority_member',
  'director',
];
/**
 * CDRP-01: the partnerships register is read by police and authority staff and members and the
 * boroughs' partnership officers; authority officers add entries; an entry is kept by them or by
 * its borough's partnership officer (the service narrows a partnership officer to their borough).
 */
const PARTNERSHIP_VIEWERS: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];
const PARTNERSHIP_KEEPERS: readonly Role[] = ['authority_officer', 'partnership_officer'];
/**
 * CDRP-08: the good-practice library is read by police and authority staff and members and
 * partnership officers; kept by authority officers, the coordination unit and partnership officers
 * (the service narrows them to their borough); marked public and withdrawn by authority officers.
 */
const GOOD_PRACTICE_VIEWERS: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];
const GOOD_PRACTICE_KEEPERS: readonly Role[] = [
  'authority_officer',
  'coordination_unit',
  'partnership_officer',
];
/**
 * CON-01, CDRP-10: indicators are read by police and authority staff and members and partnership
 * officers; defined, given their targets and figures by the authority's officers.
 */
const INDICATOR_VIEWERS: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];
const INDICATOR_KEEPERS: readonly Role[] = ['authority_officer'];
/**
 * CON-04: engagement groups are read by police and authority staff and members and partnership
 * officers, kept by the authority's officers; a group's page, plan and issues are also its own
 * engagement officer's (the service narrows them to their group), who writes its plan and raises
 * its issues.
 */
const ENGAGEMENT_VIEWERS: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];
const ENGAGEMENT_MANAGERS: readonly Role[] = ['authority_officer'];
const ENGAGEMENT_KEEPERS: readonly Role[] = ['authority_officer', 'engagement_officer'];
/**
 * ICV-03: the rota is the scheme manager's and the panel's coordinator's: no police user, the
 * custody inspector included, sees a visit before it happens (visits are unannounced).
 */
const ROTA_KEEPERS: readonly Role[] = ['scheme_manager', 'panel_coordinator'];
/** ICV-03: a lay visitor's own visits, availability, and the day and time their pair fixes. */
const LAY_VISITORS: readonly Role[] = ['lay_visitor'];
/**
 * ICV-07: the visitors write reports; a sent one goes to the custody inspector and the manager,
 * and is read by the panel's coordinator.
 */
const REPORT_READERS: readonly Role[] = [
  'scheme_manager',
  'custody_inspector',
  'lay_visitor',
  'panel_coordinator',
];
const REPORT_WRITERS: readonly Role[] = ['lay_visitor'];
/**
 * ICV-08: the scheme manager reviews reports and closes issues; the custody inspector answers
 * them (their suites' only: the service narrows); a lay visitor reads their reports' issues.
 */
const REVIEWERS: readonly Role[] = ['scheme_manager'];
const ISSUE_READERS: readonly Role[] = ['scheme_manager', 'custody_inspector', 'lay_visitor'];
const ISSUE_ANSWERERS: readonly Role[] = ['custody_inspector'];

/**
 * Issue 26: grants are read by police and authority staff and members, run by the authority's
 * officers, and may be assessed by staff and partnership officers; a grant's own pages are also
 * the applicant's (any signed-in person: the service narrows to those who act for it).
 */
const GRANT_VIEWERS: readonly Role[] = GROUP_STAFF;
/** Those who may be asked to assess: staff, and partnership officers (never for their borough). */
const GRANT_ASSESSORS: readonly Role[] = [...GROUP_STAFF, 'partnership_officer'];
const GRANT_MANAGERS: readonly Role[] = ['authority_officer'];

const EXPECTED: Record<string, Who> = {
  'GET /': 'anyone',
  'GET /health/live': 'anyone',
  'GET /health/ready': 'anyone',
  'GET /assets/*': 'anyone',
  'GET /assets/frontend/*': 'anyone',
  'GET /assets/bridge/*': 'anyone',
  // Bridge's own page about the API, and its OpenAPI description, are for anyone; the
  // interactive reference (Swagger UI) is the administrators', who issue tokens.
  'GET /api-documentation': 'anyone',
  'GET /api/openapi.json': 'anyone',
  'GET /admin/api-reference': ADMINS,
  'GET /admin/api-reference/json': ADMINS,
  'GET /admin/api-reference/yaml': ADMINS,
  'GET /admin/api-reference/static/*': ADMINS,
  'GET /admin/api-reference/static/index.html': ADMINS,
  'GET /admin/api-reference/static/swagger-initializer.js': ADMINS,
  'GET /sign-in': 'signed-out',
  'POST /sign-in': 'signed-out',
  'GET /sign-in/second-factor': 'signed-out',
  'POST /sign-in/second-factor': 'signed-out',
  'GET /sign-in/set-up-second-factor': 'signed-out',
  'POST /sign-in/set-up-second-factor': 'signed-out',
  // Signing out with no session simply goes to the sign-in page.
  'POST /sign-out': 'signed-out',
  'GET /forgotten-password': 'signed-out',
  'POST /forgotten-password': 'signed-out',
  'GET /reset-password/:token': 'signed-out',
  'POST /reset-password/:token': 'signed-out',
  'GET /account': 'signed-in',
  'GET /account/password': 'signed-in',
  'POST /account/password': 'signed-in',
  'GET /account/second-factor': 'signed-in',
  'POST /account/second-factor': 'signed-in',
  'POST /account/second-factor/remove': 'signed-in',
  'GET /account/sessions': 'signed-in',
  'POST /account/sessions/:sessionId/end': 'signed-in',
  // DP-02: a person's own export.
  'GET /account/your-data': 'signed-in',
  'POST /account/your-data': 'signed-in',
  'GET /admin/users': ADMINS,
  'GET /admin/users/new': ADMINS,
  'POST /admin/users/new': ADMINS,
  'GET /admin/users/:userId': ADMINS,
  'POST /admin/users/:userId/roles': ADMINS,
  'POST /admin/users/:userId/roles/:assignmentId/remove': ADMINS,
  'POST /admin/users/:userId/deactivate': ADMINS,
  'POST /admin/users/:userId/reactivate': ADMINS,
  'GET /admin/bank-holidays': ADMINS,
  'POST /admin/bank-holidays': ADMINS,
  'GET /admin/api-tokens': ADMINS,
  'GET /admin/api-tokens/new': ADMINS,
  'POST /admin/api-tokens/new': ADMINS,
  'POST /admin/api-tokens/:tokenId/revoke': ADMINS,
  'GET /admin/audit': ADMINS,
  'GET /admin/audit/:seq': ADMINS,
  'GET /admin/outbox': ADMINS,
  'GET /admin/outbox/:messageId': ADMINS,
  'GET /admin/retention': ADMINS,
  'GET /admin/retention/done.csv': ADMINS,
  'GET /admin/retention/kinds/:kindKey': ADMINS,
  'POST /admin/retention/kinds/:kindKey': ADMINS,
  'GET /admin/retention/holds/new': ADMINS,
  'POST /admin/retention/holds/new': ADMINS,
  'POST /admin/retention/holds/:holdId/lift': ADMINS,
  'GET /directory': DIRECTORY_READERS,
  'GET /directory/organisations': DIRECTORY_READERS,
  'GET /directory/organisations/new': DIRECTORY_EDITORS,
  'POST /directory/organisations/new': DIRECTORY_EDITORS,
  'GET /directory/organisations/:id': DIRECTORY_READERS,
  'GET /directory/organisations/:id/edit': DIRECTORY_EDITORS,
  'POST /directory/organisations/:id/edit': DIRECTORY_EDITORS,
  'POST /directory/organisations/:id/archive': DIRECTORY_EDITORS,
  'POST /directory/organisations/:id/restore': DIRECTORY_EDITORS,
  'GET /directory/people': DIRECTORY_READERS,
  'GET /directory/people/new': DIRECTORY_EDITORS,
  'POST /directory/people/new': DIRECTORY_EDITORS,
  'GET /directory/people/:id': DIRECTORY_READERS,
  'GET /directory/people/:id/edit': DIRECTORY_EDITORS,
  'POST /directory/people/:id/edit': DIRECTORY_EDITORS,
  'POST /directory/people/:id/archive': DIRECTORY_EDITORS,
  'POST /directory/people/:id/restore': DIRECTORY_EDITORS,
  'GET /groups': GROUP_VIEWERS,
  'GET /groups/new': ['coordination_unit', 'director'],
  'POST /groups/new': ['coordination_unit', 'director'],
  'GET /groups/second-terms': SECOND_TERMS,
  // A group's own pages: staff for every group; a chair or contact only for their own (the
  // unknown id used here is not theirs).
  'GET /groups/:groupId': GROUP_STAFF,
  'GET /groups/:groupId/edit': GROUP_MANAGERS,
  'POST /groups/:groupId/edit': GROUP_MANAGERS,
  'GET /groups/:groupId/terms-of-reference': GROUP_STAFF,
  'GET /groups/:groupId/terms-of-reference/new': GROUP_MANAGERS,
  'POST /groups/:groupId/terms-of-reference/new': GROUP_MANAGERS,
  'GET /groups/:groupId/members': GROUP_STAFF,
  'GET /groups/:groupId/members/new': GROUP_MANAGERS,
  'GET /groups/:groupId/members/import': GROUP_MANAGERS,
  'POST /groups/:groupId/members/import': GROUP_MANAGERS,
  'POST /groups/:groupId/members/new': GROUP_MANAGERS,
  'GET /groups/:groupId/members/:membershipId': GROUP_STAFF,
  'GET /groups/:groupId/members/:membershipId/end': GROUP_MANAGERS,
  'POST /groups/:groupId/members/:membershipId/end': GROUP_MANAGERS,
  'POST /groups/:groupId/members/:membershipId/second-term': GROUP_MANAGERS,
  // Agreeing is the chair's of that group or the Director's; the unknown group is nobody's.
  'POST /groups/:groupId/second-terms/:reappointmentId/agree': ['director'],
  'POST /groups/:groupId/second-terms/:reappointmentId/decline': ['director'],
  'GET /groups/:groupId/elections': GROUP_STAFF,
  'GET /groups/:groupId/elections/new': GROUP_MANAGERS,
  'POST /groups/:groupId/elections/new': GROUP_MANAGERS,
  'GET /groups/:groupId/deployment-contact': GROUP_MANAGERS,
  'POST /groups/:groupId/deployment-contact': GROUP_MANAGERS,
  'GET /groups/:groupId/recruitment': GROUP_STAFF,
  'GET /groups/:groupId/recruitment/new': GROUP_MANAGERS,
  'POST /groups/:groupId/recruitment/new': GROUP_MANAGERS,
  // A round's pages: its panel, the coordination unit and the Director (an unknown round is
  // not found for anyone signed in).
  'GET /groups/:groupId/recruitment/:roundId': 'signed-in',
  'GET /groups/:groupId/recruitment/:roundId/applications/:applicationId': 'signed-in',
  'POST /groups/:groupId/recruitment/:roundId/applications/:applicationId/assess': 'signed-in',
  'POST /groups/:groupId/recruitment/:roundId/applications/:applicationId/decide': ['director'],
  'GET /advisory-groups/:groupId/apply': 'anyone',
  'POST /advisory-groups/:groupId/apply': 'anyone',
  'GET /advisory-groups/:groupId/applied': 'anyone',
  'GET /my-groups': 'signed-in',
  // Every demo account has a directory entry; a person without one is told they cannot answer.
  'GET /my-groups/diversity': 'signed-in',
  'POST /my-groups/diversity': 'signed-in',
  'GET /groups/:groupId/balance': ['coordination_unit', 'director'],
  'GET /groups/clearances': GROUP_MANAGERS,
  'GET /groups/guides': GROUP_VIEWERS,
  'GET /groups/guides/:documentId': GROUP_VIEWERS,
  'GET /groups/guides/:documentId/new': GROUP_MANAGERS,
  'POST /groups/guides/:documentId/new': GROUP_MANAGERS,
  'GET /groups/:groupId/police-attendance': GROUP_MANAGERS,
  'POST /groups/:groupId/police-attendance': GROUP_MANAGERS,
  // The member's own declaration, or the coordination unit's for them; an unknown membership
  // is not found for anyone signed in.
  'GET /groups/:groupId/members/:membershipId/declarations/new': 'signed-in',
  'POST /groups/:groupId/members/:membershipId/declarations/new': 'signed-in',
  'GET /groups/:groupId/members/:membershipId/clearances/new': GROUP_MANAGERS,
  'POST /groups/:groupId/members/:membershipId/clearances/new': GROUP_MANAGERS,
  'GET /groups/:groupId/members/:membershipId/access-exemptions/new': GROUP_MANAGERS,
  'POST /groups/:groupId/members/:membershipId/access-exemptions/new': GROUP_MANAGERS,
  'GET /groups/:groupId/members/:membershipId/commendations/new': GROUP_MANAGERS,
  'POST /groups/:groupId/members/:membershipId/commendations/new': GROUP_MANAGERS,
  // Meetings: who may see or run them depends on the body (its members, chairs, police
  // attendees and the staff who support it), so an unknown group or meeting is not found for
  // anyone signed in; meetings.int.test.ts proves the refusals for real ones.
  'GET /groups/:bodyId/meetings': 'signed-in',
  'GET /groups/:bodyId/meetings/new': 'signed-in',
  'POST /groups/:bodyId/meetings/new': 'signed-in',
  'GET /groups/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /groups/:bodyId/absences/:personId/withdraw': 'signed-in',
  // The Director's meetings with the chairs: one body, whose id the unknown one here is not.
  'GET /director-and-chairs/:bodyId/meetings': 'signed-in',
  'GET /director-and-chairs/:bodyId/meetings/new': 'signed-in',
  'POST /director-and-chairs/:bodyId/meetings/new': 'signed-in',
  'GET /director-and-chairs/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /director-and-chairs/:bodyId/absences/:personId/withdraw': 'signed-in',
  'GET /public/director-and-chairs/:bodyId/meetings/:meetingId': 'anyone',
  'GET /public/director-and-chairs/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /public/director-and-chairs/:bodyId/meetings.ics': 'anyone',
  'GET /annual-conference/:bodyId/meetings': 'signed-in',
  'GET /annual-conference/:bodyId/meetings/new': 'signed-in',
  'POST /annual-conference/:bodyId/meetings/new': 'signed-in',
  'GET /annual-conference/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /annual-conference/:bodyId/absences/:personId/withdraw': 'signed-in',
  'GET /public/annual-conference/:bodyId/meetings/:meetingId': 'anyone',
  'GET /public/annual-conference/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /public/annual-conference/:bodyId/meetings.ics': 'anyone',
  'GET /advice-requests': ['requester', 'ctset'],
  'GET /advice-requests/new': ['requester', 'ctset'],
  'POST /advice-requests/new': ['requester', 'ctset'],
  'GET /advice-requests/triage': ['ctset'],
  // Unknown ids: the service answers 404 before permission matters, so signed-in is the test.
  'GET /advice-requests/:requestId': 'signed-in',
  'GET /advice-requests/:requestId/route': ['ctset'],
  'POST /advice-requests/:requestId/route': ['ctset'],
  'GET /advice-requests/:requestId/decline': ['ctset'],
  'POST /advice-requests/:requestId/decline': ['ctset'],
  'GET /advice-requests/:requestId/advice/:adviceId/outcome': 'signed-in',
  'POST /advice-requests/:requestId/advice/:adviceId/outcome': 'signed-in',
  'GET /deployments/:deploymentId/advice': 'signed-in',
  'POST /deployments/:deploymentId/advice': 'signed-in',
  'GET /advice-requests/:requestId/question': ['ctset'],
  'POST /advice-requests/:requestId/question': ['ctset'],
  'GET /advice-requests/:requestId/answer': 'signed-in',
  'POST /advice-requests/:requestId/answer': 'signed-in',
  'GET /expenses': ['advisor', 'chair'],
  'GET /expenses/new': ['advisor', 'chair'],
  'POST /expenses/new': ['advisor', 'chair'],
  'GET /expenses/:claimId': 'signed-in',
  'GET /expenses/:claimId/items/new': ['advisor', 'chair'],
  'POST /expenses/:claimId/items/new': ['advisor', 'chair'],
  'POST /expenses/:claimId/items/:itemId/remove': ['advisor', 'chair'],
  'GET /expenses/:claimId/items/:itemId/receipt': 'signed-in',
  'POST /expenses/:claimId/submit': ['advisor', 'chair'],
  'GET /expenses/to-decide': ['coordination_unit'],
  'GET /expenses/payments': ['coordination_unit'],
  'POST /expenses/payments': ['coordination_unit'],
  'GET /expenses/payments/:batchId': ['coordination_unit'],
  'GET /expenses/payments/:batchId/batch.csv': ['coordination_unit'],
  'POST /expenses/payments/:batchId/batch.csv': ['coordination_unit'],
  'POST /expenses/payments/:batchId/paid': ['coordination_unit'],
  'GET /expenses/disputes': 'signed-in',
  'GET /expenses/budgets': ['coordination_unit', 'director'],
  'GET /expenses/budgets/advisors': ['coordination_unit', 'director'],
  'GET /expenses/budgets/:groupId': ['coordination_unit'],
  'POST /expenses/budgets/:groupId': ['coordination_unit'],
  'GET /tracker': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/new': ['authority_officer', 'coordination_unit'],
  'POST /tracker/new': ['authority_officer', 'coordination_unit'],
  'GET /tracker/import': ['authority_officer', 'coordination_unit'],
  'POST /tracker/import': ['authority_officer', 'coordination_unit'],
  'GET /tracker/sources/:sourceId': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/sources/:sourceId/export.csv': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/sources/:sourceId/report': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/sources/:sourceId/report.csv': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'POST /tracker/sources/:sourceId/report/record': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/recommendations/:recommendationId/standing': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/recommendations/:recommendationId/standing': [
    'authority_officer',
    'coordination_unit',
  ],
  'GET /tracker/dashboard': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'POST /tracker/annual-reports': ['authority_officer', 'coordination_unit'],
  'GET /tracker/process-review': ['authority_officer', 'coordination_unit'],
  'POST /tracker/process-review': ['authority_officer', 'coordination_unit'],
  'GET /tracker/sources/:sourceId/received': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/received': ['authority_officer', 'coordination_unit'],
  'GET /tracker/sources/:sourceId/recommendations/new': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/recommendations/new': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId/key-points/new': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/recommendations/:recommendationId/key-points/new': [
    'authority_officer',
    'coordination_unit',
  ],
  'GET /tracker/key-points/:keyPointId/actions/new': ['authority_officer', 'coordination_unit'],
  'POST /tracker/key-points/:keyPointId/actions/new': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId/actions/new': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/recommendations/:recommendationId/actions/new': [
    'authority_officer',
    'coordination_unit',
  ],
  'GET /tracker/sources/:sourceId/parts/new': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/parts/new': ['authority_officer', 'coordination_unit'],
  'GET /tracker/parts/:partId': ['authority_officer', 'coordination_unit'],
  'POST /tracker/parts/:partId': ['authority_officer', 'coordination_unit'],
  'GET /tracker/parts/:partId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/parts/:partId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/parts/:partId/remove': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId/part': ['authority_officer', 'coordination_unit'],
  'POST /tracker/recommendations/:recommendationId/part': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/move/:kind/:id': ['authority_officer', 'coordination_unit'],
  // Issue 23: editing, removing and withdrawing what a manager wrote.
  'GET /tracker/actions/:actionId/withdraw': ['authority_officer', 'coordination_unit'],
  'GET /tracker/key-points/:keyPointId/edit': ['authority_officer', 'coordination_unit'],
  'GET /tracker/key-points/:keyPointId/withdraw': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId/edit': ['authority_officer', 'coordination_unit'],
  'GET /tracker/recommendations/:recommendationId/withdraw': [
    'authority_officer',
    'coordination_unit',
  ],
  'GET /tracker/sources/:sourceId/edit': ['authority_officer', 'coordination_unit'],
  'GET /tracker/sources/:sourceId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/remove': ['authority_officer', 'coordination_unit'],
  'POST /tracker/actions/:actionId/remove': ['authority_officer', 'coordination_unit'],
  'POST /tracker/actions/:actionId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/key-points/:keyPointId/edit': ['authority_officer', 'coordination_unit'],
  'POST /tracker/key-points/:keyPointId/remove': ['authority_officer', 'coordination_unit'],
  'POST /tracker/key-points/:keyPointId/withdraw': ['authority_officer', 'coordination_unit'],
  'POST /tracker/recommendations/:recommendationId/edit': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/recommendations/:recommendationId/remove': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/recommendations/:recommendationId/withdraw': [
    'authority_officer',
    'coordination_unit',
  ],
  'POST /tracker/sources/:sourceId/edit': ['authority_officer', 'coordination_unit'],
  'GET /tracker/actions/:actionId/details': ['authority_officer', 'coordination_unit'],
  'POST /tracker/actions/:actionId/details': ['authority_officer', 'coordination_unit'],
  'GET /tracker/sources/:sourceId/report.pdf': [
    'ctset',
    'coordination_unit',
    'director',
    'authority_officer',
    'authority_member',
    'administrator',
    'partnership_officer',
  ],
  'GET /tracker/sources/:sourceId/report/attach': ['authority_officer', 'coordination_unit'],
  'POST /tracker/sources/:sourceId/report/attach': ['authority_officer', 'coordination_unit'],
  'GET /recommendations': 'anyone',
  // Issue 27 part 6: open data, the catalogue and each dataset, read and downloaded by anyone.
  'GET /open-data': 'anyone',
  'GET /open-data/catalogue.jsonld': 'anyone',
  'GET /open-data/:id': 'anyone',
  'GET /open-data/:id.csv': 'anyone',
  'GET /open-data/:id.json': 'anyone',
  // CON-07: "you said, we did": authority officers write it; anyone reads it once published.
  'GET /consultation/consultations/:consultationId/outcome': ['authority_officer'],
  'POST /consultation/consultations/:consultationId/outcome': ['authority_officer'],
  'GET /consultations/:consultationId/outcome': 'anyone',
  'GET /consultations/you-said-we-did': 'anyone',
  'GET /recommendations/:sourceId': 'anyone',
  'GET /tracker/my-actions': 'signed-in',
  'GET /tracker/actions/:actionId': 'signed-in',
  'POST /tracker/actions/:actionId': 'signed-in',
  'GET /expenses/audit': ['coordination_unit', 'director'],
  'GET /expenses/audit.csv': ['coordination_unit', 'director'],
  'GET /expenses/:claimId/dispute/new': ['advisor', 'chair'],
  'POST /expenses/:claimId/dispute/new': ['advisor', 'chair'],
  'GET /expenses/:claimId/dispute/refer': ['advisor', 'chair'],
  'POST /expenses/:claimId/dispute/refer': ['advisor', 'chair'],
  'GET /expenses/:claimId/dispute': 'signed-in',
  'POST /expenses/:claimId/dispute': 'signed-in',
  'GET /expenses/:claimId/decision': ['coordination_unit'],
  'POST /expenses/:claimId/decision': ['coordination_unit'],
  'GET /expenses/:claimId/second-approval': ['coordination_unit'],
  'POST /expenses/:claimId/second-approval': ['coordination_unit'],
  'GET /advice-offers': ['ctset', 'coordination_unit', 'director'],
  'GET /advice-offers/new': ['ctset'],
  'POST /advice-offers/new': ['ctset'],
  'GET /advice-offers/:offerId/response': ['ctset'],
  'POST /advice-offers/:offerId/response': ['ctset'],
  'GET /advice-requests/:requestId/disclosures/new': 'signed-in',
  'POST /advice-requests/:requestId/disclosures/new': 'signed-in',
  'POST /deployments/:deploymentId/disclosures/:disclosureId/acknowledge': 'signed-in',
  'GET /deployments/:deploymentId/disclosures/:disclosureId/document': 'signed-in',
  'GET /advice-requests/:requestId/documents/new': 'signed-in',
  'POST /advice-requests/:requestId/documents/new': 'signed-in',
  'GET /advice-requests/:requestId/documents/:documentId': 'signed-in',
  'POST /advice-requests/:requestId/documents/:documentId/remove': 'signed-in',
  'GET /deployments/:deploymentId/advice/documents/new': 'signed-in',
  'POST /deployments/:deploymentId/advice/documents/new': 'signed-in',
  'GET /deployments/:deploymentId/advice/documents/:documentId': 'signed-in',
  'POST /deployments/:deploymentId/advice/documents/:documentId/remove': 'signed-in',
  'GET /deployments/equity': ['coordination_unit', 'director'],
  'GET /deployments/equity.csv': ['coordination_unit', 'director'],
  'GET /advice-requests/to-nominate': ['deployment_contact'],
  // Scoped to the group's deployment contact: for a group nobody holds, everyone is refused.
  'GET /advice-requests/:requestId/groups/:groupId/nominate': [],
  'POST /advice-requests/:requestId/groups/:groupId/nominate': [],
  'GET /advice-requests/:requestId/groups/:groupId/conflicts/:personId': [],
  'POST /advice-requests/:requestId/groups/:groupId/conflicts/:personId': [],
  // An advisor's own deployments and availability: anyone signed in, each sees only their own.
  'GET /deployments': 'signed-in',
  'GET /deployments/availability': 'signed-in',
  'POST /deployments/availability': 'signed-in',
  'GET /deployments/availability/experience': 'signed-in',
  'POST /deployments/availability/experience': 'signed-in',
  'POST /deployments/availability/dates/:entryId/remove': 'signed-in',
  'GET /deployments/:deploymentId': 'signed-in',
  'POST /deployments/:deploymentId/accept': 'signed-in',
  'GET /deployments/:deploymentId/decline': 'signed-in',
  'POST /deployments/:deploymentId/decline': 'signed-in',
  'GET /deployments/arrangements': ['ctset', 'coordination_unit'],
  'GET /deployments/:deploymentId/arrange': ['ctset', 'coordination_unit'],
  'POST /deployments/:deploymentId/arrange': ['ctset', 'coordination_unit'],
  'GET /meetings/:meetingId/invitations': 'signed-in',
  'POST /meetings/:meetingId/invitations': 'signed-in',
  'GET /meetings/:meetingId/invitations/attendance': 'signed-in',
  'POST /meetings/:meetingId/invitations/attendance': 'signed-in',
  'GET /meetings/:meetingId': 'signed-in',
  'GET /meetings/:meetingId/items/new': 'signed-in',
  'POST /meetings/:meetingId/items/new': 'signed-in',
  'POST /meetings/:meetingId/items/:itemId/:action': 'signed-in',
  'POST /meetings/:meetingId/publish': 'signed-in',
  'GET /meetings/:meetingId/attendance': 'signed-in',
  'POST /meetings/:meetingId/attendance': 'signed-in',
  'GET /meetings/:meetingId/cancel': 'signed-in',
  'POST /meetings/:meetingId/cancel': 'signed-in',
  'GET /meetings/:meetingId/minutes': 'signed-in',
  'GET /meetings/:meetingId/minutes/edit': 'signed-in',
  'POST /meetings/:meetingId/minutes/edit': 'signed-in',
  'GET /meetings/:meetingId/minutes/advice/new': 'signed-in',
  'POST /meetings/:meetingId/minutes/advice/new': 'signed-in',
  'POST /meetings/:meetingId/minutes/advice/:adviceId/remove': 'signed-in',
  'GET /meetings/:meetingId/minutes/correction': 'signed-in',
  'POST /meetings/:meetingId/minutes/correction': 'signed-in',
  'POST /meetings/:meetingId/approvals': 'signed-in',
  'GET /meetings/:meetingId/actions/new': 'signed-in',
  'POST /meetings/:meetingId/actions/new': 'signed-in',
  'POST /meetings/:meetingId/actions/:actionId/:outcome': 'signed-in',
  'GET /meetings/:meetingId/items/:itemId/papers/new': 'signed-in',
  'POST /meetings/:meetingId/items/:itemId/papers/new': 'signed-in',
  'GET /meetings/:meetingId/papers/:paperId': 'signed-in',
  'POST /meetings/:meetingId/papers/:paperId/remove': 'signed-in',
  'GET /advisory-groups': 'anyone',
  'GET /advisory-groups/:groupId': 'anyone',
  // An unknown group's meeting is not found, for anyone.
  'GET /advisory-groups/:bodyId/meetings/:meetingId': 'anyone',
  'GET /advisory-groups/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /advisory-groups/:bodyId/meetings.ics': 'anyone',
  // A feed's token is its key: an unknown token is not found, for anyone.
  'GET /calendar/:token/meetings.ics': 'anyone',
  'GET /my-meetings/calendar': 'signed-in',
  'POST /my-meetings/calendar': 'signed-in',
  'POST /my-meetings/calendar/revoke': 'signed-in',
  'GET /custody-visiting/suites': CUSTODY_VIEWERS,
  'GET /custody-visiting/suites/new': SCHEME_MANAGERS,
  'POST /custody-visiting/suites/new': SCHEME_MANAGERS,
  // A suite the person may not see (here, an unknown one) is not found.
  'GET /custody-visiting/suites/:suiteId': CUSTODY_VIEWERS,
  'GET /custody-visiting/suites/:suiteId/edit': SCHEME_MANAGERS,
  'POST /custody-visiting/suites/:suiteId/edit': SCHEME_MANAGERS,
  'GET /custody-visiting/panels': PANEL_VIEWERS,
  'GET /custody-visiting/panels/new': SCHEME_MANAGERS,
  'POST /custody-visiting/panels/new': SCHEME_MANAGERS,
  'GET /custody-visiting/panels/:panelId': PANEL_VIEWERS,
  // A coordinator changes their own panel only: another (here, an unknown one) is not found.
  'GET /custody-visiting/panels/:panelId/edit': PANEL_VIEWERS,
  'POST /custody-visiting/panels/:panelId/edit': PANEL_VIEWERS,
  // ICV-02: a panel's meetings, as every body's (ADR 0005): the service decides who may see
  // them (the scheme manager, the panel's coordinator and the custody inspector of its suites).
  'GET /custody-visiting/panels/:bodyId/meetings': 'signed-in',
  'GET /custody-visiting/panels/:bodyId/meetings/new': 'signed-in',
  'POST /custody-visiting/panels/:bodyId/meetings/new': 'signed-in',
  'GET /custody-visiting/panels/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /custody-visiting/panels/:bodyId/absences/:personId/withdraw': 'signed-in',
  // A panel's meetings are never published: these find no panel.
  'GET /public/custody-visiting-panels/:bodyId/meetings/:meetingId': 'anyone',
  'GET /public/custody-visiting-panels/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /public/custody-visiting-panels/:bodyId/meetings.ics': 'anyone',
  // Issue 24 item 9: the scheme's public pages.
  'GET /custody-visiting': 'anyone',
  'GET /custody-visiting/become-a-visitor': 'anyone',
  'GET /custody-visiting/statistics': 'anyone',
  'GET /custody-visiting/statistics.csv': 'anyone',
  'GET /custody-visiting/statistics/annual-report.pdf': 'anyone',
  // ICV-10: each panel's community activities and recruitment in a quarter, as CSV.
  'GET /custody-visiting/statistics-panels.csv': 'anyone',
  // ICV-10: a panel's community activities, kept by the manager and the panel's coordinator
  // (another panel's coordinator is refused by the service: not found).
  'GET /custody-visiting/panels/:panelId/activities/new': PANEL_VIEWERS,
  'POST /custody-visiting/panels/:panelId/activities/new': PANEL_VIEWERS,
  'GET /custody-visiting/activities/:activityId/edit': PANEL_VIEWERS,
  'POST /custody-visiting/activities/:activityId/edit': PANEL_VIEWERS,
  'GET /custody-visiting/activities/:activityId/remove': PANEL_VIEWERS,
  'POST /custody-visiting/activities/:activityId/remove': PANEL_VIEWERS,
  // CON-06: the citizens' panel: joining, its confirmation link, and the leave and stay links
  // every e-mail carries are the public's, no sign-in; an unknown link is not found.
  'GET /consultations/panel/join': 'anyone',
  'POST /consultations/panel/join': 'anyone',
  'GET /consultations/panel/joined': 'anyone',
  'GET /consultations/panel/confirm/:token': 'anyone',
  'POST /consultations/panel/confirm/:token': 'anyone',
  'GET /consultations/panel/leave/:token': 'anyone',
  'POST /consultations/panel/leave/:token': 'anyone',
  'GET /consultations/panel/stay/:token': 'anyone',
  'POST /consultations/panel/stay/:token': 'anyone',
  // CON-06: the panel's members, invitations and waves are the authority officers'; its balance
  // (counts only, DP-01) is read by everyone who reads consultation.
  'GET /consultation/panel': CONSULTATION_MANAGERS,
  'GET /consultation/panel/balance': GROUP_STAFF,
  'GET /consultation/panel/invite': CONSULTATION_MANAGERS,
  'POST /consultation/panel/invite': CONSULTATION_MANAGERS,
  'GET /consultation/panel/waves': CONSULTATION_MANAGERS,
  'GET /consultation/panel/waves/new': CONSULTATION_MANAGERS,
  'POST /consultation/panel/waves/new': CONSULTATION_MANAGERS,
  'GET /consultation/panel/waves/:waveId': CONSULTATION_MANAGERS,
  'GET /consultation/panel/population': GROUP_STAFF,
  'GET /consultation/panel/population/replace': CONSULTATION_MANAGERS,
  'POST /consultation/panel/population/replace': CONSULTATION_MANAGERS,
  // ICV-10, LEG-05: surges are the scheme manager's.
  // CDRP-01, CDRP-10, CDRP-15: the partnerships register, and what it publishes for inspection.
  'GET /partnership-register': PARTNERSHIP_VIEWERS,
  'GET /partnership-register/new': ['authority_officer'],
  'POST /partnership-register/new': ['authority_officer'],
  'GET /partnership-register/:partnershipId': PARTNERSHIP_VIEWERS,
  'POST /partnership-register/:partnershipId/confirm': PARTNERSHIP_KEEPERS,
  'GET /partnership-register/:partnershipId/edit': PARTNERSHIP_KEEPERS,
  'POST /partnership-register/:partnershipId/edit': PARTNERSHIP_KEEPERS,
  'GET /partnership-register/:partnershipId/protocol': PARTNERSHIP_KEEPERS,
  'POST /partnership-register/:partnershipId/protocol': PARTNERSHIP_KEEPERS,
  'GET /partnership-register/:partnershipId/records/new': PARTNERSHIP_KEEPERS,
  'POST /partnership-register/:partnershipId/records/new': PARTNERSHIP_KEEPERS,
  'GET /partnerships': 'anyone',
  'GET /partnerships/:partnershipId': 'anyone',
  'GET /custody-visiting/surges': SCHEME_MANAGERS,
  'GET /custody-visiting/surges/new': SCHEME_MANAGERS,
  'POST /custody-visiting/surges/new': SCHEME_MANAGERS,
  'GET /custody-visiting/surges/:surgeId': SCHEME_MANAGERS,
  'GET /custody-visiting/surges/:surgeId/end': SCHEME_MANAGERS,
  'POST /custody-visiting/surges/:surgeId/end': SCHEME_MANAGERS,
  // CON-02: programmes are read by everyone who reads consultation, changed by its officers.
  'GET /consultation/programmes': CONSULTATION_VIEWERS,
  'GET /consultation/programmes/new': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/new': CONSULTATION_MANAGERS,
  'GET /consultation/programmes/:programmeId': CONSULTATION_VIEWERS,
  'GET /consultation/programmes/:programmeId/copy': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/:programmeId/copy': CONSULTATION_MANAGERS,
  'GET /consultation/programmes/:programmeId/stages/new': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/:programmeId/stages/new': CONSULTATION_MANAGERS,
  'GET /consultation/programmes/:programmeId/stages/:stageId': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/:programmeId/stages/:stageId': CONSULTATION_MANAGERS,
  'GET /consultation/programmes/:programmeId/stages/:stageId/remove': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/:programmeId/stages/:stageId/remove': CONSULTATION_MANAGERS,
  'POST /consultation/programmes/:programmeId/stages/:stageId/move': CONSULTATION_MANAGERS,
  // ICV-02: the public application form, no account needed, and its confirmation.
  'GET /custody-visiting/become-a-visitor/apply': 'anyone',
  'POST /custody-visiting/become-a-visitor/apply': 'anyone',
  'GET /custody-visiting/become-a-visitor/applied': 'anyone',
  // The applications: the scheme manager and panel coordinators (their area's), nobody else.
  'GET /custody-visiting/applications': PANEL_VIEWERS,
  'GET /custody-visiting/applications/:applicationId': PANEL_VIEWERS,
  'POST /custody-visiting/applications/:applicationId': PANEL_VIEWERS,
  // ICV-01, ICV-02: a panel's visitors are kept by the scheme manager and the panel's own
  // coordinator (another panel's, here an unknown one, is not found); the police see none.
  'GET /custody-visiting/panels/:panelId/visitors': PANEL_VIEWERS,
  'GET /custody-visiting/panels/:panelId/visitors/new': PANEL_VIEWERS,
  'POST /custody-visiting/panels/:panelId/visitors/new': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/interview': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/interview': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/vetting': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/vetting': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/appointment': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/appointment': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/renewal': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/renewal': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/probation': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/probation': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/courses/new': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/courses/new': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/suspension': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/suspension': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/suspension/lift': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/suspension/lift': PANEL_VIEWERS,
  'GET /custody-visiting/visitors/:visitorId/leaving': PANEL_VIEWERS,
  'POST /custody-visiting/visitors/:visitorId/leaving': PANEL_VIEWERS,
  'GET /custody-visiting/panels/:panelId/rota': ROTA_KEEPERS,
  'POST /custody-visiting/panels/:panelId/rota/ask': ROTA_KEEPERS,
  'POST /custody-visiting/panels/:panelId/rota/draw': ROTA_KEEPERS,
  'GET /custody-visiting/visits/:visitId/swap': ROTA_KEEPERS,
  'POST /custody-visiting/visits/:visitId/swap': ROTA_KEEPERS,
  'POST /custody-visiting/visits/:visitId/missed': ROTA_KEEPERS,
  'GET /custody-visiting/your-visits': LAY_VISITORS,
  'GET /custody-visiting/your-visits/availability/:quarter': LAY_VISITORS,
  'POST /custody-visiting/your-visits/availability/:quarter': LAY_VISITORS,
  'GET /custody-visiting/your-visits/:visitId/time': LAY_VISITORS,
  'POST /custody-visiting/your-visits/:visitId/time': LAY_VISITORS,
  'POST /custody-visiting/your-visits/:visitId/made': LAY_VISITORS,
  'GET /custody-visiting/reports': REPORT_READERS,
  'GET /custody-visiting/reports/new': REPORT_WRITERS,
  'POST /custody-visiting/reports/new': REPORT_WRITERS,
  'GET /custody-visiting/reports/:reportId': REPORT_READERS,
  'GET /custody-visiting/reports/:reportId/visit': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/visit': REPORT_WRITERS,
  'GET /custody-visiting/reports/:reportId/detainees/new': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/detainees/new': REPORT_WRITERS,
  'GET /custody-visiting/reports/:reportId/detainees/:detaineeId': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/detainees/:detaineeId': REPORT_WRITERS,
  'GET /custody-visiting/reports/:reportId/detainees/:detaineeId/remove': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/detainees/:detaineeId/remove': REPORT_WRITERS,
  'GET /custody-visiting/reports/:reportId/checks': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/checks': REPORT_WRITERS,
  'POST /custody-visiting/reports/:reportId/confirm': REPORT_WRITERS,
  // ICV-09: a terrorism report's copy sent by hand is recorded by the scheme manager.
  'POST /custody-visiting/reports/:reportId/copies': REVIEWERS,
  'GET /custody-visiting/review': REVIEWERS,
  'GET /custody-visiting/review/:reportId': REVIEWERS,
  'POST /custody-visiting/review/:reportId/issues': REVIEWERS,
  'POST /custody-visiting/review/:reportId/reviewed': REVIEWERS,
  'GET /custody-visiting/follow-up': ISSUE_READERS,
  'GET /custody-visiting/follow-up/:issueId': ISSUE_READERS,
  'POST /custody-visiting/follow-up/:issueId/answer': ISSUE_ANSWERERS,
  'POST /custody-visiting/follow-up/:issueId/close': REVIEWERS,
  'POST /custody-visiting/follow-up/:issueId/send-back': REVIEWERS,
  'POST /custody-visiting/follow-up/:issueId/escalate': REVIEWERS,
  'POST /custody-visiting/follow-up/:issueId/authority': REVIEWERS,
  'GET /custody-visiting/issues': 'anyone',
  // CON-01: the consultation strategy board: read by staff who read consultation (GROUP_STAFF),
  // kept by the authority officers who run it.
  'GET /consultation/board': GROUP_STAFF,
  'GET /consultation/board/members/new': CONSULTATION_MANAGERS,
  'POST /consultation/board/members/new': CONSULTATION_MANAGERS,
  'GET /consultation/board/members/:membershipId/end': CONSULTATION_MANAGERS,
  'POST /consultation/board/members/:membershipId/end': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/approval': GROUP_STAFF,
  'POST /consultation/consultations/:consultationId/approval': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/approval/withdraw': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/board-review': GROUP_STAFF,
  'POST /consultation/consultations/:consultationId/board-review': CONSULTATION_MANAGERS,
  'GET /consultation/board/measures': GROUP_STAFF,
  'GET /consultation/board/measures.csv': GROUP_STAFF,
  'GET /consultation/board/measures/new': CONSULTATION_MANAGERS,
  'POST /consultation/board/measures/new': CONSULTATION_MANAGERS,
  'GET /consultation/board/measures/:measureId/years/:year': CONSULTATION_MANAGERS,
  'POST /consultation/board/measures/:measureId/years/:year': CONSULTATION_MANAGERS,
  // CON-01: borough consultation and its cost.
  'GET /consultation/board/boroughs': GROUP_STAFF,
  'GET /consultation/board/boroughs.csv': GROUP_STAFF,
  'GET /consultation/consultations/:consultationId/costs': GROUP_STAFF,
  'POST /consultation/consultations/:consultationId/costs': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/costs/:costId/remove': CONSULTATION_MANAGERS,
  // The board's meetings, as every body's (ADR 0005): the service decides who may see them.
  'GET /consultation/boards/:bodyId/meetings': 'signed-in',
  'GET /consultation/boards/:bodyId/meetings/new': 'signed-in',
  'POST /consultation/boards/:bodyId/meetings/new': 'signed-in',
  'GET /consultation/boards/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /consultation/boards/:bodyId/absences/:personId/withdraw': 'signed-in',
  // Its published meetings (an unknown board is not found, for anyone).
  'GET /public/consultation-boards/:boardId': 'anyone',
  'GET /public/consultation-boards/:bodyId/meetings/:meetingId': 'anyone',
  'GET /public/consultation-boards/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /public/consultation-boards/:bodyId/meetings.ics': 'anyone',
  // Issue 25 (CON-01, CON-07): consultations and their questionnaires.
  'GET /consultation': CONSULTATION_VIEWERS,
  'GET /consultation/consultations': CONSULTATION_VIEWERS,
  'GET /consultation/consultations/new': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/new': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId': CONSULTATION_VIEWERS,
  'GET /consultation/consultations/:consultationId/edit': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/edit': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/launch': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/launch': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/close': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/close': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/questionnaire': CONSULTATION_VIEWERS,
  'GET /consultation/consultations/:consultationId/questionnaire/preview': CONSULTATION_VIEWERS,
  'POST /consultation/consultations/:consultationId/questionnaire/new-version':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/questionnaire/questions/new':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/questionnaire/questions/new':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/questionnaire/questions/:questionId':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/questionnaire/questions/:questionId':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/questionnaire/questions/:questionId/remove':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/questionnaire/questions/:questionId/remove':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/questionnaire/questions/:questionId/move':
    CONSULTATION_MANAGERS,
  // Issue 25: anyone reads consultations and answers an open one, by its response's link (the
  // token is the only key: an unknown one is not found); an invited person's link responds once.
  'GET /consultations': 'anyone',
  'GET /consultations/:consultationId': 'anyone',
  'POST /consultations/:consultationId/respond': 'anyone',
  'GET /consultations/:consultationId/responded': 'anyone',
  'GET /consultations/invited/:token': 'anyone',
  'POST /consultations/invited/:token': 'anyone',
  'GET /consultations/resume/:token': 'anyone',
  'GET /consultations/resume/:token/questions/:position': 'anyone',
  'POST /consultations/resume/:token/questions/:position': 'anyone',
  'GET /consultations/resume/:token/about-you': 'anyone',
  'POST /consultations/resume/:token/about-you': 'anyone',
  'GET /consultations/resume/:token/check': 'anyone',
  'POST /consultations/resume/:token/check': 'anyone',
  'GET /consultations/resume/:token/save': 'anyone',
  'POST /consultations/resume/:token/save': 'anyone',
  // A consultation's responses: staff read them; authority officers set them aside.
  'GET /consultation/consultations/:consultationId/responses': CONSULTATION_VIEWERS,
  'GET /consultation/consultations/:consultationId/responses/:responseId/set-aside':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/responses/:responseId/set-aside':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/responses/:responseId/restore':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/bursts/:burst/set-aside': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/bursts/:burst/set-aside': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/bursts/:burst/restore': CONSULTATION_MANAGERS,
  // Issue 25 item 5: staff read a consultation's analysis; authority officers code, export and
  // publish it; the public reads what is published as open data.
  'GET /consultation/consultations/:consultationId/analysis': GROUP_STAFF,
  'GET /consultation/consultations/:consultationId/analysis/report.pdf': GROUP_STAFF,
  'GET /consultation/consultations/:consultationId/analysis/responses.csv': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/analysis/questions/:questionId':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/analysis/questions/:questionId':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/analysis/questions/:questionId/themes':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/analysis/themes/:themeId': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/analysis/themes/:themeId':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/analysis/themes/:themeId/remove':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/analysis/themes/:themeId/remove':
    CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/analysis/open-data': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/analysis/open-data': CONSULTATION_MANAGERS,
  'GET /consultations/:consultationId/open-data': 'anyone',
  'GET /consultations/:consultationId/open-data.csv': 'anyone',
  // CON-03, CON-07: consultees, and who was chosen for a consultation; the unsubscribe link is
  // anyone's who holds it.
  'GET /consultation/consultees': CONSULTATION_MANAGERS,
  'GET /consultation/consultees/new': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/new': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/advisory-groups': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/engagement-groups': CONSULTATION_MANAGERS,
  'GET /consultation/consultees/:consulteeId': CONSULTATION_MANAGERS,
  'GET /consultation/consultees/:consulteeId/edit': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/:consulteeId/edit': CONSULTATION_MANAGERS,
  'GET /consultation/consultees/:consulteeId/channels': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/:consulteeId/channels': CONSULTATION_MANAGERS,
  'GET /consultation/consultees/:consulteeId/consent': CONSULTATION_MANAGERS,
  'POST /consultation/consultees/:consulteeId/consent': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/consultees': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/consultees/category': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/consultees/one': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/consultees/invite': CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/consultees/remind': CONSULTATION_MANAGERS,
  'GET /consultation/consultations/:consultationId/consultees/:chosenId/remove':
    CONSULTATION_MANAGERS,
  'POST /consultation/consultations/:consultationId/consultees/:chosenId/remove':
    CONSULTATION_MANAGERS,
  'GET /consultations/unsubscribe/:token': 'anyone',
  'POST /consultations/unsubscribe/:token': 'anyone',
  // CDRP-11, IAG-34: training is kept by the coordination unit and partnership officers, read by
  // those who oversee it; anyone signed in reads their own.
  'GET /training/courses': TRAINING_VIEWERS,
  'GET /training/courses/new': TRAINING_KEEPERS,
  'POST /training/courses/new': TRAINING_KEEPERS,
  'GET /training/courses/:courseId': TRAINING_VIEWERS,
  'GET /training/courses/:courseId/edit': TRAINING_KEEPERS,
  'POST /training/courses/:courseId/edit': TRAINING_KEEPERS,
  'GET /training/courses/:courseId/sessions/new': TRAINING_KEEPERS,
  'POST /training/courses/:courseId/sessions/new': TRAINING_KEEPERS,
  'GET /training/sessions/:sessionId': TRAINING_VIEWERS,
  'POST /training/sessions/:sessionId/attendance': TRAINING_KEEPERS,
  'GET /training/numbers': TRAINING_VIEWERS,
  'GET /training/numbers.csv': TRAINING_VIEWERS,
  'GET /training/needs': TRAINING_VIEWERS,
  'GET /training/needs/new': TRAINING_KEEPERS,
  'POST /training/needs/new': TRAINING_KEEPERS,
  'GET /training/yours': 'signed-in',
  // CDRP-08: the good-practice library, and what it publishes for anyone.
  'GET /good-practice-library': GOOD_PRACTICE_VIEWERS,
  'GET /good-practice-library/new': GOOD_PRACTICE_KEEPERS,
  'POST /good-practice-library/new': GOOD_PRACTICE_KEEPERS,
  'GET /good-practice-library/:entryId': GOOD_PRACTICE_VIEWERS,
  'GET /good-practice-library/:entryId/edit': GOOD_PRACTICE_KEEPERS,
  'POST /good-practice-library/:entryId/edit': GOOD_PRACTICE_KEEPERS,
  'POST /good-practice-library/:entryId/publish': ['authority_officer'],
  'POST /good-practice-library/:entryId/withdraw': ['authority_officer'],
  'GET /good-practice': 'anyone',
  'GET /good-practice/:entryId': 'anyone',
  // CON-01, CDRP-10: indicators kept by staff, and the public ones read by anyone.
  'GET /performance-indicators': INDICATOR_VIEWERS,
  'GET /performance-indicators/new': INDICATOR_KEEPERS,
  'GET /performance-indicators/dashboard': INDICATOR_VIEWERS,
  'GET /performance-indicators/committee-pack.pdf': INDICATOR_VIEWERS,
  'POST /performance-indicators/new': INDICATOR_KEEPERS,
  'GET /performance-indicators/:indicatorId': INDICATOR_VIEWERS,
  'GET /performance-indicators/:indicatorId/edit': INDICATOR_KEEPERS,
  'POST /performance-indicators/:indicatorId/edit': INDICATOR_KEEPERS,
  'GET /performance-indicators/:indicatorId/values': INDICATOR_KEEPERS,
  'POST /performance-indicators/:indicatorId/values': INDICATOR_KEEPERS,
  'GET /performance-indicators/:indicatorId/targets': INDICATOR_KEEPERS,
  'POST /performance-indicators/:indicatorId/targets': INDICATOR_KEEPERS,
  'GET /performance-indicators/:indicatorId/upload': INDICATOR_KEEPERS,
  'POST /performance-indicators/:indicatorId/upload': INDICATOR_KEEPERS,
  'POST /performance-indicators/:indicatorId/refresh': INDICATOR_KEEPERS,
  'GET /indicators': 'anyone',
  'GET /indicators/:indicatorId': 'anyone',
  // LEG-04: stop and search, read by anyone; months and reference data loaded by the authority's
  // officers.
  // LEG-04, DP-01: workforce figures kept and read unsuppressed by the authority's officers only,
  // and published for anyone.
  'GET /workforce-figures': INDICATOR_KEEPERS,
  'GET /workforce-figures/new': INDICATOR_KEEPERS,
  'POST /workforce-figures/new': INDICATOR_KEEPERS,
  'GET /workforce-figures/import': INDICATOR_KEEPERS,
  'POST /workforce-figures/import': INDICATOR_KEEPERS,
  'GET /workforce-figures/:snapshotId': INDICATOR_KEEPERS,
  'GET /workforce-figures/:snapshotId/bands/:band': INDICATOR_KEEPERS,
  'POST /workforce-figures/:snapshotId/bands/:band': INDICATOR_KEEPERS,
  'GET /workforce': 'anyone',
  // DP-02: subject access requests, kept by the coordination unit and administrators.
  'GET /information-rights/subject-access': SUBJECT_ACCESS,
  'GET /information-rights/subject-access/new': SUBJECT_ACCESS,
  'POST /information-rights/subject-access/new': SUBJECT_ACCESS,
  'GET /information-rights/subject-access/:requestId': SUBJECT_ACCESS,
  'POST /information-rights/subject-access/:requestId/identity': SUBJECT_ACCESS,
  'POST /information-rights/subject-access/:requestId/extend': SUBJECT_ACCESS,
  'POST /information-rights/subject-access/:requestId/answer': SUBJECT_ACCESS,
  'GET /information-rights/subject-access/:requestId/archive.zip': SUBJECT_ACCESS,
  // Issue 28 part 5: requests to erase or correct, kept by the same people.
  'GET /information-rights/erasure-and-correction': SUBJECT_ACCESS,
  'GET /information-rights/erasure-and-correction/new': SUBJECT_ACCESS,
  'POST /information-rights/erasure-and-correction/new': SUBJECT_ACCESS,
  'GET /information-rights/erasure-and-correction/:requestId': SUBJECT_ACCESS,
  'POST /information-rights/erasure-and-correction/:requestId/extend': SUBJECT_ACCESS,
  'POST /information-rights/erasure-and-correction/:requestId/decide': SUBJECT_ACCESS,
  'POST /information-rights/erasure-and-correction/:requestId/carry-out': SUBJECT_ACCESS,
  'POST /information-rights/erasure-and-correction/:requestId/corrected': SUBJECT_ACCESS,
  'GET /information-rights/erasure-and-correction/:requestId/archive.zip': SUBJECT_ACCESS,
  // FOI-01 (Rec 10): Freedom of Information requests kept by the coordination unit (and
  // administrators); the disclosure log and its documents read by anyone.
  'GET /foi-requests': FOI_KEEPERS,
  'GET /foi-requests/new': FOI_KEEPERS,
  'POST /foi-requests/new': FOI_KEEPERS,
  'GET /foi-requests/:requestId': FOI_KEEPERS,
  'GET /foi-requests/:requestId/stop-clock': FOI_KEEPERS,
  'POST /foi-requests/:requestId/stop-clock': FOI_KEEPERS,
  'GET /foi-requests/:requestId/restart-clock': FOI_KEEPERS,
  'POST /foi-requests/:requestId/restart-clock': FOI_KEEPERS,
  'GET /foi-requests/:requestId/extend': FOI_KEEPERS,
  'POST /foi-requests/:requestId/extend': FOI_KEEPERS,
  'GET /foi-requests/:requestId/answer': FOI_KEEPERS,
  'POST /foi-requests/:requestId/answer': FOI_KEEPERS,
  'GET /foi-requests/:requestId/internal-review': FOI_KEEPERS,
  'POST /foi-requests/:requestId/internal-review': FOI_KEEPERS,
  'GET /foi-requests/:requestId/complaint': FOI_KEEPERS,
  'POST /foi-requests/:requestId/complaint': FOI_KEEPERS,
  'GET /foi-requests/:requestId/publish': FOI_KEEPERS,
  'POST /foi-requests/:requestId/publish': FOI_KEEPERS,
  'POST /foi-requests/:requestId/unpublish': FOI_KEEPERS,
  'POST /foi-requests/:requestId/documents/:documentId/remove': FOI_KEEPERS,
  'GET /foi-requests/:requestId/documents/new': FOI_KEEPERS,
  'POST /foi-requests/:requestId/documents/new': FOI_KEEPERS,
  'GET /foi-requests/:requestId/documents/:documentId': FOI_KEEPERS,
  'POST /foi-requests/:requestId/records': FOI_KEEPERS,
  'POST /foi-requests/:requestId/records/:linkId/remove': FOI_KEEPERS,
  'GET /disclosure-log': 'anyone',
  'GET /disclosure-log/:requestId/documents/:documentId': 'anyone',
  'GET /stop-and-search': 'anyone',
  'GET /stop-and-search/months': ['authority_officer'],
  'GET /stop-and-search/months/import': ['authority_officer'],
  'POST /stop-and-search/months/import': ['authority_officer'],
  'GET /stop-and-search/boundaries': ['authority_officer'],
  'POST /stop-and-search/boundaries': ['authority_officer'],
  'POST /stop-and-search/boundaries/place': ['authority_officer'],
  'GET /stop-and-search/population': ['authority_officer'],
  'POST /stop-and-search/population': ['authority_officer'],
  // CON-04, CON-05, CDRP-12: assessment, the panel's decision and the award, and payments.
  'GET /grants/applications/:applicationId/assessors': GRANT_MANAGERS,
  'POST /grants/applications/:applicationId/assessors': GRANT_MANAGERS,
  'POST /grants/applications/:applicationId/assessors/:assessmentId/remove': GRANT_MANAGERS,
  'GET /grants/assessments': GRANT_ASSESSORS,
  'GET /grants/applications/:applicationId/assess': GRANT_ASSESSORS,
  'POST /grants/applications/:applicationId/assess': GRANT_ASSESSORS,
  'GET /grants/applications/:applicationId/conflict': GRANT_ASSESSORS,
  'POST /grants/applications/:applicationId/conflict': GRANT_ASSESSORS,
  'GET /grants/applications/:applicationId/decision': GRANT_VIEWERS,
  'POST /grants/applications/:applicationId/decision': GRANT_MANAGERS,
  'GET /grants/applications/:applicationId/letter': 'signed-in',
  'GET /grants/payments': GRANT_MANAGERS,
  'POST /grants/payments': GRANT_MANAGERS,
  'GET /grants/payments/batches/:batchId': GRANT_MANAGERS,
  'GET /grants/payments/batches/:batchId/csv': GRANT_MANAGERS,
  'POST /grants/payments/batches/:batchId/csv': GRANT_MANAGERS,
  'POST /grants/payments/batches/:batchId/paid': GRANT_MANAGERS,
  // LEG-06, CDRP-12, CON-04: grants monitoring.
  'GET /grants/monitoring/:applicationId': 'signed-in',
  'POST /grants/monitoring/:applicationId/schedule': GRANT_MANAGERS,
  'GET /grants/monitoring/:applicationId/returns/:returnId': 'signed-in',
  'POST /grants/monitoring/:applicationId/returns/:returnId': 'signed-in',
  'POST /grants/monitoring/:applicationId/returns/:returnId/accept': GRANT_MANAGERS,
  'GET /grants/monitoring/:applicationId/adjustments/new': GRANT_MANAGERS,
  'POST /grants/monitoring/:applicationId/adjustments/new': GRANT_MANAGERS,
  'GET /grants/monitoring/:applicationId/evaluation': GRANT_MANAGERS,
  'POST /grants/monitoring/:applicationId/evaluation': GRANT_MANAGERS,
  // CON-04, LEG-06: a grant tied to the meetings, recommendations and consultations it served.
  'GET /grants/monitoring/:applicationId/links/new': GRANT_MANAGERS,
  'POST /grants/monitoring/:applicationId/links/new': GRANT_MANAGERS,
  'POST /grants/monitoring/:applicationId/links/:linkId/remove': GRANT_MANAGERS,
  'GET /grants/late-returns': GRANT_VIEWERS,
  'GET /grants/spending': GRANT_VIEWERS,
  'GET /grants/spending.csv': GRANT_VIEWERS,
  // CON-04: the register of engagement groups, standards and standing, plans and issues.
  'GET /engagement-groups': ENGAGEMENT_VIEWERS,
  'GET /engagement-groups/new': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/new': ENGAGEMENT_MANAGERS,
  // A group's page, standing, plan and issue: staff, and the group's own officer (the service).
  'GET /engagement-groups/:groupId': 'signed-in',
  'GET /engagement-groups/:groupId/edit': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/:groupId/edit': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/:groupId/close': ENGAGEMENT_MANAGERS,
  'GET /engagement-groups/standards': ENGAGEMENT_VIEWERS,
  'POST /engagement-groups/standards': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/standards/:standardId/retire': ENGAGEMENT_MANAGERS,
  'GET /engagement-groups/:groupId/standing': 'signed-in',
  'GET /engagement-groups/:groupId/standing/:standardId': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/:groupId/standing/:standardId': ENGAGEMENT_MANAGERS,
  'GET /engagement-groups/:groupId/plans/:year': 'signed-in',
  'GET /engagement-groups/:groupId/plans/:year/headings/:heading': ENGAGEMENT_KEEPERS,
  'POST /engagement-groups/:groupId/plans/:year/headings/:heading': ENGAGEMENT_KEEPERS,
  'POST /engagement-groups/:groupId/plans/:year/agreement': ENGAGEMENT_MANAGERS,
  'GET /engagement-groups/issues': ENGAGEMENT_VIEWERS,
  'GET /engagement-groups/issues/:issueId': 'signed-in',
  'POST /engagement-groups/issues/:issueId/answer': ENGAGEMENT_MANAGERS,
  'POST /engagement-groups/issues/:issueId/close': ENGAGEMENT_MANAGERS,
  'GET /engagement-groups/:groupId/issues/new': ENGAGEMENT_KEEPERS,
  'POST /engagement-groups/:groupId/issues/new': ENGAGEMENT_KEEPERS,
  // A group's meetings, as every body's (ADR 0005): the service decides who may see them.
  'GET /engagement-groups/:bodyId/meetings': 'signed-in',
  'GET /engagement-groups/:bodyId/meetings/new': 'signed-in',
  'POST /engagement-groups/:bodyId/meetings/new': 'signed-in',
  'GET /engagement-groups/:bodyId/absences/:personId/withdraw': 'signed-in',
  'POST /engagement-groups/:bodyId/absences/:personId/withdraw': 'signed-in',
  // The groups meet in public: their published agendas and approved minutes are anyone's.
  'GET /public/engagement-groups/:bodyId/meetings/:meetingId': 'anyone',
  'GET /public/engagement-groups/:bodyId/meetings/:meetingId/papers/:paperId': 'anyone',
  'GET /public/engagement-groups/:bodyId/meetings.ics': 'anyone',
  // CON-04, CON-05, CDRP-12: funds and rounds are run by the authority's officers and read by
  // staff; rounds are published to anyone; anyone signed in applies for what they represent
  // (the grants service narrows them to it, and to their own applications).
  'GET /grants': GRANT_VIEWERS,
  'GET /grants/funds/new': GRANT_MANAGERS,
  'POST /grants/funds/new': GRANT_MANAGERS,
  'GET /grants/funds/:fundId': GRANT_VIEWERS,
  'GET /grants/funds/:fundId/edit': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/edit': GRANT_MANAGERS,
  'GET /grants/funds/:fundId/close': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/close': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/reopen': GRANT_MANAGERS,
  'GET /grants/funds/:fundId/budget': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/budget': GRANT_MANAGERS,
  'GET /grants/funds/:fundId/criteria/new': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/criteria/new': GRANT_MANAGERS,
  'GET /grants/criteria/:criterionId/edit': GRANT_MANAGERS,
  'POST /grants/criteria/:criterionId/edit': GRANT_MANAGERS,
  'POST /grants/criteria/:criterionId/move': GRANT_MANAGERS,
  'POST /grants/criteria/:criterionId/remove': GRANT_MANAGERS,
  'GET /grants/funds/:fundId/rounds/new': GRANT_MANAGERS,
  'POST /grants/funds/:fundId/rounds/new': GRANT_MANAGERS,
  'GET /grants/rounds/:roundId': GRANT_VIEWERS,
  'GET /grants/rounds/:roundId/edit': GRANT_MANAGERS,
  'POST /grants/rounds/:roundId/edit': GRANT_MANAGERS,
  'GET /grants/applications': GRANT_VIEWERS,
  'GET /grants/applications/:applicationId': GRANT_VIEWERS,
  'GET /funding': 'anyone',
  'GET /funding/rounds/:roundId': 'anyone',
  'GET /funding/grants-awarded': 'anyone',
  'GET /funding/rounds/:roundId/apply': 'signed-in',
  'POST /funding/rounds/:roundId/apply': 'signed-in',
  'GET /funding/applications': 'signed-in',
  'GET /funding/applications/:applicationId': 'signed-in',
  'GET /funding/applications/:applicationId/about': 'signed-in',
  'POST /funding/applications/:applicationId/about': 'signed-in',
  'GET /funding/applications/:applicationId/objectives': 'signed-in',
  'POST /funding/applications/:applicationId/objectives': 'signed-in',
  'GET /funding/applications/:applicationId/budget': 'signed-in',
  'POST /funding/applications/:applicationId/budget': 'signed-in',
  'POST /funding/applications/:applicationId/budget/:lineId/remove': 'signed-in',
  'GET /funding/applications/:applicationId/outcomes': 'signed-in',
  'POST /funding/applications/:applicationId/outcomes': 'signed-in',
  'POST /funding/applications/:applicationId/outcomes/:outcomeId/remove': 'signed-in',
  'GET /funding/applications/:applicationId/check': 'signed-in',
  'POST /funding/applications/:applicationId/submit': 'signed-in',
  'GET /funding/applications/:applicationId/withdraw': 'signed-in',
  'POST /funding/applications/:applicationId/withdraw': 'signed-in',
  'GET /api/v1/organisations': 'api',
  'POST /api/v1/organisations': 'api',
  'GET /api/v1/organisations/:id': 'api',
  'PUT /api/v1/organisations/:id': 'api',
  'GET /api/v1/people': 'api',
  'POST /api/v1/people': 'api',
  'GET /api/v1/people/:id': 'api',
  'PUT /api/v1/people/:id': 'api',
};

let t: TestApp;
const agents = new Map<Role | 'signed out', Agent>();
let camdenId: string;

before(async () => {
  // Walks every route as each demo role, over the demo data's records.
  t = await createTestApp({ demo: true });
  for (const role of ROLES) agents.set(role, await signInAs(t, role));
  const signedOut = new Agent(t.app);
  await signedOut.get('/sign-in');
  agents.set('signed out', signedOut);
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  camdenId = boroughs.find((b) => b.name === 'Camden')!.id;
});
after(() => t.close());

/** A concrete URL for a route pattern: a real organisation for :id, unknown UUIDs elsewhere. */
function concrete(url: string): string {
  return url
    .replace('/directory/organisations/:id', `/directory/organisations/${camdenId}`)
    .replace(/:seq/, '1')
    .replace(/:token/, 'not-a-token')
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace('/assets/frontend/*', '/assets/frontend/govuk-frontend.min.css')
    .replace('/assets/bridge/*', '/assets/bridge/bridge.css')
    .replace('/assets/*', '/assets/images/favicon.svg')
    .replace('/admin/api-reference/static/*', '/admin/api-reference/static/index.css');
}

test('every route has a line in the permissions table, and every line a route', () => {
  const registered = t.routes.map((r) => `${r.method} ${r.url}`).sort();
  const missing = registered.filter((r) => !(r in EXPECTED));
  assert.deepEqual(missing, [], 'routes with no expectation: add them to EXPECTED');
  const stale = Object.keys(EXPECTED).filter((k) => !registered.includes(k));
  assert.deepEqual(stale, [], 'expectations for routes that no longer exist');
});

test('every route lets in exactly the roles it should, and sends signed-out people to sign in', async () => {
  const failures: string[] = [];
  for (const route of t.routes) {
    const who = EXPECTED[`${route.method} ${route.url}`];
    if (!who) continue;
    for (const [name, agent] of agents) {
      // Signing out or ending sessions would spoil the agents for the checks that follow.
      if (route.url === '/sign-out' || route.url.endsWith('/end')) {
        if (name !== 'signed out') continue;
      }
      const url = concrete(route.url);
      const response =
        route.method === 'GET'
          ? await agent.get(url)
          : route.method === 'POST'
            ? await agent.post(url, {})
            : await agent.send(route.method as 'PUT', url);
      const status = response.statusCode;
      const toSignIn = status === 303 && (response.headers.location ?? '').startsWith('/sign-in');
      const signedOut = name === 'signed out';
      let ok: boolean;
      if (who === 'anyone') ok = status !== 403 && !toSignIn;
      else if (who === 'signed-out') ok = status !== 403;
      else if (who === 'api') ok = status === 401;
      else if (signedOut) ok = toSignIn;
      else if (who === 'signed-in') ok = status !== 403 && !toSignIn;
      else ok = who.includes(name as Role) ? status !== 403 && !toSignIn : status === 403;
      if (!ok)
        failures.push(
          `${route.method} ${url} as ${name}: ${status} ${response.headers.location ?? ''}`,
        );
      // Every page, error pages included, is a whole GOV.UK page with one main region and title.
      if (
        String(response.headers['content-type']).startsWith('text/html') &&
        !url.startsWith('/admin/api-reference')
      ) {
        const mains = response.body.match(/<main[^>]*id="main-content"/g) ?? [];
        const headings = response.body.match(/<h1[\s>]/g) ?? [];
        if (mains.length !== 1 || headings.length !== 1)
          failures.push(
            `${route.method} ${url} as ${name}: ${mains.length} main, ${headings.length} h1`,
          );
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a refused request changes nothing: an advisor cannot create an organisation', async () => {
  const admin = agents.get('administrator')!;
  const response = await agents.get('advisor')!.post('/directory/organisations/new', {
    name: 'Advisor Made Organisation',
    kind: 'partner',
  });
  assert.equal(response.statusCode, 403);
  const search = await admin.get('/directory/organisations?q=Advisor+Made+Organisation');
  assert.match(search.body, /No organisations match your search/);
});

test('navigation shows a person only the links their role allows', async () => {
  const advisorHome = await agents.get('advisor')!.get('/');
  assert.doesNotMatch(advisorHome.body, /href="\/directory"/);
  assert.doesNotMatch(advisorHome.body, /href="\/admin\/users"/);
  const requesterHome = await agents.get('requester')!.get('/');
  assert.match(requesterHome.body, /href="\/directory"/);
  assert.doesNotMatch(requesterHome.body, /href="\/admin\/users"/);
  const adminHome = await agents.get('administrator')!.get('/');
  assert.match(adminHome.body, /href="\/admin\/users"/);
  assert.match(adminHome.body, /href="\/admin\/audit"/);
  const requesterOrg = await agents.get('requester')!.get(`/directory/organisations/${camdenId}`);
  assert.doesNotMatch(requesterOrg.body, /Archive organisation|\/edit"/);
});
