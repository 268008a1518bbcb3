/**
 * Writes bot/sim-tenant/seed.json, the simulated tenant's data. The output is deterministic
 * (fixed pseudo-random seed), so rerunning it after an edit changes only what the edit touches.
 * Run: npx tsx bot/sim-tenant/generate-seed.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  seedFileUrl,
  seedSchema,
  type Seed,
  type SeedEntraDevice,
  type SeedGroup,
  type SeedManagedDevice,
  type SeedRoleDefinition,
  type SeedUser,
} from './seed.js';

const tenantId = '4f1c2a7e-9b3d-4e5f-8a6b-1c2d3e4f5a6b';
const domain = 'contoso.onmicrosoft.com';

const idOf = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const operatorId = (n: number) => idOf('a1000000', n);
const endUserId = (n: number) => idOf('a2000000', n);
const groupId = (n: number) => idOf('b1000000', n);
const customRoleId = (n: number) => idOf('c1000000', n);
const assignmentId = (n: number) => idOf('c2000000', n);
const directoryRoleId = (n: number) => idOf('d1000000', n);
const managedDeviceId = (n: number) => idOf('e1000000', n);
const entraObjectId = (n: number) => idOf('e2000000', n);
const entraDeviceId = (n: number) => idOf('e3000000', n);

const templates = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
};

const actions = {
  customNotification: 'Microsoft.Intune_RemoteTasks_CustomNotification',
  managedDevicesRead: 'Microsoft.Intune_ManagedDevices_Read',
  organizationRead: 'Microsoft.Intune_Organization_Read',
  organizationUpdate: 'Microsoft.Intune_Organization_Update',
};

// Deterministic PRNG (mulberry32) so the seed file is reproducible.
let prngState = 0x5eed2026;
function random(): number {
  prngState = (prngState + 0x6d2b79f5) | 0;
  let t = prngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const randomChars = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
const upperAlnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

// ---------------------------------------------------------------- users

interface PersonSpec { n: number; given: string; surname: string; upnLocal?: string; department: string; city: string; jobTitle: string; enabled?: boolean }

const operatorSpecs: PersonSpec[] = [
  { n: 1, given: 'Hana', surname: 'Helpdesk', department: 'IT', city: 'London', jobTitle: 'Service Desk Analyst' },
  { n: 2, given: 'Ben', surname: 'Broadcaster', department: 'Communications', city: 'Seattle', jobTitle: 'Internal Communications Manager' },
  { n: 3, given: 'Ava', surname: 'Approver', department: 'Communications', city: 'Seattle', jobTitle: 'Head of Communications' },
  { n: 4, given: 'Noah', surname: 'Norole', department: 'Sales', city: 'London', jobTitle: 'Account Executive' },
  { n: 5, given: 'Iris', surname: 'Admin', department: 'IT', city: 'Seattle', jobTitle: 'Endpoint Administrator' },
  { n: 6, given: 'Grace', surname: 'Global', department: 'IT', city: 'Seattle', jobTitle: 'IT Director' },
  { n: 7, given: 'Nora', surname: 'Notifier', department: 'IT', city: 'Berlin', jobTitle: 'Service Desk Analyst' },
  { n: 8, given: 'Nick', surname: 'Nested', department: 'IT', city: 'London', jobTitle: 'Service Desk Analyst (Tier 2)' },
  { n: 9, given: 'Will', surname: 'Wildcard', department: 'IT', city: 'Seattle', jobTitle: 'Intune Engineer' },
  { n: 10, given: 'Dana', surname: 'Denied', department: 'IT', city: 'Berlin', jobTitle: 'Service Desk Trainee' },
  { n: 11, given: 'Sam', surname: 'Scoped', department: 'IT', city: 'London', jobTitle: 'Site Support Technician' },
  { n: 12, given: 'Manny', surname: 'Groups', department: 'Engineering', city: 'Seattle', jobTitle: 'Programme Manager' },
  { n: 13, given: 'Gina', surname: 'Reader', department: 'IT', city: 'Seattle', jobTitle: 'IT Auditor' },
  { n: 14, given: 'Leo', surname: 'Lead', department: 'Communications', city: 'London', jobTitle: 'Communications Lead' },
];

const endUserSpecs: PersonSpec[] = [
  { n: 1, given: 'Liam', surname: 'Carter', department: 'Engineering', city: 'London', jobTitle: 'Software Engineer' },
  { n: 2, given: 'Johanna', surname: 'Berg', department: 'Finance', city: 'Berlin', jobTitle: 'Financial Analyst' },
  { n: 3, given: 'Olivia', surname: 'Bennett', department: 'Sales', city: 'London', jobTitle: 'Sales Manager' },
  { n: 4, given: 'Mateo', surname: 'Alvarez', department: 'Sales', city: 'Madrid', jobTitle: 'Account Executive' },
  { n: 5, given: 'Priya', surname: 'Raman', department: 'Engineering', city: 'Seattle', jobTitle: 'Engineering Manager' },
  { n: 6, given: 'Kenji', surname: 'Watanabe', department: 'Engineering', city: 'Seattle', jobTitle: 'Site Reliability Engineer' },
  { n: 7, given: 'Amara', surname: 'Okafor', department: 'Marketing', city: 'London', jobTitle: 'Marketing Specialist' },
  { n: 8, given: 'Lukas', surname: 'Schneider', department: 'Operations', city: 'Berlin', jobTitle: 'Logistics Coordinator' },
  { n: 9, given: 'Sofia', surname: 'Rossi', department: 'Marketing', city: 'Milan', jobTitle: 'Brand Manager' },
  { n: 10, given: 'Ethan', surname: 'Brooks', department: 'Sales', city: 'Seattle', jobTitle: 'Sales Representative' },
  { n: 11, given: 'Chloe', surname: 'Martin', department: 'HR', city: 'Paris', jobTitle: 'HR Business Partner' },
  { n: 12, given: 'Noor', surname: 'Haddad', department: 'Finance', city: 'London', jobTitle: 'Controller' },
  { n: 13, given: 'Daniel', surname: 'Kim', department: 'Engineering', city: 'Seattle', jobTitle: 'QA Engineer' },
  { n: 14, given: 'Isabella', surname: 'Costa', department: 'Legal', city: 'Lisbon', jobTitle: 'Legal Counsel' },
  { n: 15, given: 'William', surname: 'Hughes', department: 'Operations', city: 'London', jobTitle: 'Facilities Manager' },
  { n: 16, given: 'Mei', surname: 'Chen', department: 'Engineering', city: 'Seattle', jobTitle: 'Data Engineer' },
  { n: 17, given: 'Oscar', surname: 'Lindqvist', department: 'IT', city: 'Stockholm', jobTitle: 'Network Engineer' },
  { n: 18, given: 'Fatima', surname: 'Zahra', department: 'HR', city: 'London', jobTitle: 'Recruiter' },
  { n: 19, given: 'Jack', surname: "O'Brien", upnLocal: "jack.o'brien", department: 'Sales', city: 'Dublin', jobTitle: 'Sales Representative' },
  { n: 20, given: 'Emma', surname: 'Wilson', department: 'Marketing', city: 'Seattle', jobTitle: 'Content Strategist' },
  { n: 21, given: 'Aleksander', surname: 'Nowak', department: 'Engineering', city: 'Warsaw', jobTitle: 'Software Engineer' },
  { n: 22, given: 'Shana', surname: 'Patel', department: 'Customer Support', city: 'London', jobTitle: 'Support Specialist' },
  { n: 23, given: 'Lucas', surname: 'Moreau', department: 'Finance', city: 'Paris', jobTitle: 'Accountant' },
  { n: 24, given: 'Zoe', surname: 'Thompson', department: 'Customer Support', city: 'Seattle', jobTitle: 'Support Team Lead' },
  { n: 25, given: 'Ahmed', surname: 'Saleh', department: 'Operations', city: 'Dubai', jobTitle: 'Operations Manager' },
  { n: 26, given: 'Elena', surname: 'Petrova', department: 'Legal', city: 'London', jobTitle: 'Paralegal' },
  { n: 27, given: 'Samuel', surname: 'Adeyemi', department: 'IT', city: 'London', jobTitle: 'Desktop Engineer' },
  { n: 28, given: 'Ingrid', surname: 'Johansen', department: 'HR', city: 'Oslo', jobTitle: 'Payroll Specialist' },
  { n: 29, given: 'Diego', surname: 'Fernandez', department: 'Sales', city: 'Madrid', jobTitle: 'Key Account Manager' },
  { n: 30, given: 'Hiroshi', surname: 'Tanaka', department: 'Engineering', city: 'Tokyo', jobTitle: 'Hardware Engineer' },
  { n: 31, given: 'Charlotte', surname: 'Dubois', department: 'Marketing', city: 'Paris', jobTitle: 'Event Manager' },
  { n: 32, given: 'Ryan', surname: 'Murphy', department: 'Customer Support', city: 'Dublin', jobTitle: 'Support Specialist' },
  { n: 33, given: 'Ana', surname: 'Silva', department: 'Finance', city: 'Lisbon', jobTitle: 'Procurement Analyst' },
  { n: 34, given: 'Thomas', surname: 'Müller', upnLocal: 'thomas.muller', department: 'Operations', city: 'Berlin', jobTitle: 'Warehouse Supervisor' },
  { n: 35, given: 'Leila', surname: 'Karimi', department: 'Engineering', city: 'London', jobTitle: 'Security Engineer' },
  { n: 36, given: 'Benjamin', surname: 'Cohen', department: 'Legal', city: 'Seattle', jobTitle: 'Compliance Officer' },
  { n: 37, given: 'Camila', surname: 'Torres', department: 'Sales', city: 'Seattle', jobTitle: 'Sales Operations Analyst' },
  { n: 38, given: 'Nikolai', surname: 'Ivanov', department: 'IT', city: 'Berlin', jobTitle: 'Systems Administrator' },
  { n: 39, given: 'Ruth', surname: 'Abebe', department: 'Customer Support', city: 'London', jobTitle: 'Support Specialist' },
  { n: 40, given: 'Victor', surname: 'Nguyen', department: 'Operations', city: 'Seattle', jobTitle: 'Shift Supervisor', enabled: false },
];

const usageLocationByCity: Record<string, string> = {
  London: 'GB', Seattle: 'US', Berlin: 'DE', Madrid: 'ES', Milan: 'IT', Paris: 'FR', Lisbon: 'PT', Stockholm: 'SE',
  Dublin: 'IE', Warsaw: 'PL', Dubai: 'AE', Oslo: 'NO', Tokyo: 'JP',
};

function toUser(spec: PersonSpec, id: string): SeedUser {
  const local = spec.upnLocal ?? `${spec.given}.${spec.surname}`.toLowerCase();
  const upn = `${local}@${domain}`;
  return {
    id,
    displayName: `${spec.given} ${spec.surname}`,
    givenName: spec.given,
    surname: spec.surname,
    userPrincipalName: upn,
    mail: upn,
    jobTitle: spec.jobTitle,
    department: spec.department,
    officeLocation: `${spec.city} Office`,
    city: spec.city,
    usageLocation: usageLocationByCity[spec.city] ?? 'US',
    accountEnabled: spec.enabled ?? true,
  };
}

const users: SeedUser[] = [
  ...operatorSpecs.map((spec) => toUser(spec, operatorId(spec.n))),
  ...endUserSpecs.map((spec) => toUser(spec, endUserId(spec.n))),
];
const userById = new Map(users.map((user) => [user.id, user]));
const endUsers = users.filter((user) => user.id.startsWith('a2000000'));

// ---------------------------------------------------------------- managed devices

type PlatformKey = 'iPhone' | 'iPad' | 'workProfile' | 'fullyManaged' | 'dedicated' | 'corporateWorkProfile' | 'deviceAdmin' | 'windows' | 'macOS';

interface PlatformSpec {
  operatingSystem: string;
  deviceType: string;
  enrollmentTypes: readonly string[];
  owner: 'company' | 'personal';
  models: readonly (readonly [string, string])[];
  osVersions: readonly string[];
  serial: () => string;
  hasImei: boolean;
  namePlatform: string;
  trustType: string;
  supervised: boolean;
  profile: string | null;
}

const appleSerial = () => randomChars(upperAlnum, 12);
const platforms: Record<PlatformKey, PlatformSpec> = {
  iPhone: {
    operatingSystem: 'iOS', deviceType: 'iPhone', enrollmentTypes: ['appleBulkWithUser', 'appleBulkWithUser', 'userEnrollment'], owner: 'company',
    models: [['iPhone 15', 'Apple'], ['iPhone 15 Pro', 'Apple'], ['iPhone 14', 'Apple'], ['iPhone 13', 'Apple'], ['iPhone SE (3rd generation)', 'Apple']],
    osVersions: ['18.1.1', '18.1', '18.0.1', '17.6.1'], serial: appleSerial, hasImei: true, namePlatform: 'iPhone', trustType: 'AzureAd', supervised: true,
    profile: 'Corporate iPhone (ADE)',
  },
  iPad: {
    operatingSystem: 'iPadOS', deviceType: 'iPad', enrollmentTypes: ['appleBulkWithUser', 'userEnrollment'], owner: 'company',
    models: [['iPad Air (5th generation)', 'Apple'], ['iPad (10th generation)', 'Apple'], ['iPad Pro (11-inch) (4th generation)', 'Apple']],
    osVersions: ['18.1.1', '18.0.1', '17.7'], serial: appleSerial, hasImei: false, namePlatform: 'iPad', trustType: 'AzureAd', supervised: true,
    profile: 'Corporate iPad (ADE)',
  },
  workProfile: {
    operatingSystem: 'Android', deviceType: 'androidForWork', enrollmentTypes: ['userEnrollment'], owner: 'personal',
    models: [['Pixel 8', 'Google'], ['Pixel 7a', 'Google'], ['SM-S911B', 'samsung'], ['SM-A546B', 'samsung'], ['moto g84 5G', 'motorola']],
    osVersions: ['15', '14', '13'], serial: () => randomChars(upperAlnum, 11), hasImei: true, namePlatform: 'AndroidForWork', trustType: 'Workplace',
    supervised: false, profile: null,
  },
  fullyManaged: {
    operatingSystem: 'Android', deviceType: 'androidEnterprise', enrollmentTypes: ['androidEnterpriseFullyManaged'], owner: 'company',
    models: [['SM-G991B', 'samsung'], ['Pixel 8', 'Google']],
    osVersions: ['15', '14'], serial: () => `R5${randomChars(upperAlnum, 9)}`, hasImei: true, namePlatform: 'AndroidEnterprise', trustType: 'AzureAd',
    supervised: false, profile: 'Corporate fully managed',
  },
  dedicated: {
    operatingSystem: 'Android', deviceType: 'androidEnterprise', enrollmentTypes: ['androidEnterpriseDedicatedDevice'], owner: 'company',
    models: [['TC52', 'Zebra Technologies'], ['SM-T505', 'samsung']],
    osVersions: ['13', '11'], serial: () => `2${randomChars('0123456789', 13)}`, hasImei: false, namePlatform: 'AndroidEnterprise', trustType: 'AzureAd',
    supervised: false, profile: 'Kiosk (dedicated)',
  },
  corporateWorkProfile: {
    operatingSystem: 'Android', deviceType: 'androidEnterprise', enrollmentTypes: ['androidEnterpriseCorporateWorkProfile'], owner: 'company',
    models: [['SM-S916B', 'samsung'], ['Pixel 8 Pro', 'Google']],
    osVersions: ['15', '14'], serial: () => `R3${randomChars(upperAlnum, 9)}`, hasImei: true, namePlatform: 'AndroidEnterprise', trustType: 'AzureAd',
    supervised: false, profile: 'Corporate-owned work profile',
  },
  deviceAdmin: {
    operatingSystem: 'Android', deviceType: 'android', enrollmentTypes: ['userEnrollment'], owner: 'personal',
    models: [['SM-G960F', 'samsung'], ['Nokia 7.2', 'HMD Global']],
    osVersions: ['10', '9'], serial: () => randomChars(upperAlnum, 11), hasImei: true, namePlatform: 'Android', trustType: 'Workplace',
    supervised: false, profile: null,
  },
  windows: {
    operatingSystem: 'Windows', deviceType: 'windowsRT', enrollmentTypes: ['windowsAzureADJoin', 'windowsAutoEnrollment', 'windowsCoManagement'], owner: 'company',
    models: [['Latitude 7440', 'Dell Inc.'], ['ThinkPad T14 Gen 4', 'LENOVO'], ['Surface Laptop 5', 'Microsoft Corporation'], ['HP EliteBook 840 G10', 'HP']],
    osVersions: ['10.0.22631.4460', '10.0.26100.2314', '10.0.19045.5131'], serial: () => randomChars(upperAlnum, 8), hasImei: false, namePlatform: 'Windows',
    trustType: 'AzureAd', supervised: false, profile: 'Autopilot user-driven',
  },
  macOS: {
    operatingSystem: 'macOS', deviceType: 'macMDM', enrollmentTypes: ['appleBulkWithUser'], owner: 'company',
    models: [['MacBook Pro (14-inch, 2023)', 'Apple'], ['MacBook Air (M2, 2022)', 'Apple'], ['MacBook Pro (16-inch, Nov 2023)', 'Apple']],
    osVersions: ['15.1.1', '14.7.1'], serial: () => `C02${randomChars(upperAlnum, 9)}`, hasImei: false, namePlatform: 'MacMDM', trustType: 'AzureAd',
    supervised: true, profile: 'Corporate Mac (ADE)',
  },
};

const managedDevices: SeedManagedDevice[] = [];
const entraDevices: SeedEntraDevice[] = [];
const usedSerials = new Set<string>();

function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function enrollmentLabel(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const period = hours < 12 ? 'AM' : 'PM';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}_${hour12}:${minutes} ${period}`;
}

function uniqueSerial(make: () => string): string {
  for (;;) {
    const serial = make();
    if (!usedSerials.has(serial)) {
      usedSerials.add(serial);
      return serial;
    }
  }
}

function imei(): string {
  return `35${randomChars('0123456789', 13)}`;
}

interface DeviceOptions { name?: string; owner?: 'company' | 'personal'; stale?: boolean; complianceState?: string }

/** Adds a managed device and its Entra device object. `name` undefined means the Intune default name. */
function addDevice(platformKey: PlatformKey, user: SeedUser | undefined, options: DeviceOptions = {}): SeedManagedDevice {
  const n = managedDevices.length + 1;
  const platform = platforms[platformKey];
  const [model, manufacturer] = pick(platform.models);
  const enrolled = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 700) * 86_400_000 + randomInt(6, 19) * 3_600_000 + randomInt(0, 59) * 60_000);
  const syncBase = options.stale ? Date.UTC(2026, 4, 2) : Date.UTC(2026, 10, 28);
  const lastSync = new Date(syncBase + randomInt(0, 6 * 24 * 60) * 60_000 + randomInt(0, 59) * 1000);
  const owner = options.owner ?? platform.owner;
  const enrollmentType = owner === 'personal' && platformKey === 'iPhone' ? 'userEnrollment' : pick(platform.enrollmentTypes);
  const userPart = user ? user.userPrincipalName.split('@')[0]! : 'userless';
  const managedDeviceName = `${userPart}_${platform.namePlatform}_${enrollmentLabel(enrolled)}`;
  const compliance = options.complianceState ?? (random() < 0.88 ? 'compliant' : pick(['noncompliant', 'inGracePeriod']));
  const azureId = entraDeviceId(n);

  const device: SeedManagedDevice = {
    id: managedDeviceId(n),
    deviceName: options.name ?? managedDeviceName,
    managedDeviceName,
    userId: user?.id ?? '',
    userPrincipalName: user?.userPrincipalName ?? '',
    userDisplayName: user?.displayName ?? '',
    emailAddress: user?.mail ?? '',
    operatingSystem: platform.operatingSystem,
    osVersion: pick(platform.osVersions),
    deviceType: platform.deviceType,
    deviceEnrollmentType: enrollmentType,
    managedDeviceOwnerType: owner,
    ownerType: owner,
    managementAgent: enrollmentType === 'windowsCoManagement' ? 'configurationManagerClientMdm' : 'mdm',
    managementState: 'managed',
    complianceState: compliance,
    jailBroken: platform.operatingSystem === 'iOS' || platform.operatingSystem === 'iPadOS' || platform.operatingSystem === 'Android' ? 'False' : 'Unknown',
    enrolledDateTime: isoDate(enrolled),
    lastSyncDateTime: isoDate(lastSync),
    model,
    manufacturer,
    serialNumber: uniqueSerial(platform.serial),
    imei: platform.hasImei ? imei() : '',
    azureADRegistered: true,
    azureADDeviceId: azureId,
    deviceRegistrationState: 'registered',
    isSupervised: platform.supervised && owner === 'company',
    isEncrypted: true,
    enrollmentProfileName: owner === 'company' ? platform.profile : null,
    roleScopeTagIds: ['0'],
  };
  managedDevices.push(device);
  entraDevices.push({
    id: entraObjectId(n),
    deviceId: azureId,
    displayName: device.deviceName,
    operatingSystem: platform.operatingSystem,
    operatingSystemVersion: device.osVersion,
    accountEnabled: true,
    trustType: platform.trustType,
  });
  return device;
}

