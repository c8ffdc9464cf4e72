/** The administrators' pages of API tokens, each address defined once (see http/route.ts). */
import { route } from '../http/route.js';

export const apiTokenPaths = {
  tokens: '/admin/api-tokens',
  newToken: '/admin/api-tokens/new',
  revoke: route('/admin/api-tokens/:tokenId/revoke'),
};
