/**
 * The two ways the benchmark loads a page: closed loop with autocannon (N connections, each
 * sending its next request when the last is answered: the most the server can do) and open loop
 * (requests sent on a fixed timetable whatever the server does, each timed from when it was due,
 * so a slow answer delays nothing and hides nothing: how a page feels at a steady rate).
 */
import http from 'node:http';
import autocannon from 'autocannon';

export interface PageLoad {
  /** Path and query, on the server's base URL. */
  path: string;
  /** The Cookie header of a signed-in person, or none for a public page. */
  cookie?: string | undefined;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses other than 200, and connection errors and timeouts. */
  failures: number;
  requests: number;
}

/** Closed loop: `connections` at once, for `seconds`. */
export async function closedLoop(
  base: string,
  page: PageLoad,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: base + page.path,
    connections,
    duration: seconds,
    headers: page.cookie ? { cookie: page.cookie } : {},
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts timeouts among its errors.
    failures: result.non2xx + result.errors,
    requests: result.requests.total,
  };
}

/** Open loop: `rate` requests a second for `seconds`, each timed from when it was due. */
export async function openLoop(
  base: string,
  page: PageLoad,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(base + page.path);
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const request = http.get(
        url,
        { agent, headers: page.cookie ? { cookie: page.cookie } : {}, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - due);
            if (response.statusCode !== 200) failures++;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', () => {
        failures++;
        resolve();
      });
    });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(due));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? 0;
  return {
    requestsPerSecond: total / ((performance.now() - started) / 1000),
    p50: at(0.5),
    p99: at(0.99),
    failures,
    requests: total,
  };
}
