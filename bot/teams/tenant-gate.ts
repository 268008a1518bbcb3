import type { Activity } from 'botbuilder';

/** Returns the activity's tenant, lower-cased: channelData.tenant.id as Teams sends it, else conversation.tenantId. */
export function activityTenantId(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  const tenantId = typeof fromChannelData === 'string' && fromChannelData !== '' ? fromChannelData : activity.conversation?.tenantId;
  return tenantId ? tenantId.toLowerCase() : undefined;
}

export interface TenantRejection {
  status: number;
  body?: unknown;
}

/**
 * Builds the response to an activity from another tenant or with none. A card action gets an error
 * response the client can show, other invokes get 403 with the same body, and messages and events
 * get a bare 403.
 */
export function tenantRejection(activity: Activity, tenantId: string | undefined): TenantRejection {
  if (activity.type !== 'invoke') {
    return { status: 403 };
  }
  const error = {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: {
      code: 'TenantNotAllowed',
      message: tenantId
        ? 'Intune Notify serves one organization, and this request came from another one. Nothing was done.'
        : 'This request carried no tenant ID, so Intune Notify did nothing.',
    },
  };
  return activity.name === 'adaptiveCard/action' ? { status: 200, body: error } : { status: 403, body: error };
}
