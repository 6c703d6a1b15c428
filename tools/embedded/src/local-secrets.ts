import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secrets an embedded install makes for itself when none is configured. */
export interface LocalSecrets {
  /** Signs and verifies the demo JWTs. */
  readonly jwtSecret: string;
  /** The token vault's key: `k1:<base64 of 32 bytes>`. */
  readonly tokenKeys: string;
}

/**
 * Made once and kept in the data folder (readable by this user only), so that the QuickBooks tokens
 * stored in the database stay readable, and the printed console URL keeps working, after a restart.
 */
export const localSecrets = (dataDir: string): LocalSecrets => {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    tokenKeys: `k1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
};
