// One screen per step of the help article. Each `draw` returns the screen's elements; actions call the API then redraw.
import { ApiProblem, call, followRun } from './api.js';
import { h, notice, toast } from './dom.js';
import { formatDay, formatInstant, formatMoney, formatNumber, t } from './i18n.js';

const PAGE = 25;

/** Runs an action from a button: disabled while it runs, a problem shown under the screen's title. */
const action = (button, work) => async () => {
  button.disabled = true;
  try {
    await work();
  } catch (e) {
    const main = document.getElementById('screen');
    main.querySelector('.notice.error.action')?.remove();
    const box = notice('error action', e instanceof ApiProblem ? e.message : t('error.generic'));
    main.querySelector('h1')?.after(box);
    box.setAttribute('tabindex', '-1');
    box.focus();
  } finally {
    button.disabled = false;
  }
};

const button = (label, kind, work, attrs = {}) => {
  const b = h('button', { type: 'button', class: kind, ...attrs, text: label });
  b.addEventListener('click', action(b, work));
  return b;
};

const statusBadge = (status) => h('span', { class: `badge ${status}`, text: t(`status.${status}`) });

const connection = {
  route: 'connection',
  nav: 'nav.connection',
  async draw({ rerender, go }) {
    const c = await call('GET', '/connection');
    const back = JSON.parse(sessionStorage.getItem('qbo-console-callback') ?? 'null');
    sessionStorage.removeItem('qbo-console-callback');
    const outcome =
      back === null
        ? null
        : back.outcome === 'connected'
          ? notice('success', t('connection.back.connected'))
          : notice('error', `${t('connection.back.error')}${back.reason ? ` (${back.reason})` : ''}.`);
    const connect = button(t('connection.connect'), 'primary', async () => {
      const { authorizationUrl } = await call('POST', '/connection/start');
      location.assign(authorizationUrl);
    });
    if (c.status !== 'connected') {
      return [
        h('h1', { text: t('connection.title') }),
        outcome,
        c.status === 'reconnect-required' ? notice('', t('connection.reconnect')) : null,
        h('p', { class: 'lead', text: t('connection.lead') }),
        h('div', { class: 'actions' }, connect),
      ];
    }
    return [
      h('h1', { text: t('connection.connected') }),
      outcome,
      h(
        'dl',
        { class: 'pairs' },
        h('dt', { text: t('connection.company') }),
        h('dd', { text: `${c.company?.name ?? ''} (${c.company?.realmId ?? ''})` }),
        h('dt', { text: t('connection.since') }),
        h('dd', { text: c.connectedAt ? formatInstant(c.connectedAt) : '' }),
      ),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'primary', href: c.initialSync === 'not-launched' ? '#/prerequisites' : '#/progress', text: t('connection.next') }),
        button(t('connection.disconnect'), 'danger', async () => {
          if (!confirm(t('connection.disconnectConfirm'))) return;
          const answer = await call('DELETE', '/connection');
          toast(answer.message);
          go('connection');
          await rerender();
        }),
      ),
    ];
  },
};

