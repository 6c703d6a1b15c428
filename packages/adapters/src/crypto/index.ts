// The token vault: AES-256-GCM encryption at rest of OAuth tokens, with rotating keys.
export * from './cipher-keys.js';
export * from './token-cipher.js';
