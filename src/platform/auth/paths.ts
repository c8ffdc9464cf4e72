/**
 * The addresses of signing in, one's own account and the administration of accounts, each
 * defined once: a route's pattern registers it (`authPaths.user.pattern`) and the same object
 * builds its links (`authPaths.user(id)`).
 */
import { route } from '../http/route.js';

export const authPaths = {
  /** Signing in, its second step, and compulsory enrolment of a second factor. */
  signIn: '/sign-in',
  secondFactor: '/sign-in/second-factor',
  setUpSecondFactor: '/sign-in/set-up-second-factor',
  signOut: '/sign-out',
  forgottenPassword: '/forgotten-password',
  resetPassword: route('/reset-password/:token'),
  /** The signed-in person's own account. */
  account: '/account',
  password: '/account/password',
  accountSecondFactor: '/account/second-factor',
  removeSecondFactor: '/account/second-factor/remove',
  sessions: '/account/sessions',
  endSession: route('/account/sessions/:sessionId/end'),
  /** DP-02: the person's own export of what Bridge holds about them. */
  yourData: '/account/your-data',
  /** Administrators' pages of everyone's accounts. */
  users: '/admin/users',
  newUser: '/admin/users/new',
  user: route('/admin/users/:userId'),
  grantRole: route('/admin/users/:userId/roles'),
  revokeRole: route('/admin/users/:userId/roles/:assignmentId/remove'),
  deactivateUser: route('/admin/users/:userId/deactivate'),
  reactivateUser: route('/admin/users/:userId/reactivate'),
};