const prerequisites = {
  route: 'prerequisites',
  nav: 'nav.prerequisites',
  async draw({ rerender }) {
    const p = await call('GET', '/prerequisites');
    const summary =
      p.state === 'met'
        ? notice('success', t('prerequisites.allMet'), ' ', h('a', { href: '#/preview', text: t('nav.preview') }))
        : p.state === 'failing'
          ? notice('', t('prerequisites.failing'))
          : notice('info', t('prerequisites.unknown'));
    return [
      h('h1', { text: t('prerequisites.title') }),
      h('p', { class: 'lead', text: t('prerequisites.lead') }),
      summary,
      h(
        'ul',
        { class: 'checks' },
        p.checks.map((check) =>
          h(
            'li',
            { 'data-check': check.id },
            h('strong', { text: check.label }),
            ' ',
            statusBadge(check.status),
            check.problems.map((problem) =>
              h(
                'div',
                { class: 'problem' },
                h('p', { text: problem.message }),
                problem.fix ? h('p', {}, h('strong', { text: `${t('prerequisites.fix')}${t('colon')}` }), problem.fix) : null,
                problem.helpUrl
                  ? h('p', {}, h('a', { href: problem.helpUrl, target: '_blank', rel: 'noopener', text: t('prerequisites.help') }))
                  : null,
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        button(t('prerequisites.retry'), 'primary', async () => {
          await call('POST', '/prerequisites/check');
          await rerender();
        }),
      ),
    ];
  },
};

const taxCodes = {
  route: 'tax-codes',
  nav: 'nav.taxCodes',
  async draw({ rerender }) {
    const { rates } = await call('GET', '/tax-codes');
    if (rates.length === 0) return [h('h1', { text: t('taxCodes.title') }), notice('info', t('taxCodes.none'))];
    return [
      h('h1', { text: t('taxCodes.title') }),
      h('p', { class: 'lead', text: t('taxCodes.lead') }),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col', text: t('taxCodes.rate') }), h('th', { scope: 'col', text: t('taxCodes.code') })),
        ),
        h(
          'tbody',
          {},
          rates.map((r) => {
            const id = `rate-${r.rate.replace(/[^0-9a-z]/gi, '-')}`;
            const select = h(
              'select',
              { id, 'aria-label': `${t('taxCodes.for')} ${r.rateLabel}` },
              r.candidates.map((c) => h('option', { value: c.id, selected: c.id === r.taxCode?.id, text: c.name })),
            );
            select.addEventListener('change', async () => {
              try {
                await call('PUT', `/tax-codes/${encodeURIComponent(r.rate)}`, { taxCodeId: select.value });
                toast(t('taxCodes.saved'));
              } catch (e) {
                toast(e.message);
                await rerender();
              }
            });
            return h('tr', {}, h('th', { scope: 'row' }, h('label', { for: id, text: r.rateLabel })), h('td', {}, select));
          }),
        ),
      ),
    ];
  },
};

// « Joindre le PDF Ogustine »: its label and description come from the API (the domain's wording), in the user's language.
const settings = {
  route: 'settings',
  nav: 'nav.settings',
  async draw({ rerender }) {
    const current = await call('GET', '/settings');
    const box = h('input', { type: 'checkbox', id: 'attach-pdf', 'aria-describedby': 'attach-pdf-hint', checked: current.attachPdf });
    box.addEventListener('change', async () => {
      try {
        await call('PATCH', '/settings', { attachPdf: box.checked });
        toast(t('settings.saved'));
      } catch (e) {
        toast(e.message);
        await rerender();
      }
    });
    const { label, description } = current.wording.attachPdf;
    return [
      h('h1', { text: t('settings.title') }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'attach-pdf' }, box, ' ', label),
        h('p', { class: 'hint', id: 'attach-pdf-hint', text: description }),
      ),
    ];
  },
};

const documentRows = (documents) =>
  h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['preview.number', 'preview.kind', 'preview.customer', 'preview.date'].map((k) => h('th', { scope: 'col', text: t(k) })),
        ['preview.net', 'preview.vat', 'preview.gross'].map((k) => h('th', { scope: 'col', class: 'num', text: t(k) })),
      ),
    ),
    h(
      'tbody',
      {},
      documents.map((d) =>
        h(
          'tr',
          {},
          h('td', { text: d.number }),
          h('td', { text: t(`preview.kind.${d.kind}`) }),
          h('td', { text: d.customerName }),
          h('td', { text: formatDay(d.issuedOn) }),
          h('td', { class: 'num', text: formatMoney(d.netCents, d.currency) }),
          h('td', { class: 'num', text: formatMoney(d.vatCents, d.currency) }),
          h('td', { class: 'num', text: formatMoney(d.grossCents, d.currency) }),
        ),
      ),
    ),
  );

/** Previous / next buttons over a cursor-paged list: `cursors` holds the cursor of each page seen so far. */
const cursorPager = (cursors, next, label, rerender) =>
  h(
    'div',
    { class: 'pager' },
    button(
      t('preview.previous'),
      'secondary',
      async () => {
        cursors.pop();
        await rerender();
      },
      { disabled: cursors.length === 1 },
    ),
    h('span', { text: label }),
    button(
      t('preview.next'),
      'secondary',
      async () => {
        cursors.push(next);
        await rerender();
      },
      { disabled: next === null },
    ),
  );

/** The `cursor` query parameter of the page last reached, or nothing on the first page. */
const cursorParam = (cursors) => {
  const cursor = cursors[cursors.length - 1];
  return cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
};

const figure = (label, value) => h('div', { class: 'figure' }, h('strong', { text: formatNumber(value) }), label);

