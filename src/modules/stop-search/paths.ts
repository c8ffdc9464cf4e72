/**
 * Stop and search's addresses, each defined once. Anyone reads the figures (police.uk publishes
 * every search already); authority officers import the months.
 */
export const stopSearchPaths = {
  /** LEG-04: a reporting year's figures, `?year=2024` (the year it starts in). */
  figures: '/stop-and-search',
  /** The months imported, newest first. */
  months: '/stop-and-search/months',
  /** LEG-04: a month imported from police.uk's file. */
  importMonth: '/stop-and-search/months/import',
  /** LEG-04: the boroughs' boundaries in use, and a file of them loaded. */
  boundaries: '/stop-and-search/boundaries',
  /** LEG-04: every search placed again by the boundaries in use (after an interruption). */
  placeSearches: '/stop-and-search/boundaries/place',
  /** LEG-04: the census population by borough and ethnic group in use, and a file loaded. */
  population: '/stop-and-search/population',
};
