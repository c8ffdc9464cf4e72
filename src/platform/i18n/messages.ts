/**
 * The words people read, from one message catalogue per module and language (ADR 0015):
 * `src/platform/locales/<lang>.json` is the namespace `platform`, and each
 * `src/modules/<m>/locales/<lang>.json` the namespace `<m>` (the key `groups:list.title`). They are
 * found by looking for the files, so a new module or a new language needs no registration. One
 * i18next instance per application, never a shared one, so tests may build apps side by side
 * with different catalogues.
 */
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TOptions } from 'i18next';

/** The language every catalogue is written in first, and the one used when no other fits. */
export const DEFAULT_LANGUAGE = 'en';
export const PLATFORM_NAMESPACE = 'platform';

/** A catalogue's messages: nested objects of strings. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Every catalogue by language, then namespace. */
export type Catalogues = Record<string, Record<string, Catalogue>>;

/**
 * What fills a message's `{{placeholders}}` (and `count`, which picks a plural): plain text and
 * numbers only (a value null or undefined is written as nothing, as i18next does). A rule's
 * `Said` values may hold a date ({ date }, { month }, { dateTime }) or a label, which only `say`
 * words: passing them here is a type error.
 */
export type MessageValues = Readonly<Record<string, string | number | null | undefined>>;

/** Looks a message up in one language; `values` fills `{{placeholders}}` and picks plurals. */
export type Translate = (key: string, values?: MessageValues) => string;

export interface Messages {
  /** The languages that have a catalogue, the default first. */
  languages: readonly string[];
  /** The messages of one language (the default language for any other). */
  translator(language: string): Translate;
}

function readJson(file: string): Catalogue {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Catalogue;
}

/** The `<lang>.json` files of one `locales` folder, if it exists. */
function readFolder(into: Catalogues, dir: string, namespace: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir).sort()) {
    const match = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/.exec(name);
    if (!match) continue;
    (into[match[1]!] ??= {})[namespace] = readJson(path.join(dir, name));
  }
}

/** The catalogues under `srcDir`: the platform's and every module's that has a `locales` folder. */
export function readCatalogues(srcDir: string): Catalogues {
  const catalogues: Catalogues = {};
  readFolder(catalogues, path.join(srcDir, 'platform/locales'), PLATFORM_NAMESPACE);
  const modulesDir = path.join(srcDir, 'modules');
  if (fs.existsSync(modulesDir))
    for (const name of fs.readdirSync(modulesDir).sort())
      readFolder(catalogues, path.join(modulesDir, name, 'locales'), name);
  return catalogues;
}

/** Adds `more` over `base`, namespace by namespace (a test's extra language). */
export function mergeCatalogues(base: Catalogues, more: Catalogues = {}): Catalogues {
  const merged: Catalogues = { ...base };
  for (const [language, namespaces] of Object.entries(more))
    merged[language] = { ...(merged[language] ?? {}), ...namespaces };
  return merged;
}

export function createMessages(catalogues: Catalogues): Messages {
  if (!catalogues[DEFAULT_LANGUAGE]?.[PLATFORM_NAMESPACE])
    throw new Error(`The platform's ${DEFAULT_LANGUAGE} message catalogue is missing`);
  const languages = [
    DEFAULT_LANGUAGE,
    ...Object.keys(catalogues)
      .filter((l) => l !== DEFAULT_LANGUAGE)
      .sort(),
  ];
  const namespaces = [...new Set(Object.values(catalogues).flatMap((ns) => Object.keys(ns)))];
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: catalogues,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: languages,
    ns: namespaces,
    defaultNS: PLATFORM_NAMESPACE,
    // The resources are given: initialised before init returns.
    initAsync: false,
    // Nunjucks escapes what a template writes, and code's messages are escaped where they are
    // written: escaping here too would show `&amp;` on the page.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const translators = new Map(
    languages.map((language) => [
      language,
      remembered(i18n.getFixedT(language), (ns, key) =>
        [language, DEFAULT_LANGUAGE]
          .map((l) => i18n.getResource(l, ns, key) as unknown)
          .find((raw) => typeof raw === 'string'),
      ),
    ]),
  );
  const fallback = translators.get(DEFAULT_LANGUAGE)!;
  return {
    languages,
    translator: (language) => translators.get(language) ?? fallback,
  };
}

/**
 * i18next takes tens of microseconds a call (measured: 25 µs for a plain key), which is more
 * than a layout's rendering, and a long page asks for hundreds of messages with values (the
 * committee report: an owner and a due date per action). So a message with nothing to fill in is
 * looked up once per language, and one whose values are plain text or numbers, filling simple
 * `{{name}}` placeholders, is filled here from its remembered text. Anything else (plurals, a
 * context, nesting, formats, a value missing) is left to i18next.
 */
function remembered(
  t: (key: string, options?: TOptions) => string,
  rawText: (namespace: string, key: string) => unknown,
): Translate {
  const plain = new Map<string, string>();
  const templates = new Map<string, SimpleTemplate | null>();
  return (key, options) => {
    if (options) {
      let template = templates.get(key);
      if (template === undefined) templates.set(key, (template = simpleTemplate(key, rawText)));
      return (template && fill(template, options)) ?? t(key, options);
    }
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = t(key)));
    return text;
  };
}

/** A message's text split at its `{{name}}` placeholders: text, name, text, name, ..., text. */
type SimpleTemplate = string[];

function simpleTemplate(
  asked: string,
  rawText: (namespace: string, key: string) => unknown,
): SimpleTemplate | null {
  const at = asked.indexOf(':');
  const raw =
    at < 0 ? rawText(PLATFORM_NAMESPACE, asked) : rawText(asked.slice(0, at), asked.slice(at + 1));
  if (typeof raw !== 'string' || raw.includes('$t(')) return null;
  const parts = raw.split(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/);
  // Any `{{` left is a format or an unescaped value: i18next's to fill.
  return parts.some((part, i) => i % 2 === 0 && part.includes('{{')) ? null : parts;
}

/** The message filled in, or undefined when i18next must do it (a plural, a value missing). */
function fill(template: SimpleTemplate, options: TOptions): string | undefined {
  const values = options as Record<string, unknown>;
  const names = template.filter((_, i) => i % 2 === 1);
  // An option that is not a placeholder (count, context, lng, defaultValue) is i18next's.
  for (const name of Object.keys(values)) if (!names.includes(name)) return undefined;
  let text = template[0]!;
  for (let i = 1; i < template.length; i += 2) {
    const value = values[template[i]!];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    text += String(value) + template[i + 1]!;
  }
  return text;
}

/** The messages under `srcDir`, with any more catalogues given (a test's second language). */
export function loadMessages(srcDir: string, more?: Catalogues): Messages {
  return createMessages(mergeCatalogues(readCatalogues(srcDir), more));
}