const preview = {
  route: 'preview',
  nav: 'nav.preview',
  // The cursors of the pages seen so far: the API pages by cursor, so going back reuses the previous one.
  cursors: [undefined],
  // The pending look at the history import (see `draw`).
  importTimer: undefined,
  async draw({ rerender, go }) {
    const query = `limit=${PAGE}${cursorParam(this.cursors)}`;
    const [c, p] = await Promise.all([call('GET', '/connection'), call('GET', `/initial-sync/preview?${query}`)]);
    const { counts } = p;
    const offset = (this.cursors.length - 1) * PAGE;
    const pager = cursorPager(
      this.cursors,
      p.next,
      t('preview.page', {
        from: p.documents.length === 0 ? 0 : offset + 1,
        to: Math.min(offset + p.documents.length, counts.documents),
        total: counts.documents,
      }),
      rerender,
    );
    const acknowledge = h('input', { type: 'checkbox', id: 'acknowledge' });
    const launch = button(t('preview.launch'), 'primary', async () => {
      if (!acknowledge.checked) {
        acknowledge.focus();
        return;
      }
      // asOf: the launch sends exactly the previewed set, not documents recorded since.
      await call('POST', '/initial-sync', { acknowledgeIrrevocable: true, asOf: p.asOf });
      toast(t('preview.launched'));
      go('progress');
    });
    // Until the history is in, the figures are partial and the API refuses the launch: say so, offer a
    // refresh, and look again by itself every few seconds while this screen is shown (one timer at a time).
    clearTimeout(this.importTimer);
    if (p.history.state !== 'done' && c.initialSync === 'not-launched')
      this.importTimer = setTimeout(() => {
        if (location.hash.startsWith('#/preview')) void rerender();
      }, 3000);
    const importing =
      p.history.state === 'done'
        ? null
        : [
            notice(
              'info',
              p.history.state === 'importing'
                ? t('preview.importing', { imported: formatNumber(p.history.imported) })
                : t('preview.importPending'),
            ),
            h(
              'div',
              { class: 'actions' },
              button(t('preview.refresh'), '', () => rerender()),
            ),
          ];
    const launchArea =
      c.initialSync !== 'not-launched'
        ? [notice('info', t('preview.alreadyLaunched'), ' ', h('a', { href: '#/progress', text: t('nav.progress') }))]
        : (importing ?? [
            notice('', h('strong', { text: t('preview.warning') })),
            h('div', { class: 'field' }, h('label', { for: 'acknowledge' }, acknowledge, ' ', t('preview.acknowledge'))),
            h('div', { class: 'actions' }, launch),
          ]);
    const blocked =
      p.blocked.length === 0
        ? []
        : [
            h('h2', { text: t('preview.blocked') }),
            h(
              'ul',
              { class: 'blocked' },
              p.blocked.map((b) => h('li', { text: `${b.number} (${b.customerName})${t('colon')}${b.reason.message}` })),
            ),
          ];
    return [
      h('h1', { text: t('preview.title') }),
      h('p', { class: 'lead', text: t('preview.lead') }),
      h(
        'div',
        { class: 'figures' },
        figure(t('preview.invoices'), counts.invoices),
        figure(t('preview.creditNotes'), counts.creditNotes),
        figure(t('preview.customers'), counts.customers),
        figure(t('preview.before'), counts.beforeSyncFrom),
        figure(t('preview.already'), counts.alreadyInQuickBooks),
      ),
      h(
        'p',
        {},
        h('strong', { text: `${t('preview.totals')}${t('colon')}` }),
        p.totals.map((tot) => formatMoney(tot.grossCents, tot.currency)).join(' ; '),
      ),
      ...launchArea,
      documentRows(p.documents),
      pager,
      ...blocked,
    ];
  },
};

const duration = (seconds) => {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
};

