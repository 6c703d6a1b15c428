import { SignJWT } from 'jose';

/** A JWT as Ogustine would give its UI, naming the demo account, valid 30 days. */
export const demoToken = (secret: string, claims: { readonly issuer: string; readonly audience: string; readonly accountId: string }) =>
  new SignJWT({ account_id: claims.accountId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject('demo-user')
    .setIssuedAt()
    .setExpirationTime('30d')
    .sign(new TextEncoder().encode(secret));
