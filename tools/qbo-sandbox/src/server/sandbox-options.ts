/** Settings of one sandbox instance; every lifetime is a setting so a test can make a token die in a second. */
export interface SandboxOptions {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs the authorize endpoint accepts; empty accepts any absolute http(s) URI. */
  redirectUris: string[];
  /** The test-control API under /__admin answers 404 unless this is true. */
  adminEnabled: boolean;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** A superseded refresh token keeps working this long after a newer one was issued (Intuit: 24 hours). */
  refreshGraceSeconds: number;
  authCodeLifetimeSeconds: number;
  /** Multiplies the throttle windows: 0.01 makes the one-minute window last 0.6 s. */
  timeScale: number;
  clock: () => Date;
  /** The largest upload request accepted (QBO-API.md §5 Attachable: 100 MB); a test can lower it. */
  uploadLimitBytes: number;
  /** A number in [0, 1) per draw, for the faults given as rates (a test can make them deterministic). */
  random: () => number;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';

/** Fills the options a caller left out with Intuit's real values. @returns the complete options */
export function resolveOptions(partial: Partial<SandboxOptions> = {}): SandboxOptions {
  const options: SandboxOptions = {
    clientId: partial.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: partial.clientSecret ?? DEFAULT_CLIENT_SECRET,
    redirectUris: partial.redirectUris ?? [],
    adminEnabled: partial.adminEnabled ?? false,
    accessTokenLifetimeSeconds: partial.accessTokenLifetimeSeconds ?? 3600,
    refreshTokenLifetimeSeconds: partial.refreshTokenLifetimeSeconds ?? 8_726_400,
    refreshGraceSeconds: partial.refreshGraceSeconds ?? 86_400,
    authCodeLifetimeSeconds: partial.authCodeLifetimeSeconds ?? 600,
    timeScale: partial.timeScale ?? 1,
    clock: partial.clock ?? (() => new Date()),
    uploadLimitBytes: partial.uploadLimitBytes ?? 100 * 1024 * 1024,
    random: partial.random ?? Math.random,
  };
  if (!(options.timeScale > 0)) throw new Error(`timeScale must be > 0, got ${options.timeScale}`);
  return options;
}
