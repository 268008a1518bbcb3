import type { IncomingHttpHeaders } from 'node:http';
import { badRequest, GraphHttpError, unsupportedQuery } from './graph-error.js';
import { parseFilter, FilterSyntaxError, type FilterLiteral, type FilterNode } from './odata-filter.js';
import { queryOption } from './odata.js';
import { isEventual } from './router.js';

/**
 * Query rules of one Entra (directory) resource for $filter, $search and $orderby. Unlike Intune,
 * the directory evaluates filters correctly and rejects properties it cannot filter on.
 */
export interface DirectoryQuerySpec {
  /** Resource name used in error messages, e.g. "User". */
  resource: string;
  /** Properties allowed in eq, ne and in. */
  filterable: readonly string[];
  /** Properties allowed in startswith. */
  prefixFilterable: readonly string[];
  /** Properties allowed in $search="property:text". */
  searchable: readonly string[];
  orderable: readonly string[];
}

export const userQuerySpec: DirectoryQuerySpec = {
  resource: 'User',
  filterable: ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'accountEnabled', 'jobTitle', 'department', 'city', 'usageLocation', 'userType'],
  prefixFilterable: ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'jobTitle', 'department', 'city'],
  searchable: ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'jobTitle', 'department'],
  orderable: ['displayName', 'userPrincipalName'],
};

export const groupQuerySpec: DirectoryQuerySpec = {
  resource: 'Group',
  filterable: ['id', 'displayName', 'mailNickname', 'mail', 'mailEnabled', 'securityEnabled', 'isAssignableToRole'],
  prefixFilterable: ['displayName', 'mailNickname', 'mail'],
  searchable: ['displayName', 'description', 'mailNickname', 'mail'],
  orderable: ['displayName'],
};

export const deviceQuerySpec: DirectoryQuerySpec = {
  resource: 'Device',
  filterable: ['id', 'deviceId', 'displayName', 'operatingSystem', 'operatingSystemVersion', 'accountEnabled', 'trustType'],
  prefixFilterable: ['displayName', 'operatingSystem'],
  searchable: ['displayName'],
  orderable: ['displayName'],
};

/** directoryObject collections (memberOf, members) hold several types; filters address their common properties. */
export const directoryObjectQuerySpec: DirectoryQuerySpec = {
  resource: 'DirectoryObject',
  filterable: ['id', 'displayName', 'securityEnabled', 'mailEnabled', 'roleTemplateId', 'userPrincipalName'],
  prefixFilterable: ['displayName', 'userPrincipalName', 'mail'],
  searchable: ['displayName', 'description', 'userPrincipalName', 'mail'],
  orderable: ['displayName'],
};

type Row = Record<string, unknown>;

function canonicalProperty(name: string, allowed: readonly string[]): string | undefined {
  return allowed.find((property) => property.toLowerCase() === name.toLowerCase());
}

function unsupportedProperty(spec: DirectoryQuerySpec, property: string): GraphHttpError {
  return unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${spec.resource}'.`);
}

function equals(actual: unknown, expected: FilterLiteral): boolean {
  if (expected === null) {
    return actual === null || actual === undefined;
  }
  if (typeof expected === 'boolean') {
    return actual === expected;
  }
  return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
}

function evaluate(node: FilterNode, row: Row, spec: DirectoryQuerySpec, advanced: boolean): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, row, spec, advanced) && evaluate(node.right, row, spec, advanced);
    case 'or':
      return evaluate(node.left, row, spec, advanced) || evaluate(node.right, row, spec, advanced);
    case 'not':
      if (!advanced) {
        throw unsupportedQuery("The 'not' operator needs advanced query mode: send the header 'ConsistencyLevel: eventual' and $count=true.");
      }
      return !evaluate(node.operand, row, spec, advanced);
    case 'function': {
      const property = canonicalProperty(node.property, spec.prefixFilterable);
      if (property === undefined || node.name !== 'startswith') {
        throw unsupportedProperty(spec, node.property);
      }
      const actual = row[property];
      return typeof actual === 'string' && actual.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case 'compare': {
      const property = canonicalProperty(node.property, spec.filterable);
      if (property === undefined) {
        throw unsupportedProperty(spec, node.property);
      }
      if (node.operator === 'ne' && !advanced) {
        throw unsupportedQuery("The 'ne' operator needs advanced query mode: send the header 'ConsistencyLevel: eventual' and $count=true.");
      }
      const same = equals(row[property], node.value);
      return node.operator === 'eq' ? same : !same;
    }
    case 'in': {
      const property = canonicalProperty(node.property, spec.filterable);
      if (property === undefined) {
        throw unsupportedProperty(spec, node.property);
      }
      return node.values.some((value) => equals(row[property], value));
    }
  }
}

