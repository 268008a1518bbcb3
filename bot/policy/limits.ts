import type { QuotaWindow } from '../storage/store.js';

/** Intune's documented limits for custom notifications (Microsoft Learn, "Send custom notifications in Intune"). */
export const TITLE_MAX_LENGTH = 50;
export const BODY_MAX_LENGTH = 500;
export const MAX_GROUPS_PER_NOTIFICATION = 25;

const hour = 60 * 60 * 1000;

/** At most 10 notifications per hour to the same device. */
export const DEVICE_QUOTA: QuotaWindow = { limit: 10, windowMs: hour };

/** At most 25 group notifications per hour per tenant. */
export const GROUP_QUOTA: QuotaWindow = { limit: 25, windowMs: hour };
