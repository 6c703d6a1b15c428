import type { HttpBindings } from '@hono/node-server';

/** Hono environment of the sandbox: Node bindings exist over real HTTP only, not with `app.request()`. */
export interface SandboxEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** Set by the chain for the request log: what the sandbox did besides routing. */
    note: string | undefined;
    /** The realm the bearer token opened, once authenticated. */
    realmId: string;
    /** The answer the route committed, kept when an injected drop replaces it, so `requestid` replays it. */
    committed: Response | undefined;
  };
}
