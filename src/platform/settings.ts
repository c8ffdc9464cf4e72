/**
 * How a setting is read from the environment and refused when it is wrong, for the platform's
 * settings (config.ts) and for the settings each module declares for itself (its `settings.ts`).
 * config.ts checks every module's settings at start-up without importing any module: the wiring
 * point (app.ts) hands it the modules' declarations.
 */
import { parseIsoDate } from './calendar/index.js';

export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

/**
 * The settings of every module, by module name. Each module adds its own entry from its
 * `settings.ts` (`declare module '.../platform/settings.js' { interface ModuleSettings {...} }`),
 * so `config.groups.rulesAgreedOn` is typed without the platform naming the module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules
export interface ModuleSettings {}

/** A module's settings: read from the environment, or a ConfigError naming the setting. */
export type SettingsDeclaration<T> = (env: Env) => T;

export type ModuleSettingsDeclarations = {
  [K in keyof ModuleSettings]: SettingsDeclaration<ModuleSettings[K]>;
};

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}`);
  return value;
}

export function isoDate(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!parseIsoDate(raw))
    throw new ConfigError(`${name} must be a date like 2007-04-30, got "${raw}"`);
  return raw;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}
