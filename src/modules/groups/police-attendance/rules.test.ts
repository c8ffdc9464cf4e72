import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../../platform/i18n/messages.js';
import { say, type Said } from '../../../platform/i18n/said.js';
import { checkPoliceAttendee, namesPoliceAttendance, policeMayChair } from './rules.js';

// The rules keep their sentences as keys: the tests read them in English, as pages show them.
const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

test('IAG-33: the directorate manager attending is an Inspector (Band C) or above', () => {
  assert.equal(checkPoliceAttendee('directorate_manager', 'Inspector'), null);
  assert.equal(checkPoliceAttendee('directorate_manager', 'Police staff Band C'), null);
  assert.match(
    words(checkPoliceAttendee('directorate_manager', 'Sergeant')),
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
