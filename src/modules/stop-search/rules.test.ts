import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_PROBLEMS_LISTED,
  POLICE_UK_COLUMNS,
  officerDefinedGroup,
  readPoliceUkFile,
  selfDefinedGroup,
} from './rules.js';
import { policeUkFile, policeUkLine } from '../../../test/factories/stop-search.js';
import { disproportionality, outcomeRates, ratePerThousand, rateRatio } from './analysis-rules.js';

const HEADER = POLICE_UK_COLUMNS.join(',');
const line = policeUkLine;
const file = policeUkFile;
const problemsOf = (text: string) =>
  readPoliceUkFile(text).problems.map((p) => `${p.line}:${p.message.key.split('.').pop()}`);

test("LEG-04: a file in police.uk's published layout is read, blank cells and all", () => {
  const read = readPoliceUkFile(
    file(
      line(),
      line({
        Type: 'Person and Vehicle search',
        'Part of a policing operation': '',
        Latitude: '',
        Longitude: '',
        Gender: '',
        'Age range': '',
        'Self-defined ethnicity': '',
        'Officer-defined ethnicity': '',
        Legislation: 'Police and Criminal Evidence Act 1984 (section 1)',
        'Object of search': 'Offensive weapons',
        Outcome: 'Arrest',
        'Outcome linked to object of search': 'True',
        'Removal of more than just outer clothing': '',
      }),
    ),
  );
  assert.deepEqual(read.problems, []);
  assert.equal(read.month, '2024-03-01');
  assert.equal(read.searches.length, 2);
  const [first, second] = read.searches;
  assert.equal(first!.occurredAt.toISOString(), '2024-03-02T14:05:00.000Z');
  assert.equal(first!.selfDefinedGroup, 'black');
  assert.equal(first!.latitude, 51.539);
  assert.equal(first!.outcomeLinked, false);
  assert.equal(second!.latitude, null);
  assert.equal(second!.gender, null);
  assert.equal(second!.selfDefinedGroup, null);
  assert.equal(second!.partOfOperation, null);
  assert.equal(second!.outcome, 'Arrest');
  assert.equal(second!.outcomeLinked, true);
  assert.equal(second!.removalOfClothing, null);
});

test('LEG-04: a file with a column missing is refused at line 1, naming the column', () => {
  const without = POLICE_UK_COLUMNS.filter((c) => c !== 'Officer-defined ethnicity');
  const read = readPoliceUkFile(`${without.join(',')}\n${without.map(() => '').join(',')}\n`);
  assert.equal(read.month, null);
  assert.deepEqual(read.searches, []);
  assert.equal(read.problems.length, 1);
  assert.equal(read.problems[0]!.line, 1);
  assert.equal(read.problems[0]!.message.key, 'stop-search:file.problems.missingColumns');
  assert.deepEqual(read.problems[0]!.message.values, { columns: 'Officer-defined ethnicity' });
});

test('LEG-04: a bad date, a search of another month and a short line are each named by their line, and nothing is read', () => {
  const text = file(
    line(),
    line({ Date: '2024-02-30T10:00:00+00:00' }),
    line(),
    line({ Date: '2024-04-01T00:10:00+00:00' }),
    'Person search,2024-03-05T10:00:00+00:00,False',
  );
  assert.deepEqual(problemsOf(text), ['3:date', '5:otherMonth', '6:cellCount']);
  assert.deepEqual(readPoliceUkFile(text).searches, []);
});

test("LEG-04: cells outside police.uk's lists are refused by line and column", () => {
  const read = readPoliceUkFile(
    file(
      line({ Gender: 'M' }),
      line({ 'Age range': '18 to 24', 'Outcome linked to object of search': 'Yes' }),
      line({ Latitude: '151.2' }),
      line({ Longitude: '' }),
      line({ 'Self-defined ethnicity': 'Martian', 'Officer-defined ethnicity': 'Blue' }),
    ),
  );
  assert.deepEqual(
    read.problems.map((p) => [p.line, p.message.key.split('.').pop(), p.message.values?.column]),
    [
      [2, 'listed', 'Gender'],
      [3, 'listed', 'Age range'],
      [3, 'yesNo', 'Outcome linked to object of search'],
      [4, 'coordinate', 'Latitude'],
      [5, 'halfLocation', undefined],
      [6, 'listed', 'Self-defined ethnicity'],
      [6, 'listed', 'Officer-defined ethnicity'],
    ],
  );
});

