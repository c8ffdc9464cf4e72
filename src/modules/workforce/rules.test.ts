import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoCounts, DEMO_YEARS } from './demo.js';
import {
  percentText,
  publishSnapshot,
  readWorkforceFile,
  shares,
  tally,
  type WorkforceCount,
} from './rules.js';

const HEADER = 'as_at,workforce,rank_band,sex,ethnic_group,headcount';
const file = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
const count = (
  rankBand: WorkforceCount['rankBand'],
  sex: WorkforceCount['sex'],
  ethnicGroup: WorkforceCount['ethnicGroup'],
  headcount: number,
): WorkforceCount => ({
  workforce: rankBand.startsWith('staff') ? 'staff' : rankBand === 'pcso' ? 'pcso' : 'officer',
  rankBand,
  sex,
  ethnicGroup,
  headcount,
});

test('LEG-04: a file of figures is read to a snapshot per date, codes in any letter case', () => {
  const read = readWorkforceFile(
    file(
      '2011-03-31,officer,constable,female,white,120',
      '2011-03-31,Officer,Constable,MALE,Black,"1,030"',
      '2010-03-31,staff,staff_junior,female,not_stated,4',
    ),
  );
  assert.deepEqual(read.problems, []);
  assert.deepEqual(
    read.snapshots.map((s) => [s.asAt, s.counts.length]),
    [
      ['2010-03-31', 1],
      ['2011-03-31', 2],
    ],
  );
  assert.deepEqual(read.snapshots[1]!.counts[1], {
    workforce: 'officer',
    rankBand: 'constable',
    sex: 'male',
    ethnicGroup: 'black',
    headcount: 1030,
  });
});

test('LEG-04: a file with a bad line is refused whole, each bad line named', () => {
  const read = readWorkforceFile(
    file(
      '2011-03-31,officer,constable,female,white,120',
      '2011-02-30,officer,constable,female,white,1',
      '2011-03-31,staff,sergeant,female,white,1',
      '2011-03-31,officer,constable,female,purple,-2',
      '2011-03-31,officer,constable,female,white,7',
      '2011-03-31,officer',
    ),
  );
  assert.deepEqual(read.snapshots, []);
  assert.deepEqual(
    read.problems.map((p) => [p.line, p.message.key.split('.').at(-1)]),
    [
      [3, 'date'],
      [4, 'bandOfOther'],
      [5, 'listed'],
      [5, 'headcount'],
      [6, 'twice'],
      [7, 'cellCount'],
    ],
  );
  assert.deepEqual(read.problems[4]!.message.values, { first: 2 });
});

test('LEG-04: a file without the columns, or with none of its own, is refused at line 1', () => {
  const missing = readWorkforceFile('as_at,workforce,rank_band,sex,headcount\r\n');
  assert.equal(missing.problems[0]!.message.key, 'workforce:file.problems.missingColumns');
  assert.deepEqual(missing.problems[0]!.message.values, { columns: 'ethnic_group' });
  assert.equal(
    readWorkforceFile(`${HEADER},note\r\n`).problems[0]!.message.key,
    'workforce:file.problems.unknownColumns',
  );
  assert.equal(
    readWorkforceFile(`${HEADER}\r\n`).problems[0]!.message.key,
    'workforce:file.problems.noFigures',
  );
  assert.equal(readWorkforceFile('').problems[0]!.message.key, 'workforce:file.problems.empty');
});

test('LEG-04: the minority-ethnic share leaves out those who did not state their ethnicity; the female share is of everyone', () => {
  const t = tally([
    count('constable', 'female', 'white', 300),
    count('constable', 'male', 'white', 500),
    count('constable', 'male', 'black', 120),
    count('constable', 'female', 'asian', 80),
    count('constable', 'male', 'not_stated', 100),
  ]);
  assert.equal(t.headcount, 1100);
  assert.equal(t.minority, 200);
  const s = shares(t);
  // 200 of the 1,000 who stated it; 380 women of 1,100.
  assert.equal(s.minority, 0.2);
  assert.equal(percentText(s.female!), '34.5%');
  assert.deepEqual(shares(tally([])), { minority: null, female: null });
});

