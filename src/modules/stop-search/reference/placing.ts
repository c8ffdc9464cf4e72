/**
 * LEG-04: each search with a location is placed in the borough whose boundary holds it, by the
 * boundaries loaded; one outside them all, or any search when none are loaded, has no borough.
 * police.uk publishes locations snapped to a limited set of points, so a month's distinct
 * points are placed once each, and the month is written in one UPDATE from them.
 */
import { asc, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../platform/db/database.js';
import { boroughOfPoint, type PlacedBoundary } from '../reference-rules.js';
import { stopSearchBoundaries, stopSearches as s } from '../schema.js';

/**
 * Imports, loading boundaries and placing a month take this lock in their transaction: a month
 * is never placed by boundaries that are being replaced, nor imported while it is being placed.
 */
export const IMPORT_LOCK = sql`select pg_advisory_xact_lock(hashtext('stop-search.import'))`;

/** The boundaries loaded, in the order of their codes (a point on a shared border goes to the first). */
export async function readBoundaries(executor: Executor): Promise<PlacedBoundary[]> {
  const rows = await executor
    .select()
    .from(stopSearchBoundaries)
    .orderBy(asc(stopSearchBoundaries.code));
  return rows.map((r) => ({
    boroughId: r.boroughId,
    geometry: r.geometry,
    box: {
      minLongitude: r.minLongitude,
      minLatitude: r.minLatitude,
      maxLongitude: r.maxLongitude,
      maxLatitude: r.maxLatitude,
    },
  }));
}

/**
 * Places every search of a month by the boundaries given, writing only those whose borough
 * changes. Returns how many of the month's searches have a location.
 */
export async function placeMonth(
  executor: Executor,
  month: string,
  boundaries: readonly PlacedBoundary[],
): Promise<number> {
  const points = await queryRows<{ latitude: number; longitude: number; n: number }>(
    executor,
    sql`select ${s.latitude} as latitude, ${s.longitude} as longitude, count(*)::int as n
        from ${s} where ${s.month} = ${month} and ${s.latitude} is not null
        group by 1, 2`,
  );
  const located = points.reduce((sum, p) => sum + Number(p.n), 0);
  if (!boundaries.length) {
    await executor.execute(
      sql`update ${s} set borough_id = null where ${s.month} = ${month} and ${s.boroughId} is not null`,
    );
    return located;
  }
  const placed = points.map((p) => ({
    lat: Number(p.latitude),
    lon: Number(p.longitude),
    borough: boroughOfPoint(Number(p.longitude), Number(p.latitude), boundaries),
  }));
  // One parameter however many points: a JSON array read as a table. Numbers round-trip
  // exactly (JSON writes the shortest text that reads back as the same double).
  await executor.execute(sql`
    update ${s} set borough_id = v.borough
    from jsonb_to_recordset(${JSON.stringify(placed)}::jsonb)
      as v(lat double precision, lon double precision, borough uuid)
    where ${s.month} = ${month} and ${s.latitude} = v.lat and ${s.longitude} = v.lon
      and ${s.boroughId} is distinct from v.borough`);
  return located;
}