test("LEG-04: a header out of police.uk's layout, an empty file and a file of no searches are refused", () => {
  assert.deepEqual(problemsOf(`${HEADER},Extra\n`), ['1:unknownColumns']);
  assert.deepEqual(problemsOf(`${HEADER},Type\n`), ['1:header']);
  assert.deepEqual(problemsOf(''), ['1:empty']);
  assert.deepEqual(problemsOf(`${HEADER}\n`), ['1:noSearches']);
  assert.deepEqual(problemsOf(`${HEADER}\n${line()}\0\n`), ['2:nul']);
});

test('LEG-04: a long bad file lists its first problems, not every one', () => {
  const lines = Array.from({ length: MAX_PROBLEMS_LISTED + 20 }, () => line({ Type: 'Bicycle' }));
  assert.equal(readPoliceUkFile(file(...lines)).problems.length, MAX_PROBLEMS_LISTED);
});

test('LEG-04: a byte-order mark before the header (as spreadsheets save) is not a problem', () => {
  assert.equal(readPoliceUkFile(`\uFEFF${file(line())}`).searches.length, 1);
});

test('LEG-04: ethnicities fall in the census broad groups; "Not stated" and blank are no answer', () => {
  assert.equal(selfDefinedGroup('White - English/Welsh/Scottish/Northern Irish/British'), 'white');
  assert.equal(selfDefinedGroup('Asian/Asian British - Bangladeshi'), 'asian');
  assert.equal(
    selfDefinedGroup('Mixed/Multiple ethnic groups - White and Black Caribbean'),
    'mixed',
  );
  assert.equal(selfDefinedGroup('Other ethnic group - Any other ethnic group'), 'other');
  assert.equal(selfDefinedGroup('Other ethnic group - Not stated'), null);
  assert.equal(selfDefinedGroup(''), null);
  assert.equal(selfDefinedGroup('Purple'), undefined);
  assert.equal(officerDefinedGroup('Mixed'), 'mixed');
  assert.equal(officerDefinedGroup('Other'), 'other');
  assert.equal(officerDefinedGroup(''), null);
});

test('LEG-04: searches per 1,000 people', () => {
  assert.equal(ratePerThousand(300, 100_000), 3);
  assert.equal(ratePerThousand(5, 0), null);
});

test('LEG-04: the disproportionality ratio against White and its 95% interval, worked by hand', () => {
  // Black: 300 searches of 100,000 people (3 per 1,000); White: 200 of 400,000 (0.5 per 1,000).
  // Ratio 6. SE of ln 6 = √(1/300 − 1/100000 + 1/200 − 1/400000) = √0.0083208… = 0.091219…
  // Interval: exp(1.791759 ± 1.959964 × 0.091219) = 5.0177 to 7.1746.
  const r = rateRatio(300, 100_000, 200, 400_000)!;
  assert.equal(r.ratio, 6);
  assert.ok(Math.abs(r.lower - 5.0177) < 0.0001, String(r.lower));
  assert.ok(Math.abs(r.upper - 7.1746) < 0.0001, String(r.upper));
  assert.equal(rateRatio(0, 100, 5, 100), null);
  assert.equal(rateRatio(5, 100, 0, 100), null);
});

test('LEG-04: each group is read against White and flagged above the threshold', () => {
  const rows = disproportionality(
    { white: 200, black: 300, asian: 60, mixed: 0 },
    { white: 400_000, black: 100_000, asian: 100_000, mixed: 50_000 },
    2,
  );
  const by = Object.fromEntries(rows.map((r) => [r.group, r]));
  assert.equal(by.white!.perThousand, 0.5);
  assert.equal(by.white!.against, null);
  assert.equal(by.black!.against!.ratio, 6);
  assert.equal(by.black!.flagged, true);
  // Asian: 0.6 per 1,000 against 0.5: 1.2, under the threshold.
  assert.ok(Math.abs(by.asian!.against!.ratio - 1.2) < 1e-12);
  assert.equal(by.asian!.flagged, false);
  // No searches of Mixed people: no ratio, not flagged. No population for Other: no rate.
  assert.equal(by.mixed!.perThousand, 0);
  assert.equal(by.mixed!.against, null);
  assert.equal(by.other!.population, null);
  assert.equal(by.other!.perThousand, null);
  assert.equal(by.other!.flagged, false);
});

test('LEG-04: arrest and no-further-action rates are shares of every search, blank outcomes too', () => {
  const rates = outcomeRates(
    new Map<string | null, number>([
      ['Arrest', 15],
      ['Suspect arrested', 5],
      ['A no further action disposal', 70],
      ['Community resolution', 6],
      [null, 4],
    ]),
  );
  assert.equal(rates.searches, 100);
  assert.equal(rates.arrests, 20);
  assert.equal(rates.arrestRate, 0.2);
  assert.equal(rates.noFurtherActionRate, 0.7);
  assert.equal(rates.notRecorded, 4);
  assert.equal(outcomeRates(new Map()).arrestRate, null);
});
