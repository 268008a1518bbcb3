export { cancelledCard, type CancelledCardData } from './cancelled.js';
export { deviceComposeCard, type DeviceComposeCardData } from './device-compose.js';
export { deviceOutcomeCard, type DeviceOutcomeCardData, type SendOutcome } from './device-outcome.js';
export { deviceResultsCard, type DeviceResult, type DeviceResultsCardData } from './device-results.js';
export { deviceSearchCard, type DeviceSearchCardData } from './device-search.js';
export { deviceSendingCard, type DeviceSendingCardData } from './device-sending.js';
export {
  groupAssignmentsCard,
  type GroupAssignmentsCardData,
  type GroupSearchResult,
  type SelectedGroup,
} from './group-assignments.js';
export { groupBasicsCard, type GroupBasicsCardData } from './group-basics.js';
export { groupOutcomeCard, type GroupOutcomeCardData } from './group-outcome.js';
export { groupReviewCard, type GroupReviewCardData, type ReviewGroup } from './group-review.js';
export { groupSendingCard, type GroupSendingCardData } from './group-sending.js';
export { helpCard, type HelpCardData, type HelpItem } from './help.js';
export { noticeCard, type NoticeCardData } from './notice.js';
export type { AdaptiveCard, DeviceFacts, Tone } from './types.js';
