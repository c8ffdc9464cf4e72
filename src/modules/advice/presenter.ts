/** The labels the deployment pages show, one set for every journey that lists deployments. */
import { CLEARANCE_LABELS } from '../groups/index.js';
import {
  ADVICE_OUTCOME_LABELS,
  ARRANGEMENT_OWNER_LABELS,
  DEPLOYMENT_STATUS_LABELS,
  DISCLOSURE_KIND_LABELS,
  EXPERIENCE_LABELS,
  REQUEST_STATUS_LABELS,
  URGENCY_LABELS,
} from './rules.js';

export const deploymentLabels = {
  urgency: URGENCY_LABELS,
  status: REQUEST_STATUS_LABELS,
  deployment: DEPLOYMENT_STATUS_LABELS,
  clearance: CLEARANCE_LABELS,
  experience: EXPERIENCE_LABELS,
  owner: ARRANGEMENT_OWNER_LABELS,
  outcome: ADVICE_OUTCOME_LABELS,
  disclosure: DISCLOSURE_KIND_LABELS,
};
