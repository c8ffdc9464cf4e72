/** Open data's addresses: stable, since others' code downloads them. */
import { route } from '../http/route.js';

export const openDataPaths = {
  catalogue: '/open-data',
  /** DCAT, as JSON-LD: the catalogue for machines. */
  dcat: '/open-data/catalogue.jsonld',
  dataset: route('/open-data/:id'),
  csv: route('/open-data/:id.csv'),
  json: route('/open-data/:id.json'),
};
