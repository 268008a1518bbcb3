import type { ManagedDevice } from '../intune/managed-device.js';

export type Eligibility =
  | { eligible: true; platform: string }
  | { eligible: false; platform: string; reason: string };

const androidEnrollmentKinds: Record<string, string> = {
  androidEnterpriseFullyManaged: 'fully managed',
  androidEnterpriseDedicatedDevice: 'dedicated',
  androidEnterpriseCorporateWorkProfile: 'corporate-owned work profile',
  androidAOSPUserOwnedDeviceEnrollment: 'AOSP',
  androidAOSPUserlessDeviceEnrollment: 'AOSP',
};

const onlySupported = 'Intune sends custom notifications only to iOS/iPadOS and Android personally-owned work profile devices';

/**
 * Decides whether Intune can deliver a custom notification to the device. Intune supports iOS/iPadOS
 * and Android Enterprise personally-owned work profile only, and delivers through the Company Portal
 * (or Intune app) of the user who enrolled the device, so a device without a primary user is excluded.
 * Graph's beta deviceType distinguishes the Android kinds: androidForWork is the personally-owned work
 * profile, androidEnterprise with an enrollment type is fully managed, dedicated or corporate-owned.
 */
export function assessEligibility(device: ManagedDevice): Eligibility {
  const platform = describePlatform(device);
  const os = device.operatingSystem.toLowerCase();
  const type = device.deviceType.toLowerCase();

  const supported = os === 'ios' || os === 'ipados' || type === 'iphone' || type === 'ipad' || type === 'androidforwork';
  if (!supported) {
    return { eligible: false, platform, reason: `${platform} devices can't receive custom notifications: ${onlySupported}.` };
  }
  if (device.userId === '' && device.userPrincipalName === '') {
    return {
      eligible: false,
      platform,
      reason: 'This device has no primary user. Custom notifications go to the Company Portal of the user who enrolled the device.',
    };
  }
  return { eligible: true, platform };
}

export function describePlatform(device: ManagedDevice): string {
  const os = device.operatingSystem.toLowerCase();
  const type = device.deviceType.toLowerCase();

  if (type === 'ipad' || os === 'ipados') {
    return 'iPadOS';
  }
  if (type === 'iphone' || type === 'ipod' || os === 'ios') {
    return 'iOS';
  }
  if (os === 'android' || type.startsWith('android')) {
    return `Android (${describeAndroidKind(device)})`;
  }
  if (os.startsWith('windows') || type.startsWith('windows') || type === 'desktop' || type === 'surfacehub' || type === 'hololens') {
    return 'Windows';
  }
  if (os === 'macos' || os === 'mac os x' || type === 'macmdm' || type === 'mac') {
    return 'macOS';
  }
  return device.operatingSystem || 'Unknown platform';
}

function describeAndroidKind(device: ManagedDevice): string {
  const type = device.deviceType.toLowerCase();
  if (type === 'androidforwork') {
    return 'personally-owned work profile';
  }
  const enrollmentKind = androidEnrollmentKinds[device.deviceEnrollmentType];
  if (enrollmentKind) {
    return enrollmentKind;
  }
  if (type === 'androidngms') {
    return 'AOSP';
  }
  if (type === 'android') {
    return 'device administrator';
  }
  return 'Android Enterprise';
}
