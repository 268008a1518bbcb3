import { describePermission, listPermissions, type IntuneActionKind } from './permission-names.js';

/** Suggestions of a role that includes what each kind of send needs. */
const roleSuggestions: Record<IntuneActionKind, string> = {
  notifyDevice: 'for example Help Desk Operator',
  notifyGroups: `for example a custom role with ${describePermission('Microsoft.Intune_Organization_Update')} and ${describePermission('Microsoft.Intune_Organization_Read')}`,
};

const actionPhrases: Record<IntuneActionKind, string> = {
  notifyDevice: 'send custom notifications to devices',
  notifyGroups: 'send custom notifications to groups',
};

export function describeMissingPermissions(kind: IntuneActionKind, missing: readonly string[]): string {
  return (
    `You can't ${actionPhrases[kind]}: your Intune roles don't include ${listPermissions(missing)}. ` +
    `Ask an Intune administrator to assign you a role that does, ${roleSuggestions[kind]}.`
  );
}

export function describeOutOfScope(deviceName: string, outOfScope: readonly string[]): string {
  const device = deviceName === '' ? 'this device' : `"${deviceName}"`;
  return (
    `You can't send a custom notification to ${device}: your Intune role assignments that include ` +
    `${listPermissions(outOfScope, 'and')} are limited to scope groups that contain neither the device nor its primary user. ` +
    'Pick another device, or ask an Intune administrator to widen the scope of your role assignment.'
  );
}

/**
 * Builds the message for a check that could not be completed. It quotes Graph's request-id, or the bot's
 * client-request-id when no response arrived, so an admin can find the failing call.
 */
export function describeCheckFailure(ids: { requestId?: string; clientRequestId?: string }): string {
  let reference = '';
  if (ids.requestId) {
    reference = ` If it keeps failing, give your IT admin this Graph request-id: ${ids.requestId}.`;
  } else if (ids.clientRequestId) {
    reference = ` If it keeps failing, give your IT admin this Graph client-request-id: ${ids.clientRequestId}.`;
  }
  return `The bot could not complete the check of your Intune permissions, so nothing was sent. Try again in a minute.${reference}`;
}
