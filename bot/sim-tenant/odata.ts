import { badRequest, GraphHttpError } from './graph-error.js';

/** Reads a system query option; Graph accepts it with or without the leading `$`. */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/** Rejects `$` options the endpoint does not implement, so a typo fails loudly instead of being ignored. */
export function assertKnownOptions(query: URLSearchParams, supported: readonly string[]): void {
  for (const key of query.keys()) {
    if (!key.startsWith('$')) {
      continue;
    }
    const name = key.slice(1);
    if (!supported.includes(name) && name !== 'skiptoken') {
      throw badRequest(`Query option '${key}' is not supported by this resource.`);
    }
  }
}

/** Reads $top as a positive whole number no greater than `max`. */
export function readTop(query: URLSearchParams, max: number): number | undefined {
  const text = queryOption(query, 'top');
  if (text === undefined) {
    return undefined;
  }
  const top = Number(text);
  if (!Number.isInteger(top) || top < 1) {
    throw badRequest(`Invalid value '${text}' for query option $top: it must be a positive whole number.`);
  }
  if (top > max) {
    throw badRequest(`Invalid value '${text}' for query option $top: the maximum is ${max}.`);
  }
  return top;
}

/** Reads $count=true|false. */
export function readCount(query: URLSearchParams): boolean {
  const text = queryOption(query, 'count');
  if (text === undefined || text === 'false') {
    return false;
  }
  if (text === 'true') {
    return true;
  }
  throw badRequest(`Invalid value '${text}' for query option $count: use true or false.`);
}

/**
 * Parses $select against the properties the entity type has, returning canonical property names.
 * Graph matches property names case-insensitively and rejects unknown ones.
 */
export function readSelect(query: URLSearchParams, properties: readonly string[], typeName: string): string[] | undefined {
  const text = queryOption(query, 'select');
  if (text === undefined) {
    return undefined;
  }
  const byLowerCase = new Map(properties.map((property) => [property.toLowerCase(), property]));
  return text.split(',').map((raw) => {
    const name = raw.trim();
    const property = byLowerCase.get(name.toLowerCase());
    if (property === undefined) {
      throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
    }
    return property;
  });
}

/** Keeps only the selected properties (plus @odata.type, which Graph sends on derived types anyway). */
export function applySelect(item: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (select === undefined) {
    return item;
  }
  const result: Record<string, unknown> = {};
  if (item['@odata.type'] !== undefined) {
    result['@odata.type'] = item['@odata.type'];
  }
  for (const property of select) {
    result[property] = item[property] ?? null;
  }
  return result;
}

const skipTokenPrefix = 'sim1.';

function encodeSkipToken(offset: number): string {
  return skipTokenPrefix + Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeSkipToken(token: string): number {
  const invalid = () => new GraphHttpError(400, 'BadRequest', `The $skiptoken '${token}' is invalid or has expired.`);
  if (!token.startsWith(skipTokenPrefix)) {
    throw invalid();
  }
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token.slice(skipTokenPrefix.length), 'base64url').toString('utf8'));
    const offset = (decoded as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) {
      return offset;
    }
  } catch {
    // Falls through to the same error as a well-formed but wrong token.
  }
  throw invalid();
}

/** Builds the nextLink: the request URL with every option kept and the skip token replaced. */
function nextLinkFor(requestUrl: URL, origin: string, offset: number): string {
  const parts: string[] = [];
  for (const [key, value] of requestUrl.searchParams) {
    if (key === '$skiptoken' || key === 'skiptoken') {
      continue;
    }
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${origin}${requestUrl.pathname}?${parts.join('&')}`;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/** Cuts one page out of `items` at the offset the request's $skiptoken carries. */
export function pageOf<T>(items: readonly T[], requestUrl: URL, origin: string, pageSize: number): Page<T> {
  const token = queryOption(requestUrl.searchParams, 'skiptoken');
  const offset = token === undefined ? 0 : decodeSkipToken(token);
  const end = offset + pageSize;
  const page = items.slice(offset, end);
  if (end >= items.length) {
    return { items: page };
  }
  return { items: page, nextLink: nextLinkFor(requestUrl, origin, end) };
}

export interface CollectionBodyOptions {
  context: string;
  items: unknown[];
  nextLink?: string;
  count?: number;
}

export function collectionBody(options: CollectionBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.context': options.context };
  if (options.count !== undefined) {
    body['@odata.count'] = options.count;
  }
  if (options.nextLink !== undefined) {
    body['@odata.nextLink'] = options.nextLink;
  }
  body.value = options.items;
  return body;
}

/** Builds the @odata.context URL on the sim's own origin. */
export function contextUrl(origin: string, version: string, fragment: string, options: { select?: string[]; entity?: boolean } = {}): string {
  const selection = options.select === undefined ? '' : `(${options.select.join(',')})`;
  const entity = options.entity ? '/$entity' : '';
  return `${origin}/${version}/$metadata#${fragment}${selection}${entity}`;
}
