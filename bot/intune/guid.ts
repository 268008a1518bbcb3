const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tests whether `value` is a GUID in the 8-4-4-4-12 hex form that Entra and Intune object ids use.
 * Ids from card data can be forged, so only a value that passes goes into a Graph URL.
 */
export function isGuid(value: string): boolean {
  return guidPattern.test(value);
}
