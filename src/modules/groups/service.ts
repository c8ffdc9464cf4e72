/**
 * The advisory groups' service as the module's routes, its other services and the tests use it:
 * each journey's service (the register, memberships, second terms, elections, the lookups)
 * composed into one object. Each thing a person does is one function: permission, rules, one
 * transaction, one audit event.
 */
import { todayInLondon } from '../../platform/calendar/index.js';
import type { Db } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { DirectoryService } from '../directory/index.js';
import { findGroup, findPublicGroup, type GroupsServiceDeps } from './access.js';
import { createChairs } from './elections/chairs.js';
import { createElectionsService } from './elections/service.js';
import { createSecondTermsService } from './memberships/second-terms-service.js';
import { createMembershipsService } from './memberships/service.js';
import { createTermEndsService } from './memberships/term-ends-service.js';
import { createTerms } from './memberships/terms.js';
import { createGroupListService } from './register/list-service.js';
import { createGroupLookupsService } from './register/lookups-service.js';
import { createRegisterService } from './register/service.js';

export type { Group, Membership } from './access.js';
export { MemberImportError } from './memberships/service.js';
export type { GroupListQuery } from './register/list-service.js';

export type GroupsService = ReturnType<typeof createGroupsService>;

/** What the services built on the groups' one (police attendance, diversity, guides) take. */
export interface GroupsPartDeps {
  db: Db;
  groups: GroupsService;
  directory: DirectoryService;
  /** The words of their refusals, in the default language (ADR 0015). */
  t: Translate;
}

export function createGroupsService(deps: GroupsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const chairs = createChairs(deps);
  const terms = createTerms(deps);
  return {
    /** Today in London by the service's clock (tests move it). */
    today: () => todayInLondon(now()),
    findGroup,
    findPublicGroup,
    /** For the recruitment service: the same first-term appointment, in its transaction. */
    appointFirstTerm: terms.appointFirstTerm,
    ...createGroupListService({ ...deps, chairs }),
    ...createRegisterService({ ...deps, chairs }),
    ...createMembershipsService({ ...deps, terms }),
    ...createSecondTermsService({ ...deps, terms }),
    ...createTermEndsService({ ...deps, terms }),
    ...createElectionsService({ ...deps, chairs }),
    ...createGroupLookupsService({ ...deps, chairs }),
  };
}
