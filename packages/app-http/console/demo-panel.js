// The demo panel of `npm start`: new documents from the demo billing, links to the QuickBooks sandbox.
// The billing sandbox's emit endpoint takes a plain form post, so no cross-origin permission is needed;
// its answer cannot be read from here (another origin), the API shows what became of the document.
import { call } from './api.js';
import { h, toast } from './dom.js';
import { language, t } from './i18n.js';

const emit = async (demo, kind) => {
  await fetch(`${demo.billing}/__admin/accounts/${encodeURIComponent(demo.account)}/emit`, {
    method: 'POST',
    mode: 'no-cors',
    body: new URLSearchParams({ kind }),
  });
  toast(t('demo.emitted'));
};

/** Draws the panel when the console runs on `npm start` (the sandboxes' addresses are known), hides it otherwise. */
export const demoPanel = async (aside, demo) => {
  if (demo === null) {
    aside.hidden = true;
    return;
  }
  const connection = await call('GET', '/connection').catch(() => null);
  const realmId = connection?.company?.realmId;
  const emitButton = (label, kind) =>
    h('button', { type: 'button', class: 'secondary', 'data-emit': kind, onclick: () => emit(demo, kind), text: label });
  aside.hidden = false;
  aside.replaceChildren(
    h('h2', { id: 'demo-title', text: t('demo.title') }),
    demo.billing
      ? h(
          'div',
          {},
          h('p', { class: 'hint', text: t('demo.lead') }),
          emitButton(t('demo.invoice'), 'invoice'),
          emitButton(t('demo.creditNote'), 'credit_note'),
          emitButton(t('demo.discount'), 'discounted_invoice'),
        )
      : null,
    h(
      'ul',
      {},
      demo.qbo
        ? h(
            'li',
            {},
            h('a', { href: `${demo.qbo}/__admin/ui?lang=${language()}`, target: '_blank', rel: 'noopener', text: t('demo.settings') }),
          )
        : null,
      demo.qbo && realmId
        ? h(
            'li',
            {},
            h('a', { href: `${demo.qbo}/__admin/companies/${realmId}`, target: '_blank', rel: 'noopener', text: t('demo.company') }),
          )
        : null,
      demo.billing
        ? h(
            'li',
            {},
            h('a', {
              href: `${demo.billing}/__admin/accounts/${encodeURIComponent(demo.account)}`,
              target: '_blank',
              rel: 'noopener',
              text: t('demo.billing'),
            }),
          )
        : null,
    ),
  );
};
