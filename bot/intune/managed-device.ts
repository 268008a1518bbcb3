import { z } from 'zod';

const optionalString = z.string().nullish().transform((value) => value ?? '');

/**
 * The managedDevice fields the bot reads (Graph beta). Graph omits or nulls many of them,
 * so each one defaults to an empty string instead of failing the whole page.
 */
export const managedDeviceSchema = z.object({
  id: z.string().min(1),
  deviceName: optionalString,
  operatingSystem: optionalString,
  osVersion: optionalString,
  deviceType: optionalString,
  deviceEnrollmentType: optionalString,
  managedDeviceOwnerType: optionalString,
  managementAgent: optionalString,
  userId: optionalString,
  userPrincipalName: optionalString,
  userDisplayName: optionalString,
  serialNumber: optionalString,
  model: optionalString,
  lastSyncDateTime: optionalString,
});

export type ManagedDevice = z.infer<typeof managedDeviceSchema>;

/** The $select list matching managedDeviceSchema, so Graph sends nothing the bot ignores. */
export const managedDeviceSelect = Object.keys(managedDeviceSchema.shape).join(',');
