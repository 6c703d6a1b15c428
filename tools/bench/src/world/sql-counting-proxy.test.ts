import { describe, expect, it } from 'vitest';
import { commandReader, statementKind } from './sql-counting-proxy.js';

/** A MySQL packet: 3 bytes of length (little-endian), the sequence id, the payload. */
const packet = (sequence: number, payload: Buffer): Buffer => {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
};
const query = (text: string): Buffer => packet(0, Buffer.concat([Buffer.from([0x03]), Buffer.from(text)]));

describe('the SQL counting proxy', () => {
  it('names a statement by its verb and table', () => {
    expect(statementKind('insert into `document` (`a`) values (?)')).toBe('insert document');
    expect(statementKind('select `x` from `sync_job` as `j` where 1')).toBe('select sync_job');
    expect(statementKind('update `sync_realm` set a = 1')).toBe('update sync_realm');
    expect(statementKind('delete from `sync_job` where 1')).toBe('delete sync_job');
    expect(statementKind('  start transaction')).toBe('begin');
    expect(statementKind('set transaction isolation level read committed')).toBe('set transaction');
    expect(statementKind('COMMIT')).toBe('commit');
    expect(statementKind('select 1')).toBe('select');
  });

  it('counts each command (sequence 0) once, however the stream is cut, and not the packets of a handshake', () => {
    const seen: [string, number][] = [];
    const read = commandReader((kind, bytes) => seen.push([kind, bytes]));
    const stream = Buffer.concat([
      packet(1, Buffer.from('handshake response')),
      query('begin'),
      query('insert into t values (1)'),
      query('commit'),
    ]);
    for (let i = 0; i < stream.length; i += 3) read(stream.subarray(i, i + 3));
    expect(seen).toEqual([
      ['begin', 4 + 6],
      ['insert t', 4 + 25],
      ['commit', 4 + 7],
    ]);
  });
});
