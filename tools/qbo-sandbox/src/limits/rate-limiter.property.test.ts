import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { RateLimiter, type Limit } from './rate-limiter.js';

const limit: Limit = { name: 'l', max: 3, windowMs: 100 };

test.prop([fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }), fc.constantFrom(1, 0.5, 0.01)])(
  'the limiter never admits more than max requests in any scaled window, and admits whenever the window has room',
  (gaps, scale) => {
    const limiter = new RateLimiter(() => scale);
    const window = limit.windowMs * scale;
    const admitted: number[] = [];
    let now = 0;
    for (const gap of gaps) {
      now += gap * scale;
      const inWindow = admitted.filter((t) => t > now - window).length;
      const refused = limiter.take('realm', [limit], now);
      expect(refused === undefined).toBe(inWindow < limit.max);
      if (refused === undefined) admitted.push(now);
    }
  },
);