const user = (id: string) => userById.get(id)!;
const firstName = (u: SeedUser) => u.givenName.toUpperCase().replace(/[^A-Z]/g, '');
const hana = user(operatorId(1));
const liam = user(endUserId(1));

// Notable devices first, so their ids (e1000000-0000-4000-8000-0000000000NN) stay fixed.
addDevice('iPhone', hana, { name: 'HANA-IPHONE-01' }); // 001
addDevice('iPhone', liam, { name: 'LIAM-IPHONE-01' }); // 002
addDevice('iPad', liam, { name: 'LIAM-IPAD-01' }); // 003
addDevice('workProfile', liam, { name: 'LIAM-PIXEL-01' }); // 004
addDevice('fullyManaged', liam, { name: 'CORP-ANDROID-0001' }); // 005
addDevice('windows', liam, { name: 'LT-0001' }); // 006
addDevice('macOS', liam, { name: 'MBP-0001' }); // 007
addDevice('dedicated', undefined, { name: 'KIOSK-LDN-LOBBY-01' }); // 008
addDevice('corporateWorkProfile', user(endUserId(3)), { name: 'COPE-0001' }); // 009
addDevice('deviceAdmin', user(endUserId(4)), { name: 'LEGACY-ANDROID-01' }); // 010
addDevice('iPad', undefined, { name: 'SPARE-IPAD-01' }); // 011
addDevice('windows', undefined, { name: 'BACKUP-LT-01' }); // 012 (userless spare, contains "LT-")
addDevice('windows', user(endUserId(27)), { name: 'BACKUP-LT-02' }); // 013
addDevice('iPhone', user(endUserId(2)), { name: 'JOHANNA-IPHONE-01' }); // 014
addDevice('iPhone', user(endUserId(22)), { name: 'SHANA-IPHONE-01', owner: 'personal' }); // 015 (contains "HANA")
addDevice('workProfile', user(operatorId(3)), {}); // 016 default name ava.approver_AndroidForWork_...
addDevice('iPhone', user(endUserId(19)), { name: 'OBRIEN-IPHONE-01' }); // 017
addDevice('iPhone', user(endUserId(10)), { name: 'iPhone' }); // 018 never renamed
addDevice('iPhone', user(endUserId(13)), { name: 'iPhone' }); // 019 never renamed
addDevice('windows', hana, { name: 'LT-0002' }); // 020
addDevice('iPhone', user(endUserId(7)), { name: 'AMARA-IPHONE-01', stale: true, complianceState: 'noncompliant' }); // 021

