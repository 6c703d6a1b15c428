// Every call of the token endpoint and how it was answered, so a test can count refreshes and the
// `invalid_grant` a client provoked (the request log has their status, not the OAuth error).

export interface TokenRequest {
  at: string;
  /** `authorization_code`, `refresh_token`, or what the client sent (absent: undefined). */
  grantType: string | undefined;
  status: number;
  /** The OAuth error answered (`invalid_grant`, `invalid_client`, …), undefined on success. */
  error: string | undefined;
}

export class TokenRequestLog {
  private entries: TokenRequest[] = [];

  add(entry: TokenRequest): void {
    this.entries.push(entry);
  }

  /** @returns the calls, oldest first */
  list(): TokenRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
