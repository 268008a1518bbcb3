import { describe, expect, it } from 'vitest';
import { managedDeviceSchema } from '../../bot/intune/managed-device.js';
import { assessEligibility } from '../../bot/policy/eligibility.js';

function device(fields: Record<string, string>) {
  return managedDeviceSchema.parse({ id: 'd1', userId: 'u1', userPrincipalName: 'u@contoso.example', ...fields });
}

describe('assessEligibility', () => {
  const cases: Array<[string, Record<string, string>, boolean, string]> = [
    ['iPhone', { operatingSystem: 'iOS', deviceType: 'iPhone' }, true, 'iOS'],
    ['iPad', { operatingSystem: 'iPadOS', deviceType: 'iPad' }, true, 'iPadOS'],
    ['Android work profile', { operatingSystem: 'Android', deviceType: 'androidForWork', managedDeviceOwnerType: 'personal' }, true, 'Android (personally-owned work profile)'],
    ['Android fully managed', { operatingSystem: 'Android', deviceType: 'androidEnterprise', deviceEnrollmentType: 'androidEnterpriseFullyManaged' }, false, 'Android (fully managed)'],
    ['Android dedicated', { operatingSystem: 'Android', deviceType: 'androidEnterprise', deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' }, false, 'Android (dedicated)'],
    ['Android corporate work profile', { operatingSystem: 'Android', deviceType: 'androidEnterprise', deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile' }, false, 'Android (corporate-owned work profile)'],
    ['Android device administrator', { operatingSystem: 'Android', deviceType: 'android' }, false, 'Android (device administrator)'],
    ['Windows', { operatingSystem: 'Windows', deviceType: 'windowsRT' }, false, 'Windows'],
    ['macOS', { operatingSystem: 'macOS', deviceType: 'macMDM' }, false, 'macOS'],
  ];

  for (const [name, fields, eligible, platform] of cases) {
    it(`${name}: ${eligible ? 'eligible' : 'not eligible'}`, () => {
      const result = assessEligibility(device(fields));

      expect(result.eligible).toBe(eligible);
      expect(result.platform).toBe(platform);
    });
  }

  it('a device without a primary user is not eligible', () => {
    const result = assessEligibility(managedDeviceSchema.parse({ id: 'd2', operatingSystem: 'iOS', deviceType: 'iPhone', userId: '', userPrincipalName: '' }));

    expect(result.eligible).toBe(false);
    expect(!result.eligible && result.reason).toMatch(/no primary user/);
  });

  it('an ineligible device says why', () => {
    const result = assessEligibility(device({ operatingSystem: 'Windows', deviceType: 'windowsRT' }));

    expect(!result.eligible && result.reason).toBe('Windows devices can\'t receive custom notifications: Intune sends custom notifications only to iOS/iPadOS and Android personally-owned work profile devices.');
  });
});
