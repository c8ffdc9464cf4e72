import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diversityAreasOf } from './rules.js';

test('IAG-17: members’ own answers place them in the main diversity areas; "prefer not to say" places none', () => {
  const none = {
    ethnicity: null,
    religion: null,
    disability: null,
    sexualOrientation: null,
    transHistory: null,
    ageBand: null,
  };
  assert.deepEqual(diversityAreasOf(none), []);
  assert.deepEqual(
    diversityAreasOf({
      ethnicity: 'black',
      religion: 'muslim',
      disability: 'yes',
      sexualOrientation: 'bisexual',
      transHistory: 'yes',
      ageBand: '18_24',
    }),
    ['ethnicity', 'faith', 'disability', 'sexual_orientation', 'gender_identity', 'age'],
  );
  assert.deepEqual(
    diversityAreasOf({
      ethnicity: 'prefer_not',
      religion: 'none',
      disability: 'prefer_not',
      sexualOrientation: 'heterosexual',
      transHistory: 'no',
      ageBand: '35_49',
    }),
    [],
  );
});