const withDevice = new Set(managedDevices.map((device) => `${device.userId}:${device.deviceType}`));
const hasPlatform = (u: SeedUser, deviceType: string) => withDevice.has(`${u.id}:${deviceType}`);

// Windows laptops LT-0003..LT-0140 shared round-robin over every user, so "LT-" matches well over 100 devices.
const everyone = [...users];
for (let n = 3; n <= 140; n += 1) {
  addDevice('windows', everyone[(n * 7) % everyone.length], { name: `LT-${String(n).padStart(4, '0')}`, stale: n % 23 === 0 });
}
for (let n = 1; n <= 18; n += 1) {
  addDevice('windows', pick(everyone), { name: `DESKTOP-${randomChars(upperAlnum, 7)}` });
}

// One iPhone per user who has none, a second for some.
for (const u of everyone) {
  if (!hasPlatform(u, 'iPhone')) {
    addDevice('iPhone', u, { name: `${firstName(u)}-IPHONE-01`, owner: random() < 0.3 ? 'personal' : 'company' });
  }
}
for (const u of endUsers.slice(4, 10)) {
  addDevice('iPhone', u, { name: `${firstName(u)}-IPHONE-02`, owner: 'personal' });
}
for (const u of endUsers.slice(10, 24)) {
  addDevice('iPad', u, { name: `${firstName(u)}-IPAD-01` });
}

