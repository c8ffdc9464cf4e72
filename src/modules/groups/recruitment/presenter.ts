/** What the recruitment pages say of a round and its applications. */

export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  submitted: 'Waiting for the panel',
  recommended: 'Recommended by the panel',
  not_recommended: 'Not recommended by the panel',
  accepted: 'Accepted by the Director',
  declined: 'Declined',
};

export const ROUND_STATE_LABELS = { upcoming: 'Not open yet', open: 'Open', closed: 'Closed' };
