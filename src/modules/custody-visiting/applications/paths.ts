/** The addresses of applications to be a lay visitor (ICV-02), each defined once. */
import { route } from '../../../platform/http/route.js';

export const applicationPaths = {
  /** The public form, no account needed, and its confirmation. */
  apply: '/custody-visiting/become-a-visitor/apply',
  applied: '/custody-visiting/become-a-visitor/applied',
  /** The scheme's side: the applications, and one with its decision form. */
  list: '/custody-visiting/applications',
  application: route('/custody-visiting/applications/:applicationId'),
};
