import { GraphHttpError } from './graph-error.js';
import { parseFilter, FilterSyntaxError, type FilterLiteral, type FilterNode } from './odata-filter.js';
import type { SeedManagedDevice } from './seed.js';

/**
 * Intune's $filter semantics on managedDevices, including the behaviour reported against the
 * real service (Graph docs issues and community scripts, 2020-2024):
 * - startswith(...) matches anywhere in the value, case-insensitively (it behaves like contains);
 * - `a or b` returns only the matches of `a`;
 * - `ne` behaves like `eq`;
 * - a property Intune cannot filter on matches every device instead of failing.
 */
const textProperties = ['deviceName', 'userPrincipalName', 'serialNumber'];
const equalityProperties = [
  ...textProperties,
  'id', 'deviceType', 'deviceEnrollmentType', 'operatingSystem', 'managedDeviceOwnerType', 'userId', 'azureADDeviceId', 'complianceState', 'managementAgent',
];

function canonical(name: string, allowed: readonly string[]): keyof SeedManagedDevice | undefined {
  return allowed.find((property) => property.toLowerCase() === name.toLowerCase()) as keyof SeedManagedDevice | undefined;
}

function equals(actual: unknown, expected: FilterLiteral): boolean {
  if (typeof expected !== 'string') {
    return actual === expected;
  }
  return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
}

function evaluate(node: FilterNode, device: SeedManagedDevice): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, device) && evaluate(node.right, device);
    case 'or':
      return evaluate(node.left, device);
    case 'not':
      return !evaluate(node.operand, device);
    case 'function': {
      const property = canonical(node.property, textProperties);
      if (property === undefined) {
        return true;
      }
      const actual = String(device[property]).toLowerCase();
      const wanted = node.value.toLowerCase();
      return node.name === 'endswith' ? actual.endsWith(wanted) : actual.includes(wanted);
    }
    case 'compare': {
      const property = canonical(node.property, equalityProperties);
      return property === undefined ? true : equals(device[property], node.value);
    }
    case 'in': {
      const property = canonical(node.property, equalityProperties);
      return property === undefined ? true : node.values.some((value) => equals(device[property], value));
    }
  }
}

/** Filters devices with Intune's $filter semantics. A malformed expression is a 400 BadRequest. */
export function filterManagedDevices(devices: SeedManagedDevice[], filterText: string): SeedManagedDevice[] {
  let tree: FilterNode;
  try {
    tree = parseFilter(filterText);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new GraphHttpError(400, 'BadRequest', error.message);
    }
    throw error;
  }
  return devices.filter((device) => evaluate(tree, device));
}

const orderableProperties = ['deviceName', 'userPrincipalName', 'lastSyncDateTime', 'enrolledDateTime', 'serialNumber'];

/** Sorts by one property, "name" or "name desc". */
export function orderManagedDevices(devices: SeedManagedDevice[], orderText: string): SeedManagedDevice[] {
  const [name = '', direction = 'asc'] = orderText.trim().split(/\s+/);
  const property = canonical(name, orderableProperties);
  if (property === undefined || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw new GraphHttpError(400, 'BadRequest', `Sorting by '${orderText}' is not supported.`);
  }
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  return [...devices].sort((left, right) => sign * String(left[property]).localeCompare(String(right[property]), 'en', { sensitivity: 'base' }));
}
