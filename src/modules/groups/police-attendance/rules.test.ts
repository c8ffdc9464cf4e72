import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPoliceAttendee, namesPoliceAttendance, policeMayChair } from './rules.js';

test('IAG-33: the directorate manager attending is an Inspector (Band C) or above', () => {
  assert.equal(checkPoliceAttendee('directorate_manager', 'Inspector'), null);
  assert.equal(checkPoliceAttendee('directorate_manager', 'Police staff Band C'), null);
  assert.match(
    checkPoliceAttendee('directorate_manager', 'Sergeant')!,
    /Inspector or Band C or above/,
  );
  assert.equal(checkPoliceAttendee('strand_representative', 'Sergeant'), null);
});

test('IAG-33, IAG-21c: police attendance is named for corporate IAGs and corporate focus groups', () => {
  const named = (
    [
      'corporate_iag',
      'borough_iag',
      'specialist',
      'community',
      'corporate_focus',
      'sub_group',
    ] as const
  ).filter(namesPoliceAttendance);
  assert.deepEqual(named, ['corporate_iag', 'corporate_focus']);
});

test('IAG-21c: only a corporate focus group may elect a police employee as its chair', () => {
  assert.equal(policeMayChair('corporate_focus'), true);
  assert.equal(policeMayChair('corporate_iag'), false);
  assert.equal(policeMayChair('borough_iag'), false);
  assert.equal(policeMayChair('sub_group'), false);
});
