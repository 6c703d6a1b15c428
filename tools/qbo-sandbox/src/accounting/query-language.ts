// The subset of QBO's query language clients use (QBO-API.md §1 "Query language"): a tokenizer and a small parser.
import type { QboError } from './qbo-faults.js';
import { faults } from './qbo-faults.js';

export type QueryValue = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';
export interface Condition {
  readonly field: string;
  readonly op: Operator;
  readonly values: readonly QueryValue[];
}
export interface OrderBy {
  readonly field: string;
  readonly descending: boolean;
}
export interface Query {
  readonly count: boolean;
  readonly entity: string;
  readonly where: readonly Condition[];
  readonly orderBy: readonly OrderBy[];
  readonly startPosition?: number;
  readonly maxResults?: number;
}

type Token =
  | { readonly t: 'word'; readonly v: string; readonly at: number }
  | { readonly t: 'string'; readonly v: string; readonly at: number }
  | { readonly t: 'number'; readonly v: number; readonly text: string; readonly at: number }
  | { readonly t: 'punct'; readonly v: string; readonly at: number }
  | { readonly t: 'eof'; readonly at: number };

export type Parsed = { readonly ok: true; readonly query: Query } | { readonly ok: false; readonly error: QboError };

/** Internal to the parser: unwinds to parseQuery, which turns it into a value. */
class ParseError extends Error {
  constructor(readonly error: QboError) {
    super(error.detail);
  }
}

const encountered = (token: Token): ParseError => {
  const text = token.t === 'eof' ? '<EOF>' : token.t === 'string' ? `'${token.v}'` : token.t === 'number' ? token.text : token.v;
  return new ParseError(faults.queryParse(`Encountered "${text}" at line 1, column ${token.at + 1}.`));
};

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const start = i;
    if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length)
          throw new ParseError(
            faults.queryParse(`Lexical error at line 1, column ${text.length + 1}. Encountered: <EOF> after : "'${value}"`),
          );
        const ch = text.charAt(i);
        if (ch === '\\' && i + 1 < text.length) {
          value += text.charAt(i + 1);
          i += 2;
          continue;
        }
        if (ch === "'" && text.charAt(i + 1) === "'") {
          value += "'";
          i += 2;
          continue;
        }
        if (ch === "'") {
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
      tokens.push({ t: 'string', v: value, at: start });
      continue;
    }
    const numberMatch = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (numberMatch !== null && (c !== '-' || /\d/.test(text.charAt(i + 1)))) {
      tokens.push({ t: 'number', v: Number(numberMatch[0]), text: numberMatch[0], at: start });
      i += numberMatch[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (word !== null) {
      tokens.push({ t: 'word', v: word[0], at: start });
      i += word[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
      tokens.push({ t: 'punct', v: two, at: start });
      i += 2;
      continue;
    }
    if ('(),*=<>'.includes(c)) {
      tokens.push({ t: 'punct', v: c, at: start });
      i += 1;
      continue;
    }
    throw new ParseError(faults.queryParse(`Lexical error at line 1, column ${i + 1}. Encountered: "${c}"`));
  }
  tokens.push({ t: 'eof', at: text.length });
  return tokens;
};

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { t: 'eof', at: 0 };
  }
  private next(): Token {
    const t = this.peek();
    this.i += 1;
    return t;
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.v.toUpperCase() === word;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.t === 'punct' && t.v === p;
  }
  private expectWord(word: string): void {
    if (!this.isWord(word)) throw encountered(this.peek());
    this.i += 1;
  }
  private expectPunct(p: string): void {
    if (!this.isPunct(p)) throw encountered(this.peek());
    this.i += 1;
  }
  private identifier(): string {
    const t = this.next();
    if (t.t !== 'word') throw encountered(t);
    return t.v;
  }
  private integer(): number {
    const t = this.next();
    if (t.t !== 'number' || !Number.isInteger(t.v)) throw encountered(t);
    return t.v;
  }
  private value(): QueryValue {
    const t = this.next();
    if (t.t === 'string' || t.t === 'number') return t.v;
    if (t.t === 'word' && /^(true|false)$/i.test(t.v)) return t.v.toLowerCase() === 'true';
    throw encountered(t);
  }

  parse(): Query {
    this.expectWord('SELECT');
    let count = false;
    if (this.isPunct('*')) this.i += 1;
    else if (this.isWord('COUNT')) {
      this.i += 1;
      this.expectPunct('(');
      this.expectPunct('*');
      this.expectPunct(')');
      count = true;
    } else {
      // A projection list is accepted and ignored: QBO documents it unsupported but its own examples use `select Id`.
      this.identifier();
      while (this.isPunct(',')) {
        this.i += 1;
        this.identifier();
      }
    }
    this.expectWord('FROM');
    const entity = this.identifier();
    const where: Condition[] = [];
    if (this.isWord('WHERE')) {
      this.i += 1;
      where.push(this.condition());
      while (this.isWord('AND')) {
        this.i += 1;
        where.push(this.condition());
      }
    }
    const orderBy: OrderBy[] = [];
    if (this.isWord('ORDERBY') || this.isWord('ORDER')) {
      if (this.isWord('ORDER')) {
        this.i += 1;
        this.expectWord('BY');
      } else this.i += 1;
      do {
        if (this.isPunct(',')) this.i += 1;
        const field = this.identifier();
        let descending = false;
        if (this.isWord('DESC')) {
          descending = true;
          this.i += 1;
        } else if (this.isWord('ASC')) this.i += 1;
        orderBy.push({ field, descending });
      } while (this.isPunct(','));
    }
    let startPosition: number | undefined;
    let maxResults: number | undefined;
    for (;;) {
      if (this.isWord('STARTPOSITION') && startPosition === undefined) {
        this.i += 1;
        startPosition = this.integer();
        continue;
      }
      if (this.isWord('MAXRESULTS') && maxResults === undefined) {
        this.i += 1;
        maxResults = this.integer();
        continue;
      }
      break;
    }
    if (this.peek().t !== 'eof') throw encountered(this.peek());
    return {
      count,
      entity,
      where,
      orderBy,
      ...(startPosition === undefined ? {} : { startPosition }),
      ...(maxResults === undefined ? {} : { maxResults }),
    };
  }

  private condition(): Condition {
    const field = this.identifier();
    const t = this.next();
    if (t.t === 'word' && t.v.toUpperCase() === 'IN') {
      this.expectPunct('(');
      const values = [this.value()];
      while (this.isPunct(',')) {
        this.i += 1;
        values.push(this.value());
      }
      this.expectPunct(')');
      return { field, op: 'IN', values };
    }
    if (t.t === 'word' && t.v.toUpperCase() === 'LIKE') {
      const v = this.next();
      if (v.t !== 'string') throw encountered(v);
      return { field, op: 'LIKE', values: [v.v] };
    }
    if (t.t === 'punct' && ['=', '<', '>', '<=', '>='].includes(t.v)) return { field, op: t.v as Operator, values: [this.value()] };
    if (t.t === 'word' && t.v.toUpperCase() === 'OR') throw encountered(t);
    throw encountered(t);
  }
}

/**
 * Parses a QBO query (keywords and entity names case-insensitive; `\'` or `''` inside a string is an apostrophe).
 * @returns ok(query)
 * @returns err 4000 "Error parsing query" naming the token where parsing stopped
 */
export const parseQuery = (text: string): Parsed => {
  try {
    return { ok: true, query: new Parser(tokenize(text)).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.error };
    throw e;
  }
};