// Android personally-owned work profile: some renamed, some with the Intune default name.
for (const [index, u] of endUsers.slice(14, 38).entries()) {
  addDevice('workProfile', u, index % 3 === 0 ? {} : { name: `${firstName(u)}-${pick(['PIXEL', 'GALAXY', 'MOTO'])}-01` });
}
for (let n = 2; n <= 15; n += 1) {
  addDevice('fullyManaged', endUsers[(n * 5) % endUsers.length], { name: `CORP-ANDROID-${String(n).padStart(4, '0')}` });
}
for (const name of ['KIOSK-LDN-LOBBY-02', 'KIOSK-SEA-LOBBY-01', 'KIOSK-SEA-WAREHOUSE-01', 'KIOSK-SEA-WAREHOUSE-02', 'KIOSK-BER-DOCK-01', 'KIOSK-BER-DOCK-02', 'KIOSK-MAD-RECEPTION-01']) {
  addDevice('dedicated', undefined, { name });
}
for (let n = 2; n <= 10; n += 1) {
  addDevice('corporateWorkProfile', endUsers[(n * 3) % endUsers.length], { name: `COPE-${String(n).padStart(4, '0')}` });
}
for (let n = 2; n <= 6; n += 1) {
  addDevice('deviceAdmin', endUsers[(n * 11) % endUsers.length], { name: `LEGACY-ANDROID-${String(n).padStart(2, '0')}` });
}
for (let n = 2; n <= 24; n += 1) {
  addDevice('macOS', endUsers[(n * 13) % endUsers.length], { name: `MBP-${String(n).padStart(4, '0')}` });
}