const progress = {
  route: 'progress',
  nav: 'nav.progress',
  async draw({ onLeave, rerender }) {
    const { runs } = await call('GET', '/runs');
    const run = runs[0];
    if (run === undefined)
      return [
        h('h1', { text: t('progress.title') }),
        notice('info', t('progress.none'), ' ', h('a', { href: '#/preview', text: t('nav.preview') })),
      ];
    const bar = h('progress', {
      id: 'run-progress',
      max: String(run.total),
      value: String(run.total - run.remaining),
      'aria-labelledby': 'progress-label',
    });
    const value = (name) => h('strong', { 'data-figure': name });
    const figures = h(
      'div',
      { class: 'figures' },
      ...['sent', 'failed', 'remaining', 'rate', 'left'].map((name) => h('div', { class: 'figure' }, value(name), t(`progress.${name}`))),
    );
    const done = notice('success', t('progress.done'));
    const show = (snapshot) => {
      bar.value = snapshot.total - snapshot.remaining;
      bar.max = snapshot.total;
      figures.querySelector('[data-figure=sent]').textContent = formatNumber(snapshot.sent);
      figures.querySelector('[data-figure=failed]').textContent = formatNumber(snapshot.failed);
      figures.querySelector('[data-figure=remaining]').textContent = formatNumber(snapshot.remaining);
      figures.querySelector('[data-figure=rate]').textContent = snapshot.ratePerMinute == null ? '—' : formatNumber(snapshot.ratePerMinute);
      figures.querySelector('[data-figure=left]').textContent = duration(snapshot.secondsLeft ?? snapshot.secondsLeftWithinBudget ?? 0);
      done.hidden = snapshot.status !== 'done';
    };
    show(run);
    if (run.status !== 'done') {
      const stop = await followRun(run.id, { onProgress: show, onEnd: () => void rerender(), onLost: () => void rerender() });
      onLeave(stop);
    }
    return [
      h('h1', { text: t('progress.title') }),
      h('p', { class: 'lead', text: t('progress.lead') }),
      h(
        'p',
        { id: 'progress-label' },
        t('progress.label'),
        run.status === 'done' ? null : h('span', { class: 'badge ok', text: ` ${t('progress.live')}` }),
      ),
      bar,
      figures,
      done,
      run.failed > 0 ? h('p', {}, h('a', { href: '#/errors', text: t('nav.errors') })) : null,
    ];
  },
};

const schedule = {
  route: 'schedule',
  nav: 'nav.schedule',
  async draw({ rerender }) {
    const s = await call('GET', '/schedule');
    const area = h('div', {});
    const openForm = () => {
      const field = h('input', {
        type: 'date',
        id: 'sync-from',
        name: 'syncFrom',
        required: true,
        'aria-describedby': 'sync-from-hint',
        value: s.syncFrom,
      });
      const result = h('div', { 'aria-live': 'polite' });
      const form = h(
        'form',
        { novalidate: true },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'sync-from', text: t('schedule.field') }),
          field,
          h('p', { id: 'sync-from-hint', class: 'hint', text: t('schedule.hint') }),
        ),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary', text: t('schedule.check') })),
        result,
      );
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (!field.value) {
          result.replaceChildren(notice('error', t('schedule.invalid')));
          field.focus();
          return;
        }
        try {
          const p = await call('POST', '/schedule/preview', { syncFrom: field.value });
          result.replaceChildren(
            notice('info', p.message),
            p.catchUp.count > 0
              ? h(
                  'div',
                  {},
                  h('h2', { text: `${t('schedule.catchUp')} (${formatNumber(p.catchUp.count)})` }),
                  documentRows(p.catchUp.documents.slice(0, PAGE)),
                )
              : null,
            h(
              'div',
              { class: 'actions' },
              button(t('schedule.confirm'), 'primary', async () => {
                const answer = await call('PUT', '/schedule', { syncFrom: field.value });
                toast(answer.confirmation);
                await rerender();
              }),
              button(t('schedule.cancel'), 'secondary', async () => rerender()),
            ),
          );
        } catch (error) {
          result.replaceChildren(notice('error', error.message));
        }
      });
      area.replaceChildren(form);
      field.focus();
    };
    return [
      h('h1', { text: t('schedule.title') }),
      h('p', { class: 'lead', text: t('schedule.lead') }),
      notice(s.status === 'suspended' ? '' : 'success', h('strong', { text: `${t(`schedule.status.${s.status}`)}. ` }), s.description),
      area,
      h(
        'div',
        { class: 'actions' },
        button(t('schedule.open'), 'primary', async () => openForm()),
      ),
    ];
  },
};

