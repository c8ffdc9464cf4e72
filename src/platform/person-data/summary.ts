/**
 * DP-02: the archive's readable page: one self-contained HTML file (no scripts, no outside
 * styles), a heading per module and a captioned table per section, "None held" where Bridge has
 * nothing of that kind, and every value that names someone else marked for redaction.
 */
import type { Translate } from '../i18n/messages.js';
import type { ArchivePart, ArchiveSection } from './types.js';

/** Each part's heading, by key (a module not named here is headed by its name). */
const PART_KEYS: Record<string, string> = {
  account: 'personData.modules.account',
  directory: 'personData.modules.directory',
  groups: 'personData.modules.groups',
  meetings: 'personData.modules.meetings',
  advice: 'personData.modules.advice',
  expenses: 'personData.modules.expenses',
  tracker: 'personData.modules.tracker',
  'custody-visiting': 'personData.modules.custody-visiting',
  consultation: 'personData.modules.consultation',
  partnerships: 'personData.modules.partnerships',
  training: 'personData.modules.training',
  engagement: 'personData.modules.engagement',
  grants: 'personData.modules.grants',
  'good-practice': 'personData.modules.good-practice',
  'stop-search': 'personData.modules.stop-search',
  indicators: 'personData.modules.indicators',
  workforce: 'personData.modules.workforce',
  'information-rights': 'personData.modules.information-rights',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:Arial,sans-serif;margin:2rem;color:#0b0c0c;line-height:1.4}
table{border-collapse:collapse;margin:0 0 2rem;width:100%}caption{text-align:left;font-weight:bold;font-size:1.1rem;padding:.5rem 0}
th,td{border:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}th{background:#f3f2f1}
mark{background:#ffdd00;color:#0b0c0c}.none{margin:0 0 2rem}`;

function sectionHtml(t: Translate, section: ArchiveSection): string {
  const caption = `<caption>${escape(section.title)}</caption>`;
  if (!section.rows.length)
    return `<table>${caption}<tbody><tr><td>${escape(t('personData.noneHeld'))}</td></tr></tbody></table>`;
  const columns = Object.keys(section.rows[0]!);
  const redact = new Set(section.forRedaction);
  const note = escape(t('personData.forRedaction'));
  const head = columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
  const body = section.rows
    .map((row) => {
      const cells = columns.map((c) => {
        const value = row[c];
        const text = value === null || value === undefined ? '' : escape(value);
        return redact.has(c) && text
          ? `<td><mark>${text}</mark> <span>(${note})</span></td>`
          : `<td>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const files = section.files.length
    ? `<p>${escape(t('personData.filesIncluded'))}</p><ul>${section.files
        .map((f) => `<li><a href="${escape(f.path)}">${escape(f.name)}</a></li>`)
        .join('')}</ul>`
    : '';
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${files}`;
}

export function summaryHtml(
  t: Translate,
  archive: { name: string; madeAt: string; parts: readonly ArchivePart[] },
): string {
  const title = t('personData.summaryTitle', { name: archive.name });
  const parts = archive.parts
    .map(
      (part) =>
        `<section><h2>${escape(PART_KEYS[part.module] ? t(PART_KEYS[part.module]!) : part.module)}</h2>\n${part.sections
          .map((s) => sectionHtml(t, s))
          .join('\n')}</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escape(title)}</h1>
<p>${escape(t('personData.madeAt', { at: archive.madeAt }))}</p>
<p>${escape(t('personData.summaryLead'))}</p>
${parts}
</main></body>
</html>
`;
}