const deviceObjectIdByName = new Map(managedDevices.map((device, index) => [device.deviceName, entraDevices[index]!.id]));
const deviceObject = (name: string) => deviceObjectIdByName.get(name)!;

// ---------------------------------------------------------------- groups

const created = (n: number) => isoDate(new Date(Date.UTC(2022, 2, 1) + n * 3 * 86_400_000));

function securityGroup(n: number, displayName: string, description: string, members: string[], extra: Partial<SeedGroup> = {}): SeedGroup {
  return {
    id: groupId(n),
    displayName,
    description,
    mailNickname: displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    isAssignableToRole: false,
    createdDateTime: created(n),
    members,
    ...extra,
  };
}

const departments = ['Sales', 'Marketing', 'Finance', 'HR', 'Engineering', 'Operations', 'Legal', 'IT', 'Customer Support', 'Communications'];
const departmentGroupNumber = (department: string) => 13 + departments.indexOf(department);
const usersIn = (predicate: (u: SeedUser) => boolean) => users.filter(predicate).map((u) => u.id);
const londonEndUsers = endUsers.filter((u) => u.city === 'London').map((u) => u.id);

const groups: SeedGroup[] = [
  securityGroup(1, 'Intune Helpdesk', 'Service desk staff with the Intune Help Desk Operator role.', [operatorId(1), groupId(2)]),
  securityGroup(2, 'Helpdesk Tier 2', 'Second-line service desk; nested in Intune Helpdesk.', [operatorId(8)]),
  securityGroup(3, 'Comms Broadcasters', 'May create organisation-wide custom notifications.', [operatorId(2)]),
  securityGroup(4, 'Broadcast Approvers', 'Approve broadcast notifications before they are sent.', [operatorId(3), groupId(5)]),
  securityGroup(5, 'Comms Leads', 'Communications leads; nested in Broadcast Approvers.', [operatorId(14)]),
  securityGroup(6, 'Intune Admins', 'Role-assignable group holding the Entra Intune Administrator role.', [operatorId(5)], { isAssignableToRole: true }),
  securityGroup(7, 'Notification Senders', 'Custom role that only allows sending custom notifications.', [operatorId(7)]),
  securityGroup(8, 'Intune Superusers', 'Custom role allowing every Intune action.', [operatorId(9)]),
  securityGroup(9, 'Restricted Helpdesk', 'Custom role whose custom-notification permission is also denied.', [operatorId(10)]),
  securityGroup(10, 'Helpdesk - London', 'Help Desk Operator scoped to London Users.', [operatorId(11)]),
  securityGroup(11, 'London Users', 'Users and devices of the London office (scope group).', [...londonEndUsers, deviceObject('KIOSK-LDN-LOBBY-01'), deviceObject('KIOSK-LDN-LOBBY-02')]),
  securityGroup(12, 'All Staff', 'Every department group.', departments.map((department) => groupId(departmentGroupNumber(department)))),
  ...departments.map((department) =>
    securityGroup(departmentGroupNumber(department), `Dept - ${department}`, `Members of the ${department} department.`, usersIn((u) => u.department === department)),
  ),
  securityGroup(23, 'Seattle Office', 'People based in Seattle.', usersIn((u) => u.city === 'Seattle')),
  securityGroup(24, 'iOS Pilot Users', 'Early adopters of new iOS builds.', [endUserId(1), endUserId(5), endUserId(10), endUserId(22), operatorId(1)]),
  securityGroup(25, 'Field Engineers', 'Microsoft 365 group of the field engineering team.', [endUserId(6), endUserId(13), endUserId(30), endUserId(21)], {
    mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'],
  }),
  securityGroup(26, 'Kiosk Devices', 'Dedicated Android kiosks; contains devices only, no users.', managedDevices
    .filter((device) => device.deviceEnrollmentType === 'androidEnterpriseDedicatedDevice')
    .map((device) => deviceObject(device.deviceName))),
  securityGroup(27, 'Windows Autopilot Devices', 'Autopilot-registered Windows devices.', ['LT-0001', 'LT-0002', 'LT-0003', 'BACKUP-LT-01'].map(deviceObject)),
  securityGroup(28, 'Retired Project Team', 'Former project team; no members left.', []),
];

