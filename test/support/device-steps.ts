import { expect } from 'vitest';
import { assessEligibility } from '../../bot/policy/eligibility.js';
import { managedDeviceSchema, type ManagedDevice } from '../../bot/intune/managed-device.js';
import type { Harness } from './bot-harness.js';
import { findAction } from './card-query.js';

export interface SeedFacts {
  eligibleDevice: ManagedDevice;
  otherEligibleDevice: ManagedDevice;
  /** A Windows device of multiPlatformUser. */
  windowsDevice: ManagedDevice;
  /** A user with both an eligible device and a Windows device. */
  multiPlatformUser: { userPrincipalName: string };
}

/** Devices of the simulated tenant's seed that the tests need, found by their properties. */
export function seedFacts(harness: Harness): SeedFacts {
  const devices = harness.sim.seed.managedDevices.map((device) => managedDeviceSchema.parse(device));
  const eligible = devices.filter((device) => assessEligibility(device).eligible);
  const windows = devices.filter((device) => device.operatingSystem.toLowerCase().startsWith('windows'));
  const multiPlatformUser = eligible.find((device) => windows.some((other) => other.userPrincipalName === device.userPrincipalName && device.userPrincipalName !== ''));
  const [first, ...rest] = eligible;
  const other = rest.find((device) => !device.deviceName.toLowerCase().startsWith(first!.deviceName.toLowerCase()) && device.userPrincipalName !== first!.userPrincipalName);
  const multiPlatformWindows = windows.find((device) => device.userPrincipalName === multiPlatformUser?.userPrincipalName);
  if (!first || !other || !multiPlatformWindows || !multiPlatformUser) {
    throw new Error('the simulated tenant seed lacks the devices these tests need');
  }
  return {
    eligibleDevice: first,
    otherEligibleDevice: other,
    windowsDevice: multiPlatformWindows,
    multiPlatformUser: { userPrincipalName: multiPlatformUser.userPrincipalName },
  };
}

/** Types `notify device QUERY` and returns the results card the bot posted. */
export async function searchFor(harness: Harness, query: string): Promise<Record<string, unknown>> {
  const response = await harness.message(`notify device ${query}`);
  expect(response.status).toBe(200);
  return harness.lastPostedCard();
}

/** Searches for a device by name and picks it; returns the compose card. */
export async function openCompose(harness: Harness, device: ManagedDevice = seedFacts(harness).eligibleDevice) {
  const results = await searchFor(harness, device.deviceName);
  const pick = findAction(results, 'Notify', (data) => data.deviceId === device.id);
  const response = await harness.invoke('device.pick', pick.data);
  expect(response.status).toBe(200);
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { compose: response.body.value as Record<string, unknown>, device };
}
