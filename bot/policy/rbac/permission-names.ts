/**
 * Intune resource actions the bot checks. The strings are the ids Graph returns in a role
 * definition's allowedResourceActions and in GET /beta/deviceManagement/resourceOperations.
 */
export const intuneActions = {
  sendCustomNotification: 'Microsoft.Intune_RemoteTasks_CustomNotification',
  readManagedDevices: 'Microsoft.Intune_ManagedDevices_Read',
  updateOrganization: 'Microsoft.Intune_Organization_Update',
  readOrganization: 'Microsoft.Intune_Organization_Read',
} as const;

export type IntuneActionKind = 'notifyDevice' | 'notifyGroups';

/** Resource actions each kind of send needs, in the order a denial names them. */
export const requiredActions: Record<IntuneActionKind, readonly string[]> = {
  notifyDevice: [intuneActions.sendCustomNotification, intuneActions.readManagedDevices],
  notifyGroups: [intuneActions.updateOrganization, intuneActions.readOrganization],
};

/** Names as the Intune admin center lists them in a role's permissions ("Resource: Permission"). */
const adminCenterNames: Record<string, string> = {
  [intuneActions.sendCustomNotification]: 'Remote tasks: Send custom notifications',
  [intuneActions.readManagedDevices]: 'Managed devices: Read',
  [intuneActions.updateOrganization]: 'Organization: Update',
  [intuneActions.readOrganization]: 'Organization: Read',
};

/**
 * Returns the admin center name of a resource action. Actions the bot does not check keep a readable
 * form built from the id (`Microsoft.Intune_Audit_Read` becomes "Audit: Read").
 */
export function describePermission(action: string): string {
  const known = adminCenterNames[action];
  if (known) {
    return known;
  }

  const match = /^Microsoft\.Intune_([A-Za-z0-9]+)_([A-Za-z0-9]+)$/.exec(action);
  if (!match) {
    return action;
  }
  return `${splitWords(match[1] ?? '')}: ${splitWords(match[2] ?? '')}`;
}

function splitWords(pascalCase: string): string {
  const words = pascalCase.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Joins permission names for a sentence: "A", "A or B", "A, B or C" (or with "and"). */
export function listPermissions(actions: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  const names = actions.map(describePermission);
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