// Manny Groups belongs to 250 project groups, enough for transitiveMemberOf to page even at 100 per page.
const codenames = ['Atlas', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Indigo', 'Juniper'];
for (let n = 101; n <= 350; n += 1) {
  const unified = n % 5 === 0;
  const name = `Project ${codenames[n % codenames.length]} ${String(n - 100).padStart(3, '0')}`;
  const members = [operatorId(12), ...(n % 7 === 0 ? [endUserId((n % 40) + 1)] : [])];
  groups.push(securityGroup(n, name, `Workstream ${n - 100} of project ${codenames[n % codenames.length]}.`, members, unified
    ? { mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] }
    : {}));
}

// ---------------------------------------------------------------- roles

const helpDeskActions = [
  'Microsoft.Intune_Audit_Read',
  'Microsoft.Intune_CorporateDeviceIdentifiers_Read',
  'Microsoft.Intune_DeviceCompliancePolices_Read',
  'Microsoft.Intune_DeviceConfigurations_Read',
  'Microsoft.Intune_EndpointAnalytics_Read',
  'Microsoft.Intune_ManagedApps_Read',
  'Microsoft.Intune_ManagedApps_Wipe',
  actions.managedDevicesRead,
  'Microsoft.Intune_ManagedDevices_Update',
  'Microsoft.Intune_ManagedDevices_SetPrimaryUser',
  'Microsoft.Intune_ManagedDevices_ViewReports',
  'Microsoft.Intune_MobileApps_Read',
  actions.organizationRead,
  'Microsoft.Intune_RemoteTasks_BypassActivationLock',
  'Microsoft.Intune_RemoteTasks_CleanPC',
  actions.customNotification,
  'Microsoft.Intune_RemoteTasks_DisableLostMode',
  'Microsoft.Intune_RemoteTasks_EnableLostMode',
  'Microsoft.Intune_RemoteTasks_GetFileVaultKey',
  'Microsoft.Intune_RemoteTasks_LocateDevice',
  'Microsoft.Intune_RemoteTasks_ManageSharedDeviceUsers',
  'Microsoft.Intune_RemoteTasks_PlayLostModeSound',
  'Microsoft.Intune_RemoteTasks_RebootNow',
  'Microsoft.Intune_RemoteTasks_RemoteLock',
  'Microsoft.Intune_RemoteTasks_RequestRemoteAssistance',
  'Microsoft.Intune_RemoteTasks_ResetPasscode',
  'Microsoft.Intune_RemoteTasks_Retire',
  'Microsoft.Intune_RemoteTasks_RotateBitLockerKeys',
  'Microsoft.Intune_RemoteTasks_RotateFileVaultKey',
  'Microsoft.Intune_RemoteTasks_ShutDown',
  'Microsoft.Intune_RemoteTasks_SyncDevice',
  'Microsoft.Intune_RemoteTasks_Wipe',
  'Microsoft.Intune_RemoteTasks_WindowsDefender',
  'Microsoft.Intune_Roles_Read',
  'Microsoft.Intune_TermsAndConditions_Read',
];

