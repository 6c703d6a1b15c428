// A tiny element builder: text is always set as text (never parsed as HTML), so API data cannot inject markup.

/** @returns a new element; `attrs` keys starting with `on` add listeners, others set attributes (`false`/`null` skip) */
export const h = (tag, attrs = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
};

/** Shows a short message to everyone, screen readers included (the toast is a status region). */
export const toast = (message) => {
  const region = document.getElementById('toast');
  region.textContent = message;
  region.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => region.classList.remove('shown'), 4000);
};

/** A notice box: `info`, `success`, `error` or a warning by default. */
export const notice = (kind, ...children) => h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null }, ...children);
