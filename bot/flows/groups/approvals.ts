import { AppError } from '../../errors.js';

/**
 * Builds the refusal for group sends while APPROVER_GROUP_ID is set. That setting promises an approval
 * before every group notification, and this version has no approval flow, so it sends none rather
 * than sending unapproved.
 */
export function approvalsNotAvailable(): AppError {
  return new AppError(
    'forbidden',
    'Group notifications need a manager\'s approval in this organization (APPROVER_GROUP_ID is set), and this version of Intune Notify can\'t collect approvals yet, so it sends none. Ask your Intune Notify administrator to update the bot, or to unset APPROVER_GROUP_ID if approvals are not wanted.',
    { details: { reason: 'approvals_not_available' } },
  );
}
