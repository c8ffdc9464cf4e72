/** The citizens' panel's addresses (CON-06), each defined once. */
import { route } from '../../../platform/http/route.js';

export const panelPaths = {
  /** The public: joining, the confirmation link, leaving and staying, with no sign-in. */
  join: '/consultations/panel/join',
  joined: '/consultations/panel/joined',
  confirm: route('/consultations/panel/confirm/:token'),
  leave: route('/consultations/panel/leave/:token'),
  stay: route('/consultations/panel/stay/:token'),
  /** Staff: the panel and its members, the balance, invitations, and the waves. */
  home: '/consultation/panel',
  balance: '/consultation/panel/balance',
  invite: '/consultation/panel/invite',
  waves: '/consultation/panel/waves',
  newWave: '/consultation/panel/waves/new',
  wave: route('/consultation/panel/waves/:waveId'),
  /** The population figures the balance is read against, and replacing them. */
  population: '/consultation/panel/population',
  replacePopulation: '/consultation/panel/population/replace',
};
