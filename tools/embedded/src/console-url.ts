/**
 * The console's address with what it needs in the fragment (never sent to a server, never logged):
 * the demo token, and the sandboxes' addresses for the demo panel.
 */
export const consoleUrl = (
  publicUrl: string,
  token: string,
  demo: { readonly qboUrl: string | undefined; readonly billingUrl: string | undefined; readonly accountId: string },
): string => {
  const fragment = new URLSearchParams({ token });
  if (demo.qboUrl !== undefined) fragment.set('qbo', demo.qboUrl);
  if (demo.billingUrl !== undefined) fragment.set('billing', demo.billingUrl);
  fragment.set('account', demo.accountId);
  return `${publicUrl}/console/#${fragment.toString()}`;
};