const readOnlyActions = helpDeskActions.filter((action) => action.endsWith('_Read') || action.endsWith('_ViewReports'));

const grant = (allowed: string[], notAllowed: string[] = []) => [{ actions: [], resourceActions: [{ allowedResourceActions: allowed, notAllowedResourceActions: notAllowed }] }];
const legacyGrant = (allowed: string[], notAllowed: string[] = []) => [{ actions: allowed, resourceActions: [{ allowedResourceActions: allowed, notAllowedResourceActions: notAllowed }] }];

function builtInRole(id: string, displayName: string, description: string, allowed: string[]): SeedRoleDefinition {
  return {
    id, displayName, description, isBuiltIn: true, isBuiltInRoleDefinition: true, roleScopeTagIds: ['0'],
    rolePermissions: grant(allowed), permissions: legacyGrant(allowed),
  };
}

function customRole(n: number, displayName: string, description: string, permissions: Pick<SeedRoleDefinition, 'rolePermissions' | 'permissions'>): SeedRoleDefinition {
  return { id: customRoleId(n), displayName, description, isBuiltIn: false, isBuiltInRoleDefinition: false, roleScopeTagIds: ['0'], ...permissions };
}

const helpDeskOperatorId = '9e0cc482-82df-4ab2-a24c-0c23a3f52e1e';
const roleDefinitions: SeedRoleDefinition[] = [
  builtInRole(helpDeskOperatorId, 'Help Desk Operator', 'Help Desk Operators perform remote tasks on users and devices, and can assign applications or policies to users or devices.', helpDeskActions),
  builtInRole('fa1d7878-e8cb-41a1-8254-0142355c9f84', 'Read Only Operator', 'Read Only Operators view user, device, enrollment, configuration, and application information and cannot make changes to Intune.', readOnlyActions),
  builtInRole('fb2603eb-3c87-4be3-8b5b-d58a5b4a0bc0', 'Intune Role Administrator', 'Intune Role Administrators manage custom Intune roles and add assignments for built-in Intune roles.', [
    actions.organizationRead, 'Microsoft.Intune_Roles_Create', 'Microsoft.Intune_Roles_Read', 'Microsoft.Intune_Roles_Update', 'Microsoft.Intune_Roles_Delete', 'Microsoft.Intune_Roles_Assign',
  ]),
  customRole(1, 'Notification Broadcaster', 'Sends custom notifications to groups (tenant-level organization settings).', {
    rolePermissions: grant([actions.organizationUpdate, actions.organizationRead]),
  }),
  customRole(2, 'Custom Notification Sender', 'Only the custom-notification remote task, without device read access.', {
    rolePermissions: grant([actions.customNotification]),
  }),
  customRole(3, 'Intune Superuser', 'Every Intune action. Defined through the legacy permissions property only.', {
    permissions: legacyGrant(['*']),
  }),
  customRole(4, 'Restricted Helpdesk', 'Lists custom notifications as allowed and also as not allowed, so it is not granted.', {
    rolePermissions: grant([actions.customNotification, actions.managedDevicesRead, actions.organizationRead], [actions.customNotification]),
  }),
];

