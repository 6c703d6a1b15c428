// The embedded bus and progress fan-out of a one-process install (no broker).
export * from './in-process-bus.js';
export * from './in-process-progress-feed.js';
