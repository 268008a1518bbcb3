/**
 * A parser for the small OData $filter subset the simulated endpoints support:
 * startswith/endswith/contains(property,'text'), property eq|ne literal, property in (literals),
 * combined with and, or, not and parentheses. Each endpoint family evaluates the tree its own way
 * (see filterManagedDevices and queryDirectory).
 */
export type FilterLiteral = string | boolean | null;

export type FilterNode =
  | { kind: 'function'; name: 'startswith' | 'endswith' | 'contains'; property: string; value: string }
  | { kind: 'compare'; operator: 'eq' | 'ne'; property: string; value: FilterLiteral }
  | { kind: 'in'; property: string; values: FilterLiteral[] }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'punct'; value: '(' | ')' | ',' }
  | { type: 'string'; value: string }
  | { type: 'word'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: 'punct', value: char });
      index += 1;
      continue;
    }
    if (char === "'") {
      const { value, end } = readString(text, index);
      tokens.push({ type: 'string', value });
      index = end;
      continue;
    }
    const word = /^[A-Za-z0-9_.\-/:]+/.exec(text.slice(index));
    if (!word) {
      throw new FilterSyntaxError(`Syntax error: character '${char}' is not valid at position ${index} in '${text}'.`);
    }
    tokens.push({ type: 'word', value: word[0] });
    index += word[0].length;
  }
  return tokens;
}

/** Reads a quoted literal starting at `start`; a doubled quote ('') is one quote, as OData specifies. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char !== "'") {
      value += char;
      index += 1;
      continue;
    }
    if (text[index + 1] === "'") {
      value += "'";
      index += 2;
      continue;
    }
    return { value, end: index + 1 };
  }
  throw new FilterSyntaxError(`Syntax error: unterminated string literal at position ${start} in '${text}'.`);
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): FilterNode {
    const node = this.parseOr();
    if (this.position < this.tokens.length) {
      throw this.error(`'${this.describe(this.tokens[this.position]!)}' follows the end of the expression`);
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.position += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.position += 1;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isKeyword('not')) {
      this.position += 1;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    if (this.isPunct('(')) {
      this.position += 1;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }

    const word = this.expectWord();
    if (this.isPunct('(')) {
      return this.parseFunction(word);
    }

    const operator = this.expectWord().toLowerCase();
    if (operator === 'eq' || operator === 'ne') {
      return { kind: 'compare', operator, property: word, value: this.parseLiteral() };
    }
    if (operator === 'in') {
      return { kind: 'in', property: word, values: this.parseLiteralList() };
    }
    throw this.error(`operator '${operator}' is not supported`);
  }

  private parseFunction(name: string): FilterNode {
    const lowered = name.toLowerCase();
    if (lowered !== 'startswith' && lowered !== 'endswith' && lowered !== 'contains') {
      throw this.error(`function '${name}' is not supported`);
    }
    this.expectPunct('(');
    const property = this.expectWord();
    this.expectPunct(',');
    const value = this.parseLiteral();
    if (typeof value !== 'string') {
      throw this.error(`${name} needs a string literal`);
    }
    this.expectPunct(')');
    return { kind: 'function', name: lowered, property, value };
  }

  private parseLiteralList(): FilterLiteral[] {
    this.expectPunct('(');
    const values = [this.parseLiteral()];
    while (this.isPunct(',')) {
      this.position += 1;
      values.push(this.parseLiteral());
    }
    this.expectPunct(')');
    return values;
  }

  private parseLiteral(): FilterLiteral {
    const token = this.tokens[this.position];
    if (token?.type === 'string') {
      this.position += 1;
      return token.value;
    }
    if (token?.type === 'word' && ['true', 'false', 'null'].includes(token.value)) {
      this.position += 1;
      return token.value === 'null' ? null : token.value === 'true';
    }
    throw this.error(token ? `expected a literal but found '${this.describe(token)}'` : 'expected a literal at the end');
  }

  private isKeyword(keyword: string): boolean {
    const token = this.tokens[this.position];
    return token?.type === 'word' && token.value.toLowerCase() === keyword;
  }

  private isPunct(value: string): boolean {
    const token = this.tokens[this.position];
    return token?.type === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) {
      const token = this.tokens[this.position];
      throw this.error(token ? `expected '${value}' but found '${this.describe(token)}'` : `expected '${value}' at the end`);
    }
    this.position += 1;
  }

  private expectWord(): string {
    const token = this.tokens[this.position];
    if (token?.type !== 'word') {
      throw this.error(token ? `expected a property name but found '${this.describe(token)}'` : 'expected a property name at the end');
    }
    this.position += 1;
    return token.value;
  }

  private describe(token: Token): string {
    return token.type === 'string' ? `'${token.value}'` : token.value;
  }

  private error(detail: string): FilterSyntaxError {
    return new FilterSyntaxError(`Invalid filter clause: ${detail} in '${this.source}'.`);
  }
}

/** Parses an OData $filter expression. Throws FilterSyntaxError for anything outside the supported subset. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) {
    throw new FilterSyntaxError('Invalid filter clause: the expression is empty.');
  }
  return new Parser(tokens, text).parse();
}
