// What every adapter technology shares; each technology has its own subpath export
// (`@ogustine-qbo/adapters/rabbitmq`, `…/in-process`).
export * from './message-bus.js';