interface SearchClause {
  property: string;
  words: string[];
}

const wordsOf = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Parses $search="property:text" clauses joined by AND or OR (one operator kind per expression). */
function parseSearch(text: string, spec: DirectoryQuerySpec): { clauses: SearchClause[]; operator: 'AND' | 'OR' } {
  const clausePattern = /^"([^":]+):([^"]*)"$/;
  const parts = text.trim().split(/\s+(AND|OR)\s+/);
  const operators = parts.filter((_, index) => index % 2 === 1);
  const operator = operators[0] === 'AND' ? 'AND' : 'OR';
  if (operators.some((value) => value !== operator)) {
    throw badRequest(`Invalid $search '${text}': mixing AND and OR is not supported by the simulated tenant.`);
  }

  const clauses = parts.filter((_, index) => index % 2 === 0).map((part) => {
    const match = clausePattern.exec(part.trim());
    if (!match) {
      throw badRequest(`Syntax error in $search '${text}': each clause must look like "displayName:text" in double quotes.`);
    }
    const property = canonicalProperty(match[1]!.trim(), spec.searchable);
    if (property === undefined) {
      throw unsupportedQuery(`Unsupported or invalid $search property '${match[1]}' for resource '${spec.resource}'.`);
    }
    return { property, words: wordsOf(match[2]!) };
  });
  return { clauses, operator };
}

/** Directory search is token based: every word of the term must start some word of the property value. */
function searchMatches(row: Row, clause: SearchClause): boolean {
  const value = row[clause.property];
  if (typeof value !== 'string') {
    return false;
  }
  const valueWords = wordsOf(value);
  return clause.words.every((word) => valueWords.some((candidate) => candidate.startsWith(word)));
}

function compareBy(property: string, descending: boolean) {
  return (left: Row, right: Row) => {
    const order = String(left[property] ?? '').localeCompare(String(right[property] ?? ''), 'en', { sensitivity: 'base' });
    return descending ? -order : order;
  };
}

/**
 * Applies $filter, $search and $orderby to directory rows. `search` needs the ConsistencyLevel
 * header, as in Graph; so do `not` and `ne`.
 */
export function queryDirectory<T extends Row>(rows: T[], query: URLSearchParams, headers: IncomingHttpHeaders, spec: DirectoryQuerySpec): T[] {
  const advanced = isEventual(headers);
  let result = rows;

  const filterText = queryOption(query, 'filter');
  if (filterText !== undefined) {
    const tree = parseDirectoryFilter(filterText);
    result = result.filter((row) => evaluate(tree, row, spec, advanced));
  }

  const searchText = queryOption(query, 'search');
  if (searchText !== undefined) {
    if (!advanced) {
      throw unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    const search = parseSearch(searchText, spec);
    result = result.filter((row) => search.operator === 'AND'
      ? search.clauses.every((clause) => searchMatches(row, clause))
      : search.clauses.some((clause) => searchMatches(row, clause)));
  }

  const orderText = queryOption(query, 'orderby');
  if (orderText !== undefined) {
    const [name = '', direction = 'asc'] = orderText.trim().split(/\s+/);
    const property = canonicalProperty(name, spec.orderable);
    if (property === undefined || !['asc', 'desc'].includes(direction.toLowerCase())) {
      throw unsupportedQuery(`Sorting by '${orderText}' is not supported for resource '${spec.resource}'.`);
    }
    result = [...result].sort(compareBy(property, direction.toLowerCase() === 'desc'));
  }
  return result;
}

export function parseDirectoryFilter(text: string): FilterNode {
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new GraphHttpError(400, 'BadRequest', error.message);
    }
    throw error;
  }
}

/** Refuses $count=true without the ConsistencyLevel header, as Graph does for directory objects. */
export function assertCountAllowed(countRequested: boolean, headers: IncomingHttpHeaders): void {
  if (countRequested && !isEventual(headers)) {
    throw new GraphHttpError(400, 'Request_BadRequest', "$count=true needs the request header 'ConsistencyLevel: eventual'.");
  }
}
