import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { minutesUntil, sessionIsLive, throttleSignIn, type RecentFailures } from './rules.js';

const settings = {
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
  slowAfterFailures: 2,
  lockMinutes: 15,
};
const now = new Date('2026-11-23T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function failures(partial: Partial<RecentFailures>): RecentFailures {
  return {
    account: 0,
    address: 0,
    lastAccountFailure: null,
    lastAddressFailure: null,
    ...partial,
  };
}

describe('throttleSignIn (ASVS 2.2.1: slowed, then locked)', () => {
  test('no failures: allowed at once', () => {
    assert.deepEqual(throttleSignIn(failures({}), settings, now), { kind: 'allowed', delayMs: 0 });
  });

  test('up to the slowing threshold there is no delay', () => {
    const decision = throttleSignIn(
      failures({ account: 2, lastAccountFailure: minutesAgo(1) }),
      settings,
      now,
    );
    assert.deepEqual(decision, { kind: 'allowed', delayMs: 0 });
  });

  test('past the threshold each failure doubles the delay, from a quarter of a second', () => {
    const delays = [3, 4].map((account) => {
      const d = throttleSignIn(
        failures({ account, lastAccountFailure: minutesAgo(1) }),
        settings,
        now,
      );
      assert.equal(d.kind, 'allowed');
      return d.kind === 'allowed' ? d.delayMs : -1;
    });
    assert.deepEqual(delays, [250, 500]);
  });

  test('the delay is capped at 8 seconds', () => {
    const d = throttleSignIn(
      failures({ account: 40, lastAccountFailure: minutesAgo(1) }),
      { ...settings, maxFailuresPerAccount: 100 },
      now,
    );
    assert.deepEqual(d, { kind: 'allowed', delayMs: 8000 });
  });

  test('per account: the configured number of failures locks until lockMinutes after the last', () => {
    const last = minutesAgo(5);
    const d = throttleSignIn(failures({ account: 5, lastAccountFailure: last }), settings, now);
    assert.equal(d.kind, 'locked');
    assert.equal(d.kind === 'locked' && d.until.toISOString(), '2026-11-23T10:10:00.000Z');
  });

  test('per account: one failure fewer than the limit does not lock', () => {
    const d = throttleSignIn(
      failures({ account: 4, lastAccountFailure: minutesAgo(0) }),
      settings,
      now,
    );
    assert.equal(d.kind, 'allowed');
  });

  test('per account: the lock ends lockMinutes after the last failure', () => {
    const d = throttleSignIn(
      failures({ account: 5, lastAccountFailure: minutesAgo(15) }),
      settings,
      now,
    );
    assert.equal(d.kind, 'allowed');
  });

  test('per address: many failures across accounts lock the address', () => {
    const d = throttleSignIn(
      failures({ account: 0, address: 30, lastAddressFailure: minutesAgo(2) }),
      settings,
      now,
    );
    assert.equal(d.kind, 'locked');
    assert.equal(d.kind === 'locked' && d.until.toISOString(), '2026-11-23T10:13:00.000Z');
  });

  test('per address: failures slow down a quarter as fast as per account', () => {
    const slow = throttleSignIn(
      failures({ address: 12, lastAddressFailure: minutesAgo(1) }),
      settings,
      now,
    );
    // 12 / 4 = 3 failures' worth, one past the threshold of 2.
    assert.deepEqual(slow, { kind: 'allowed', delayMs: 250 });
    const notYet = throttleSignIn(
      failures({ address: 8, lastAddressFailure: minutesAgo(1) }),
      settings,
      now,
    );
    assert.deepEqual(notYet, { kind: 'allowed', delayMs: 0 });
  });

  test('when both account and address are locked, the later lock wins', () => {
    const d = throttleSignIn(
      failures({
        account: 5,
        lastAccountFailure: minutesAgo(10),
        address: 30,
        lastAddressFailure: minutesAgo(1),
      }),
      settings,
      now,
    );
    assert.equal(d.kind === 'locked' && d.until.toISOString(), '2026-11-23T10:14:00.000Z');
  });

  test('a count over the limit with no time of the last failure does not lock', () => {
    const d = throttleSignIn(failures({ account: 9 }), settings, now);
    assert.equal(d.kind, 'allowed');
  });
});

describe('sessionIsLive (ASVS 3.3: idle and absolute limits)', () => {
  const expiresAt = new Date(now.getTime() + 60 * 60_000);

  test('a session used a moment ago is live', () => {
    assert.equal(sessionIsLive({ lastSeenAt: minutesAgo(1), expiresAt }, 30, now), true);
  });

  test('a session idle for 29 minutes is live, for 30 it is not', () => {
    assert.equal(sessionIsLive({ lastSeenAt: minutesAgo(29), expiresAt }, 30, now), true);
    assert.equal(sessionIsLive({ lastSeenAt: minutesAgo(30), expiresAt }, 30, now), false);
  });

  test('a session at or past its absolute expiry is not live, however recently used', () => {
    assert.equal(sessionIsLive({ lastSeenAt: now, expiresAt: now }, 30, now), false);
    assert.equal(sessionIsLive({ lastSeenAt: now, expiresAt: minutesAgo(1) }, 30, now), false);
    assert.equal(
      sessionIsLive({ lastSeenAt: now, expiresAt: new Date(now.getTime() + 1) }, 30, now),
      true,
    );
  });
});

describe('minutesUntil', () => {
  test('rounds up, and is never less than a minute', () => {
    assert.equal(minutesUntil(new Date(now.getTime() + 15 * 60_000), now), 15);
    assert.equal(minutesUntil(new Date(now.getTime() + 14 * 60_000 + 1), now), 15);
    assert.equal(minutesUntil(new Date(now.getTime() + 1000), now), 1);
    assert.equal(minutesUntil(minutesAgo(3), now), 1);
  });
});
