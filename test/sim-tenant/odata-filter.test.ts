import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../bot/sim-tenant/odata-filter.js';

describe('parseFilter', () => {
  it('reads startswith', () => {
    expect(parseFilter("startswith(deviceName,'LT-')")).toEqual({ kind: 'function', name: 'startswith', property: 'deviceName', value: 'LT-' });
  });

  it('reads function names in any case', () => {
    expect(parseFilter("startsWith(deviceName,'a')")).toMatchObject({ kind: 'function', name: 'startswith' });
  });

  it('unescapes doubled quotes', () => {
    expect(parseFilter("userPrincipalName eq 'jack.o''brien@x'")).toMatchObject({ value: "jack.o'brien@x" });
  });

  it('keeps spaces and unicode in literals', () => {
    expect(parseFilter("displayName eq 'Thomas Müller 🎉'")).toMatchObject({ value: 'Thomas Müller 🎉' });
  });

  it('binds and tighter than or', () => {
    const tree = parseFilter("a eq '1' or b eq '2' and c eq '3'");

    expect(tree).toMatchObject({ kind: 'or', left: { property: 'a' }, right: { kind: 'and' } });
  });

  it('honours parentheses', () => {
    const tree = parseFilter("(a eq '1' or b eq '2') and c eq '3'");

    expect(tree).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('reads in lists and booleans', () => {
    expect(parseFilter("id in ('x','y')")).toEqual({ kind: 'in', property: 'id', values: ['x', 'y'] });
    expect(parseFilter('accountEnabled eq false')).toMatchObject({ value: false });
  });

  it.each([
    ["startswith(deviceName,'LT-'"],
    ["deviceName eq 'open"],
    ['deviceName eq'],
    ["deviceName gt 'a'"],
    ["substringof('a',deviceName)"],
    ["groupTypes/any(c:c eq 'Unified')"],
    ["deviceName eq 'a' extra"],
    [''],
    ['deviceName eq "double"'],
  ])('rejects %s', (text) => {
    expect(() => parseFilter(text)).toThrow(/filter clause|Syntax error/);
  });
});
