export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

/** Reads a live event stream frame by frame, as EventSource would, keeping the last id. */
export class SseReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<string>;
  lastId: string | undefined;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** @returns the next event (comments and the `retry:` preamble skipped), or undefined when the stream ends */
  async next(timeoutMs = 5000): Promise<SseEvent | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = parse(frame);
        if (event === undefined) continue;
        if (event.id !== undefined) this.lastId = event.id;
        return event;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (buffer: ${JSON.stringify(this.buffer)})`);
      const chunk = await Promise.race([this.reader.read(), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), left))]);
      if (chunk === 'late') continue;
      if (chunk.done) return undefined;
      this.buffer += chunk.value;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel();
  }
}

const parse = (frame: string): SseEvent | undefined => {
  let id: string | undefined;
  let event: string | undefined;
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    if (field === 'event') event = value;
    if (field === 'data') data += value;
  }
  return event === undefined ? undefined : { ...(id === undefined ? {} : { id }), event, data };
};
