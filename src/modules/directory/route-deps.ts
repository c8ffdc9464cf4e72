import type { RouteDeps } from '../../platform/modules.js';
import type { DirectoryServices } from './service.js';

/** What the directory's route files are given. */
export type DirectoryRouteDeps = RouteDeps<{ directory: DirectoryServices }>;
