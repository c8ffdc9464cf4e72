/**
 * The directory of people and organisations: its one public face (ADR 0014). Other modules
 * read people and organisations only through `DirectoryApi`.
 */
import type { AnyColumn, SQL, SQLWrapper } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { Principal } from '../../platform/auth/principal.js';
import { findUserIdByEmail, type ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { Executor } from '../../platform/db/database.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import {
  organisationCodeSql,
  organisationNameSql,
  personColumns,
  personNameSql,
  type PersonColumns,
} from './api/person-columns.js';
import { personInOrganisationSql } from './api/person-in-organisation.js';
import { personContactOfUser, type PersonContact } from './api/user-contacts.js';
import { registerDirectoryHomeRoutes } from './home/routes.js';
import { registerDirectoryApiRoutes } from './json-api/routes.js';
import type { OrganisationKind } from './kinds.js';
import { registerOrganisationRoutes } from './organisations/routes.js';
import { directoryPaths } from './paths.js';
import { registerPersonRoutes } from './people/routes.js';
import { eraseDirectoryPerson } from './erasure.js';
import { directoryPersonData } from './person-data.js';
import { createDirectoryService, type DirectoryServices } from './service.js';

export { personPickerItems } from './people/presenter.js';
export { ORGANISATION_KINDS, type OrganisationKind } from './kinds.js';

/** Someone in the directory, as another module names them. Archived entries are marked. */
export interface PersonSummary {
  id: string;
  fullName: string;
  email: string | null;
  userId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  archived: boolean;
}

/** An organisation in the directory, as another module names it. */
export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  code: string | null;
  archived: boolean;
}

