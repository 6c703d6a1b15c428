import { describe, expect, it } from 'vitest';
import { parseQuery } from './query-language.js';

describe('query language parser (QBO-API.md §1 Query language)', () => {
  it('reads count(*), WHERE with AND, IN, LIKE, ORDERBY, STARTPOSITION and MAXRESULTS', () => {
    const parsed = parseQuery(
      "select count(*) from Invoice where TotalAmt >= 10.5 and DocNumber IN ('F1', 'F2') and CustomerRef LIKE '%a' orderby TxnDate desc, Id startposition 3 maxresults 20",
    );
    expect(parsed).toEqual({
      ok: true,
      query: {
        count: true,
        entity: 'Invoice',
        where: [
          { field: 'TotalAmt', op: '>=', values: [10.5] },
          { field: 'DocNumber', op: 'IN', values: ['F1', 'F2'] },
          { field: 'CustomerRef', op: 'LIKE', values: ['%a'] },
        ],
        orderBy: [
          { field: 'TxnDate', descending: true },
          { field: 'Id', descending: false },
        ],
        startPosition: 3,
        maxResults: 20,
      },
    });
  });

  it("unescapes \\' and '' inside strings, as node-quickbooks and QBO write apostrophes", () => {
    const parsed = parseQuery("SELECT * FROM customer WHERE DisplayName = 'King\\'s' AND CompanyName = 'Queen''s' AND Active = true");
    expect(parsed.ok ? parsed.query.where.map((w) => w.values[0]) : []).toEqual(["King's", "Queen's", true]);
  });

  it('refuses OR, a missing FROM and an unterminated string with 4000, naming where it stopped', () => {
    const or = parseQuery("select * from Customer where Id = '1' or Id = '2'");
    expect(or.ok ? '' : or.error.detail).toBe('QueryParserError: Encountered "or" at line 1, column 39.');
    for (const text of ['select *', "select * from Customer where Id = '1", 'select * from Customer maxresults']) {
      const parsed = parseQuery(text);
      expect(parsed.ok ? 'parsed' : parsed.error.code).toBe('4000');
    }
  });
});
