import type { Activity } from 'botbuilder';

/** The activity's tenant: channelData.tenant.id as Teams sends it, else conversation.tenantId; lower-cased. */
export function activityTenantId(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  const tenantId = typeof fromChannelData === 'string' && fromChannelData !== '' ? fromChannelData : activity.conversation?.tenantId;
  return tenantId ? tenantId.toLowerCase() : undefined;
}

export interface Refusal {
  status: number;
  body?: unknown;
}

/**
 * The answer to an activity from another (or no) tenant. A card action gets an error response the
 * client can show; other invokes get 403 with the same body; messages and events get a bare 403.
 */
export function tenantRefusal(activity: Activity, tenantId: string | undefined): Refusal {
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