const errors = {
  route: 'errors',
  nav: 'nav.errors',
  filter: 'all',
  // The cursors of the pages seen so far (newest errors first); a new filter starts again at the first page.
  cursors: [undefined],
  async draw({ rerender }) {
    const query = this.filter === 'all' ? '' : `&state=${this.filter}`;
    const history = await call('GET', `/errors?limit=${PAGE}${query}${cursorParam(this.cursors)}`);
    const report = (answer) =>
      toast(
        [
          t('errors.queued', { count: answer.queued.length }),
          answer.skipped.length > 0 ? t('errors.alreadyThere', { count: answer.skipped.length }) : '',
          answer.cannotSucceed.length > 0 ? t('errors.skipped', { count: answer.cannotSucceed.length }) : '',
        ].join(' '),
      );
    const filter = h(
      'select',
      { id: 'errors-filter' },
      ['all', 'open', 'resolved'].map((f) => h('option', { value: f, selected: f === this.filter, text: t(`errors.filter.${f}`) })),
    );
    filter.addEventListener('change', () => {
      this.filter = filter.value;
      this.cursors = [undefined];
      void rerender();
    });
    const groups = history.groups.open;
    return [
      h('h1', { text: t('errors.title') }),
      h('p', { class: 'lead', text: t('errors.lead') }),
      groups.length > 0
        ? h(
            'section',
            { 'aria-labelledby': 'groups-title' },
            h('h2', { id: 'groups-title', text: t('errors.groups') }),
            h(
              'ul',
              {},
              groups.map((g) =>
                h(
                  'li',
                  {},
                  `${g.label} (${formatNumber(g.count)}) `,
                  button(t('errors.relaunchGroup', { count: g.count }), 'secondary', async () => {
                    report(await call('POST', '/errors/resync', { selection: { kind: 'cause', key: g.key } }));
                    await rerender();
                  }),
                ),
              ),
            ),
            h(
              'div',
              { class: 'actions' },
              button(t('errors.relaunchAll'), 'primary', async () => {
                report(await call('POST', '/errors/resync', { selection: { kind: 'all-open' } }));
                await rerender();
              }),
            ),
          )
        : null,
      h('div', { class: 'field' }, h('label', { for: 'errors-filter', text: t('errors.filter') }), filter),
      history.entries.length === 0
        ? notice('info', t('errors.none'))
        : h(
            'ul',
            { class: 'errors' },
            history.entries.map((e) =>
              h(
                'li',
                { class: e.greyed ? 'greyed' : null, 'data-error': e.id, 'data-document': e.documentId },
                h('h3', { text: e.title }),
                h(
                  'p',
                  { class: 'meta' },
                  `${t('errors.document')} ${e.documentId} · ${formatInstant(e.occurredAt)} · `,
                  h('span', { class: 'badge muted', text: t(`errors.state.${e.state}`) }),
                ),
                h('p', { text: e.message }),
                e.fix ? h('p', {}, h('strong', { text: `${t('errors.fix')}${t('colon')}` }), e.fix) : null,
                e.quickbooksDetail ? h('p', { class: 'meta', text: `${t('errors.quickbooks')}${t('colon')}${e.quickbooksDetail}` }) : null,
                e.greyed
                  ? null
                  : h(
                      'div',
                      { class: 'actions' },
                      e.canResync
                        ? button(t('errors.resync'), 'primary', async () => {
                            report(await call('POST', `/documents/${encodeURIComponent(e.documentId)}/resync`));
                            await rerender();
                          })
                        : null,
                      button(t('errors.handled'), 'secondary', async () => {
                        await call('POST', `/documents/${encodeURIComponent(e.documentId)}/handled`);
                        await rerender();
                      }),
                    ),
              ),
            ),
          ),
      this.cursors.length > 1 || history.next !== null
        ? cursorPager(this.cursors, history.next, t('errors.page', { page: this.cursors.length }), rerender)
        : null,
    ];
  },
};

const documentStatus = {
  route: 'document',
  nav: 'nav.document',
  async draw() {
    const field = h('input', { type: 'text', id: 'document-id', name: 'documentId', autocomplete: 'off', required: true });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h(
      'form',
      {},
      h('div', { class: 'field' }, h('label', { for: 'document-id', text: t('document.field') }), field),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: t('document.look') })),
      result,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const s = await call('GET', `/documents/${encodeURIComponent(field.value.trim())}/status`);
        result.replaceChildren(
          h(
            'div',
            { class: 'notice info', 'data-state': s.state },
            h('strong', { text: s.label }),
            h('p', { text: s.explanation }),
            s.quickbooks
              ? h(
                  'p',
                  {},
                  `${s.quickbooks.docNumber} · `,
                  h('a', { href: s.quickbooks.url, target: '_blank', rel: 'noopener', text: t('document.open') }),
                )
              : null,
          ),
        );
      } catch (error) {
        result.replaceChildren(notice('error', error.message));
      }
    });
    return [h('h1', { text: t('document.title') }), h('p', { class: 'lead', text: t('document.lead') }), form];
  },
};

export const SCREENS = [connection, prerequisites, taxCodes, settings, preview, progress, schedule, errors, documentStatus];
