// The console: one screen per step of the help article, on the public API only.
import { call, demoSettings, hasToken, readFragment } from './api.js';
import { h, notice } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { SCREENS } from './screens.js';
import { demoPanel } from './demo-panel.js';

let stopCurrent = () => undefined;
/** Counts renders: a draw that ends after a newer render started is dropped, not drawn over it. */
let renders = 0;

const routeOf = () => {
  const name = location.hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.route === name) ?? SCREENS[0];
};

const renderNav = (current) => {
  const nav = document.getElementById('nav');
  nav.replaceChildren(
    ...SCREENS.map((s) => h('li', {}, h('a', { href: `#/${s.route}`, 'aria-current': s === current ? 'page' : null, text: t(s.nav) }))),
  );
};

const translateStatic = () => {
  document.documentElement.lang = language();
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  for (const button of document.querySelectorAll('[data-lang]'))
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  document.title = `${t('module')} — Ogustine`;
};

/** Draws the screen of the address's route and moves the focus to its title (for keyboard and screen-reader users). */
export const render = async ({ focus = true } = {}) => {
  stopCurrent();
  stopCurrent = () => undefined;
  const own = ++renders;
  translateStatic();
  const screen = routeOf();
  renderNav(screen);
  const main = document.getElementById('screen');
  if (!hasToken()) {
    main.replaceChildren(h('h1', { text: t('module') }), notice('error', t('noToken')));
    return;
  }
  main.replaceChildren(h('p', { text: t('loading') }));
  let stop = () => undefined;
  const context = {
    rerender: () => render({ focus: false }),
    go: (route) => (location.hash = `#/${route}`),
    onLeave: (leave) => (stop = leave),
  };
  let parts;
  try {
    parts = (await screen.draw(context)).filter((part) => part !== null && part !== undefined);
  } catch (e) {
    parts = [h('h1', { text: t(screen.nav) }), notice('error', e.message)];
  }
  if (own !== renders) {
    // A newer render owns the screen: this one's live stream (if any) stops with it.
    stop();
    return;
  }
  stopCurrent = stop;
  main.replaceChildren(...parts);
  const title = main.querySelector('h1');
  if (focus && title) {
    title.setAttribute('tabindex', '-1');
    title.focus();
  }
  await demoPanel(document.getElementById('demo'), demoSettings());
};

/** Back from Intuit's consent page: `?quickbooks=connected` or `?quickbooks=error&reason=…`. */
const readCallbackOutcome = () => {
  const query = new URLSearchParams(location.search);
  const outcome = query.get('quickbooks');
  if (outcome === null) return;
  sessionStorage.setItem('qbo-console-callback', JSON.stringify({ outcome, reason: query.get('reason') }));
  history.replaceState(null, '', `${location.pathname}#/connection`);
};

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    setLanguage(button.dataset.lang);
    void render({ focus: false });
  });
}
window.addEventListener('hashchange', () => void render());
readFragment();
readCallbackOutcome();
// A first visit goes where the account is: connect, fix the settings, or follow the synchronisation.
if (location.hash === '' && hasToken()) {
  call('GET', '/connection')
    .then((c) => {
      location.hash = c.status !== 'connected' ? '#/connection' : c.initialSync === 'not-launched' ? '#/prerequisites' : '#/progress';
    })
    .catch(() => void render());
} else {
  void render();
}