test('DP-01: a count below 10 is "fewer than 10" and a share worked from it is not published', () => {
  const published = publishSnapshot([
    count('constable', 'female', 'white', 400),
    count('constable', 'male', 'white', 500),
    count('constable', 'male', 'black', 6),
    count('sergeant', 'male', 'white', 80),
    count('sergeant', 'female', 'white', 30),
  ]);
  const officers = published.workforces[0]!;
  const constables = officers.bands[0]!;
  assert.equal(constables.shown.black, 'fewer than 10');
  assert.equal(constables.shown.minority, 'fewer than 10');
  // 6 of 906 would be 0.7%, and 0.7% of 906 gives the 6 back.
  assert.equal(constables.minorityShare, null);
  assert.equal(officers.total.minorityShare, null);
  assert.equal(published.all.minorityShare, null);
  // 906 less 900 White is 6, but a reader cannot tell which of the groups shown as "fewer
  // than 10" holds them: nothing more is hidden, and the female share is published.
  assert.equal(constables.shown.headcount, '906');
  assert.equal(percentText(constables.femaleShare!), '44.2%');
  // Sergeants' sexes are shown, and so their share.
  const sergeants = officers.bands[1]!;
  assert.equal(sergeants.shown.female, '30');
  assert.equal(percentText(sergeants.femaleShare!), '27.3%');
  // Inspectors and superintendents: nobody; none can be worked out, so nothing is hidden for them.
  assert.equal(officers.bands[2]!.shown.headcount, 'fewer than 10');
});

test('DP-01: no small count can be worked out from the bands, the workforces and the total shown', () => {
  const published = publishSnapshot([
    count('constable', 'female', 'white', 200),
    count('constable', 'male', 'white', 300),
    count('constable', 'male', 'asian', 50),
    count('sergeant', 'male', 'asian', 20),
    count('inspector', 'male', 'asian', 20),
    count('superintendent', 'male', 'white', 20),
    count('superintendent', 'female', 'asian', 3),
    count('staff_junior', 'female', 'white', 400),
    count('staff_junior', 'female', 'black', 90),
  ]);
  const officers = published.workforces.find((w) => w.workforce === 'officer')!;
  const supers = officers.bands.find(
    (b) => b.key.kind === 'band' && b.key.band === 'superintendent',
  )!;
  assert.equal(supers.shown.asian, 'fewer than 10');
  assert.equal(supers.shown.female, 'fewer than 10');
  // The officers' Asian count less the other bands' would give the 3: one of them is withheld.
  const shownNumber = (s: string) => /^\d+$/.test(s);
  assert.ok(
    ![officers.total, ...officers.bands.slice(0, 3)].every((l) => shownNumber(l.shown.asian)),
  );
  assert.equal(supers.femaleShare, null);
  assert.equal(supers.minorityShare, null);
});

test("LEG-04: the demo's figures give the seed's shares: 13.4% minority-ethnic and 32.2% female in 2006, 16.6% and 34.4% in 2011", () => {
  const first = publishSnapshot(demoCounts(DEMO_YEARS[0]!)).all;
  const last = publishSnapshot(demoCounts(DEMO_YEARS.at(-1)!)).all;
  assert.equal(percentText(first.minorityShare!), '13.4%');
  assert.equal(percentText(first.femaleShare!), '32.2%');
  assert.equal(percentText(last.minorityShare!), '16.6%');
  assert.equal(percentText(last.femaleShare!), '34.4%');
  assert.ok(first.counts.headcount > 37_500 && first.counts.headcount < 38_500);
  assert.ok(last.counts.headcount > 55_000 && last.counts.headcount < 56_000);
});
