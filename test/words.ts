/**
 * The English words pages show, for a test that works out what a page should say: the catalogue
 * as the app loads it, and dates worded as the pages word them.
 */
import path from 'node:path';
import * as dates from '../src/platform/i18n/dates.js';
import { loadMessages } from '../src/platform/i18n/messages.js';

export const english = loadMessages(path.resolve('src')).translator('en');

/** '1 April 2026'. */
export const formatDate = (d: string) => dates.formatDate(english, d);

/** '1 April 2026 at 2:05pm', London time. */
export const formatDateTime = (instant: Date) => dates.formatDateTime(english, instant);
