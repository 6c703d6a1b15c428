import { InProcessBus } from '@ogustine-qbo/adapters/in-process';
import { describe, expect, it } from 'vitest';
import { runOperatorCommand } from './operator-commands.js';

const body = new TextEncoder().encode('{}');

describe('operator commands', () => {
  it('list the dead letters with their reason, and replay the ones named', async () => {
    const bus = new InProcessBus();
    let handled = 0;
    let broken = true;
    (
      await bus.consume(async () => (broken ? { kind: 'dead-letter', reason: 'unknown event version' } : ((handled += 1), { kind: 'ack' })))
    )._unsafeUnwrap();
    for (const id of ['e1', 'e2']) (await bus.publish({ routingKey: 'invoice.validated', messageId: id, body }))._unsafeUnwrap();
    while ((await bus.deadLetters())._unsafeUnwrap().length < 2) await new Promise((resolve) => setImmediate(resolve));
    const lines: string[] = [];
    expect(await runOperatorCommand(['dead-letters'], { bus }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([
      'e1\tinvoice.validated\tunknown event version',
      'e2\tinvoice.validated\tunknown event version',
      '2 dead letter(s)',
    ]);
    broken = false;
    lines.length = 0;
    expect(await runOperatorCommand(['replay', 'e2'], { bus }, (l) => lines.push(l))).toBe(0);
    await bus.close();
    expect(lines).toEqual(['1 dead letter(s) published again']);
    expect(handled).toBe(1);
    expect((await bus.deadLetters())._unsafeUnwrap().map((l) => l.messageId)).toEqual(['e1']);
  });

  it('print the usage for an unknown command', async () => {
    const lines: string[] = [];
    expect(await runOperatorCommand(['purge'], { bus: new InProcessBus() }, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/^usage:/);
  });
});
