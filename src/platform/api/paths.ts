/** The API's pages and its tokens' administration, each address defined once (see http/route.ts). */
import { route } from '../http/route.js';

export const apiTokenPaths = {
  tokens: '/admin/api-tokens',
  newToken: '/admin/api-tokens/new',
  revoke: route('/admin/api-tokens/:tokenId/revoke'),
};

export const apiDocsPaths = {
  /** The page that describes the API, linked from the footer. */
  about: '/api-documentation',
  /** The OpenAPI description, for anyone's tools. */
  openApi: '/api/openapi.json',
  /** The interactive reference, for administrators. */
  reference: '/admin/api-reference',
};
