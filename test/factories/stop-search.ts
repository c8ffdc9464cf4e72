/** Stop-and-search files in police.uk's published layout, for the tests to import. */
import { POLICE_UK_COLUMNS } from '../../src/modules/stop-search/rules.js';

export type PoliceUkCells = Partial<Record<(typeof POLICE_UK_COLUMNS)[number], string>>;

/** A line as police.uk writes it; cells not given are as in a typical published line. */
export function policeUkLine(cells: PoliceUkCells = {}): string {
  const typical: Record<(typeof POLICE_UK_COLUMNS)[number], string> = {
    Type: 'Person search',
    Date: '2024-03-02T14:05:00+00:00',
    'Part of a policing operation': 'False',
    'Policing operation': '',
    Latitude: '51.539',
    Longitude: '-0.142',
    Gender: 'Male',
    'Age range': '18-24',
    'Self-defined ethnicity': 'Black/African/Caribbean/Black British - Caribbean',
    'Officer-defined ethnicity': 'Black',
    Legislation: 'Misuse of Drugs Act 1971 (section 23)',
    'Object of search': 'Controlled drugs',
    Outcome: 'A no further action disposal',
    'Outcome linked to object of search': 'False',
    'Removal of more than just outer clothing': 'False',
  };
  const row = { ...typical, ...cells };
  return POLICE_UK_COLUMNS.map((c) => (row[c].includes(',') ? `"${row[c]}"` : row[c])).join(',');
}

/** A whole file: police.uk's header, then the lines, as published (CRLF line ends). */
export function policeUkFile(...lines: string[]): string {
  return [POLICE_UK_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/** `n` lines alike. */
export function policeUkLines(n: number, cells: PoliceUkCells = {}): string[] {
  return Array.from({ length: n }, () => policeUkLine(cells));
}