const roleAssignments: Seed['roleAssignments'] = [
  {
    id: assignmentId(1), roleDefinitionId: helpDeskOperatorId, displayName: 'Helpdesk - all devices', description: 'Service desk, whole tenant.',
    members: [groupId(1)], scopeMembers: [], resourceScopes: [], scopeType: 'allDevicesAndLicensedUsers', roleScopeTagIds: ['0'],
  },
  {
    id: assignmentId(2), roleDefinitionId: customRoleId(1), displayName: 'Comms broadcasters', description: 'Group broadcasts.',
    members: [groupId(3)], scopeMembers: [], resourceScopes: [], scopeType: 'allLicensedUsers', roleScopeTagIds: ['0'],
  },
  {
    id: assignmentId(3), roleDefinitionId: customRoleId(2), displayName: 'Notification senders', description: 'Custom notifications only.',
    members: [groupId(7)], scopeMembers: [], resourceScopes: [], scopeType: 'allDevices', roleScopeTagIds: ['0'],
  },
  {
    id: assignmentId(4), roleDefinitionId: customRoleId(3), displayName: 'Intune superusers', description: 'Everything.',
    members: [groupId(8)], scopeMembers: [], resourceScopes: [], scopeType: 'allDevicesAndLicensedUsers', roleScopeTagIds: ['0'],
  },
  {
    id: assignmentId(5), roleDefinitionId: customRoleId(4), displayName: 'Restricted helpdesk', description: 'Trainees.',
    members: [groupId(9)], scopeMembers: [], resourceScopes: [], scopeType: 'allDevices', roleScopeTagIds: ['0'],
  },
  {
    id: assignmentId(6), roleDefinitionId: helpDeskOperatorId, displayName: 'Helpdesk - London', description: 'Service desk for London users and devices only.',
    members: [groupId(10)], scopeMembers: [groupId(11)], resourceScopes: [groupId(11)], scopeType: 'resourceScope', roleScopeTagIds: ['0'],
  },
];

const directoryRoles: Seed['directoryRoles'] = [
  {
    id: directoryRoleId(1), displayName: 'Global Administrator', roleTemplateId: templates.globalAdministrator, members: [operatorId(6)],
    description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
  },
  {
    id: directoryRoleId(2), displayName: 'Intune Administrator', roleTemplateId: templates.intuneAdministrator, members: [groupId(6)],
    description: 'Can manage all aspects of the Intune product.',
  },
  {
    id: directoryRoleId(3), displayName: 'Global Reader', roleTemplateId: templates.globalReader, members: [operatorId(13)],
    description: 'Can read everything that a Global Administrator can, but not update anything.',
  },
];

// ---------------------------------------------------------------- write

const seed: Seed = seedSchema.parse({
  tenantId, domain, users, groups, devices: entraDevices, directoryRoles, roleDefinitions, roleAssignments, managedDevices,
});
writeFileSync(seedFileUrl, `${JSON.stringify(seed, null, 1)}\n`);
process.stdout.write(`Wrote ${fileURLToPath(seedFileUrl)}: ${seed.users.length} users, ${seed.groups.length} groups, ${seed.managedDevices.length} managed devices\n`);
