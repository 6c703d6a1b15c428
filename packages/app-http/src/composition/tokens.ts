/** Injection tokens of the HTTP app's container: symbols, registered with factories only (no decorator metadata). */
export const TOKENS = {
  Config: Symbol('HttpConfig'),
  Ports: Symbol('ModulePorts'),
  Logger: Symbol('Logger'),
  Metrics: Symbol('HttpMetrics'),
  AccessTokenVerifier: Symbol('AccessTokenVerifier'),
  StreamTickets: Symbol('StreamTickets'),
  ReadinessChecks: Symbol('ReadinessChecks'),
  Journeys: Symbol('Journeys'),
  App: Symbol('App'),
} as const;
