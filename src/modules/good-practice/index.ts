/**
 * The good-practice library (issue 26 part 5; CDRP-08, LEG-06, CON-04): what boroughs,
 * partnerships, funded projects and groups did that worked, with the lessons learned, kept by
 * staff and published for anyone once an authority officer marks it public. Its one public face
 * (ADR 0014).
 */
import { goodPracticeHeadline } from './public/headline.js';
import { can } from '../../platform/auth/permissions.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import type { DirectoryApi } from '../directory/index.js';
import { registerLibraryRoutes } from './library/routes.js';
import { createLibraryService } from './library/service.js';
import { goodPracticeOpenData } from './open-data.js';
import { goodPracticePaths } from './paths.js';
import { eraseGoodPracticePerson } from './erasure.js';
import { goodPracticePersonData } from './person-data.js';
import { registerPublicRoutes } from './public/routes.js';
import { createPublicGoodPracticeService } from './public/service.js';
import type { GoodPracticeServices } from './route-deps.js';
import type { SourceKind, Theme } from './rules.js';

export { goodPracticePaths } from './paths.js';
export { SOURCE_KINDS, THEMES, type SourceKind, type Theme } from './rules.js';
// Its part of the demonstration dataset, run by src/demo/demo-data.ts.
export {
  DEMO_GOOD_PRACTICE_BOROUGHS,
  loadGoodPracticeDemo,
  removeGoodPracticeDemo,
} from './demo.js';

/** An entry as another module shows it ("in the good-practice library"). */
export interface GoodPracticeEntryRef {
  id: string;
  title: string;
  theme: Theme;
  /** Null while it is not public. */
  publishedAt: Date | null;
  /** Its staff page. */
  href: string;
}

/** What other parts of Bridge ask of the library. */
export interface GoodPracticeApi {
  /**
   * LEG-06: the entries that came from another module's record (a grant), newest first; that
   * module links to `goodPracticePaths.add` with `?sourceKind=grant&sourceId=<id>&title=…`.
   */
  entriesForSource(kind: SourceKind, id: string): Promise<GoodPracticeEntryRef[]>;
}

export interface GoodPracticeModule extends BridgeModule<GoodPracticeApi> {
  services: GoodPracticeServices;
}

export function createGoodPracticeModule(
  deps: ModuleDeps & { directory: DirectoryApi },
): GoodPracticeModule {
  const { platform, directory } = deps;
  const { db, config, t } = platform;
  const now = deps.now ?? (() => new Date());
  const services: GoodPracticeServices = {
    goodPracticeLibrary: createLibraryService({ db, directory, now, t }),
    goodPracticePublic: createPublicGoodPracticeService({ db, directory }),
  };
  return {
    name: 'good-practice',
    api: {
      async entriesForSource(kind, id) {
        const rows = await services.goodPracticeLibrary.entriesForSource(kind, id);
        return rows.map((r) => ({ ...r, href: goodPracticePaths.entry(r.id) }));
      },
    },
    services,
    personData: (executor, subject) => goodPracticePersonData(executor, subject, t),
    erasePerson: eraseGoodPracticePerson,
    openData: [goodPracticeOpenData(t, directory)],
    registerRoutes(app, renderPage) {
      const routeDeps = {
        app,
        renderPage,
        config,
        services: { ...platform, ...services, directory: directory.directory },
      };
      registerLibraryRoutes(routeDeps);
      registerPublicRoutes(routeDeps);
    },
    navigation: [
      {
        order: 84,
        textKey: 'good-practice:nav.library',
        href: goodPracticePaths.library,
        visible: (p) => can(p, 'good-practice.view'),
      },
      {
        order: 88,
        textKey: 'good-practice:nav.public',
        href: goodPracticePaths.publicList,
        visible: (p) => p === null,
      },
    ],
    publicHeadline: (t) => goodPracticeHeadline(services.goodPracticePublic, t),
    publicTasks: (t) => [
      {
        order: 46,
        href: goodPracticePaths.publicList,
        text: t('good-practice:homeTasks.public.text'),
        hint: t('good-practice:homeTasks.public.hint'),
      },
    ],
    homeTasks: async (p, t) => [
      can(p, 'good-practice.view') && {
        order: 147,
        href: goodPracticePaths.library,
        text: t('good-practice:homeTasks.library.text'),
        hint: t('good-practice:homeTasks.library.hint'),
      },
    ],
  };
}
