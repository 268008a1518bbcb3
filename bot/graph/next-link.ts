export type GraphVersion = 'v1.0' | 'beta';

export interface RelativeGraphRequest {
  version: GraphVersion;
  /** Path after the version segment, with its query string, starting with "/". */
  path: string;
}

/**
 * Converts an `@odata.nextLink` into a version and relative path under `baseUrl`.
 * The SDK treats only https:// strings as absolute, so an http:// link (the simulated tenant's)
 * passed to `client.api()` would be appended to the base URL. Returns undefined when the link
 * points at another host or outside `${baseUrl}/{v1.0|beta}/`, so the caller never follows it there.
 */
export function toRelativeGraphRequest(nextLink: string, baseUrl: string): RelativeGraphRequest | undefined {
  const base = new URL(baseUrl);
  let url: URL;
  try {
    url = new URL(nextLink, `${base.origin}${base.pathname.replace(/\/*$/, '/')}`);
  } catch {
    return undefined;
  }

  // Protocol may differ from the base (a proxy can rewrite it); the request still goes to the configured base URL.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== base.host) {
    return undefined;
  }

  const basePath = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${basePath}/`)) {
    return undefined;
  }
  const match = /^\/(v1\.0|beta)(\/[^?#]+)$/.exec(url.pathname.slice(basePath.length));
  if (match === null) {
    return undefined;
  }
  return { version: match[1] as GraphVersion, path: `${match[2]}${url.search}` };
}

/** Returns the path with query values removed, e.g. `/users?$filter&$select`, for logs and errors. */
export function toLogPath(path: string): string {
  const queryStart = path.indexOf('?');
  if (queryStart === -1) {
    return path;
  }

  const keys = path
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => pair.split('=', 1)[0])
    .filter((key) => key !== '');
  return keys.length === 0 ? path.slice(0, queryStart) : `${path.slice(0, queryStart)}?${keys.join('&')}`;
}