/** A live organisation, for a select list. */
export interface OrganisationOption {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** A user's own directory entry and the organisation (their unit) it belongs to. */
export interface PersonOfUser {
  id: string;
  organisationId: string | null;
}

/** What a reference in an imported file names: a person, an organisation, or (rarely) both. */
export interface ReferenceMatch {
  personId: string | null;
  organisationId: string | null;
}

/** Someone another module is recording, to be found in the directory by e-mail or added. */
export interface PersonToRecord {
  fullName: string;
  email: string | null;
}

/** The directory ids of the people recorded, in the order given, and those newly added. */
export interface RecordedPeople {
  ids: string[];
  added: string[];
}

export interface BoroughCommander {
  boroughId: string | null;
  fullName: string;
  email: string | null;
}

export interface BoroughCommanders {
  borough: string;
  commanders: BoroughCommander[];
}

/**
 * For other modules, which hold directory ids but never read its tables: who and what those ids
 * are, a whole page's worth in one query, and the few searches they need. Each runs on the
 * executor given (the caller's transaction, where there is one).
 */
export interface DirectoryLookups {
  people(executor: Executor, ids: readonly string[]): Promise<Map<string, PersonSummary>>;
  organisations(
    executor: Executor,
    ids: readonly string[],
  ): Promise<Map<string, OrganisationSummary>>;
  /** The person whose user account this is (to find, say, the groups a user is a member of). */
  personIdForUser(executor: Executor, userId: string): Promise<string | undefined>;
  personOfUser(executor: Executor, userId: string): Promise<PersonOfUser | undefined>;
  /** The bodies that can own a response or an action: current ones, by kind then name. */
  ownerOrganisations(executor: Executor): Promise<OrganisationOption[]>;
  /** An organisation by its code, a person by e-mail address, or either by its directory id. */
  resolveReferences(
    executor: Executor,
    references: readonly string[],
  ): Promise<Map<string, ReferenceMatch>>;
  /**
   * For each full name given, the live people of that name (case and spacing aside), with what
   * tells two of them apart.
   */
  peopleNamed(executor: Executor, names: readonly string[]): Promise<Map<string, PersonListItem[]>>;
  /** Live people with every word given in their name (Cindy for Cindy Butts), at most `limit`. */
  peopleLike(executor: Executor, name: string, limit: number): Promise<PersonListItem[]>;
  /** Matched by e-mail where one is given, otherwise added, in the caller's transaction. */
  findOrAddPeople(tx: Executor, wanted: readonly PersonToRecord[]): Promise<RecordedPeople>;
  /** Every borough with its commanders, if the directory records any. */
  boroughCommanders(executor: Executor): Promise<BoroughCommanders[]>;
  /** The organisation with this code (the directorate that holds a budget, say), if any. */
  organisationIdByCode(executor: Executor, code: string): Promise<string | undefined>;
}

export interface DirectoryOrganisations {
  /** Names for select lists: live organisations, optionally of some kinds. */
  options(kinds?: readonly OrganisationKind[]): Promise<OrganisationOption[]>;
}

export interface PeopleQuery {
  q?: string | undefined;
  organisationId?: string | undefined;
  limit: number;
  offset: number;
}

export interface PersonListItem {
  id: string;
  fullName: string;
  jobTitle: string | null;
  email: string | null;
  organisationId: string | null;
  organisationName: string | null;
}

export interface PeoplePage {
  items: PersonListItem[];
  total: number;
}

export interface DirectoryPeople {
  /** The search of people the principal may see (the person picker's). */
  list(principal: Principal, query: PeopleQuery): Promise<PeoplePage>;
  /**
   * Adds someone from another module's form in that module's transaction, with the directory's
   * own checks (only those who may edit the directory; each bad field named as the directory
   * names it: fullName, jobTitle, organisationId) and its audit event.
   */
  addWithin(
    tx: Executor,
    principal: Principal,
    input: { fullName: string; jobTitle?: string | undefined; organisationId?: string | undefined },
    requestId?: string,
  ): Promise<{ id: string; fullName: string }>;
}

/** What other modules may ask the directory. */
export interface DirectoryService {
  lookups: DirectoryLookups;
  organisations: DirectoryOrganisations;
  people: DirectoryPeople;
  /** Boroughs, which a borough-scoped role is held for. */
  scopeCatalogue: ScopeCatalogue;
}

// Start-up loads the reference data before the modules are built (src/startup.ts).
export {
  LONDON_REFERENCE_DATA,
  createReferenceDirectory,
  loadDirectoryReferenceData,
} from './start-up.js';
// Its benchmark generator, run in order by bench/data/generate.ts.
export { directoryGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export {
  DEMO_ORGANISATION_COUNT,
  demoOrganisationIds,
  demoOrganisationsAndPeople,
  demoPersonIds,
  loadDemoAccountPeople,
  loadDemoAdvisors,
  loadDemoPeople,
  loadDemoBoroughCommanders,
  loadDemoOrganisations,
  removeDemoOrganisations,
  removeDemoPeople,
  type DemoAccountPerson,
} from './demo.js';
export type { PersonContact } from './api/user-contacts.js';
export type { PersonColumns } from './api/person-columns.js';

export interface DirectoryApi {
  directory: DirectoryService;
  /** A person's name, an organisation's code and name as SQL, for another module's list. */
  personNameSql(personId: SQLWrapper): SQL<string>;
  organisationCodeSql(organisationId: SQLWrapper): SQL<string | null>;
  organisationNameSql(organisationId: SQLWrapper): SQL<string | null>;
  personContactOfUser(executor: Executor, userId: string): Promise<PersonContact | undefined>;
  /** A person's name and addresses as columns of another module's query. */
  personColumns: PersonColumns;
  /** Whether the person a column names is in the organisation, as SQL for another module's filter. */
  personInOrganisationSql(personId: AnyColumn, organisationId: string): SQL;
}

export interface DirectoryModule extends BridgeModule<DirectoryApi> {
  services: { directory: DirectoryServices };
}

export function createDirectoryModule(deps: ModuleDeps): DirectoryModule {
  const { platform } = deps;
  const directory = createDirectoryService({
    db: platform.db,
    userIdForEmail: findUserIdByEmail,
    now: deps.now,
    t: platform.t,
  });
  const services = { directory };
  return {
    name: 'directory',
    personData: (executor, subject) => directoryPersonData(executor, subject, platform.t),
    erasePerson: eraseDirectoryPerson,
    api: {
      directory,
      personNameSql,
      organisationCodeSql,
      organisationNameSql,
      personContactOfUser,
      personColumns,
      personInOrganisationSql,
    },
    services,
    async registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config: platform.config,
        services: { ...platform, ...services },
      };
      registerDirectoryHomeRoutes(routeDeps);
      registerOrganisationRoutes(routeDeps);
      registerPersonRoutes(routeDeps);
      await app.register(async (api) => registerDirectoryApiRoutes({ ...routeDeps, app: api }), {
        prefix: '/api/v1',
      });
    },
    navigation: [
      {
        order: 10,
        textKey: 'directory:nav.directory',
        href: directoryPaths.home,
        visible: (p) => can(p, 'directory.view'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'directory.view') && {
        order: 190,
        href: directoryPaths.home,
        text: t('directory:nav.directory'),
        hint: t('directory:homeTask.hint'),
      },
    ],
  };
}
