/** CON-02: the programmes' addresses, each defined once (the route registers it, links build it). */
import { route } from '../../../platform/http/route.js';

export const programmePaths = {
  programmes: '/consultation/programmes',
  newProgramme: '/consultation/programmes/new',
  programme: route('/consultation/programmes/:programmeId'),
  copy: route('/consultation/programmes/:programmeId/copy'),
  newStage: route('/consultation/programmes/:programmeId/stages/new'),
  stage: route('/consultation/programmes/:programmeId/stages/:stageId'),
  removeStage: route('/consultation/programmes/:programmeId/stages/:stageId/remove'),
  moveStage: route('/consultation/programmes/:programmeId/stages/:stageId/move'),
};
