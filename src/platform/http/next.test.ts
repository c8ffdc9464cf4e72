import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNext } from './next.js';

const PUBLIC_URL = 'https://bridge.example.org';

test('issue 21 item 17: after signing in, only a path on this site is followed', () => {
  const cases: [unknown, string][] = [
    // Followed, as a path on this site.
    ['/directory?q=a', '/directory?q=a'],
    ['/groups/1/members#current', '/groups/1/members#current'],
    ['https://bridge.example.org/expenses?page=2', '/expenses?page=2'],
    ['/%09/evil.example/phish', '/%09/evil.example/phish'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    // Non-ASCII is encoded, so the Location header can always be sent.
    ['/directory?q=Zoë Ōmura', '/directory?q=Zo%C3%AB%20%C5%8Cmura'],
    ['/directory?q=€', '/directory?q=%E2%82%AC'],
    // Refused: another site, however it is spelt.
    ['//evil.example', '/'],
    ['///evil.example', '/'],
    ['/\t/evil.example/phish', '/'],
    ['/\n/evil.example', '/'],
    ['\t//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['https://evil.example', '/'],
    ['http://bridge.example.org/directory', '/'],
    ['https://bridge.example.org.evil.example/', '/'],
    ['https://bridge.example.org@evil.example/', '/'],
    ['https://user:pass@bridge.example.org/', '/'],
    ['javascript:alert(1)', '/'],
    ['data:text/html,<script>alert(1)</script>', '/'],
    // A scheme-relative spelling resolves to a path here, which is harmless.
    ['https:evil.example', '/evil.example'],
    // Refused: characters that break a header or a log line.
    ['/directory\r\nSet-Cookie: a=b', '/'],
    ['/directory\u0000', '/'],
    ['/directory\u0085', '/'],
    [`/${'a'.repeat(2001)}`, '/'],
    // Refused: nothing there, or not text.
    ['', '/'],
    [undefined, '/'],
    [['/directory'], '/'],
    [{ href: '/directory' }, '/'],
  ];
  for (const [input, expected] of cases)
    assert.equal(safeNext(input, PUBLIC_URL), expected, JSON.stringify(input));
});
