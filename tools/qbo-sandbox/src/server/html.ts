// Tiny server-rendered HTML: every value that reaches a page goes through `escapeHtml`.

/** @returns the text with &, <, >, " and ' replaced by entities */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/** A complete page (French unless `lang` says) with a little CSS; `body` must already be escaped HTML. @returns the document */
export function page(title: string, body: string, lang: 'fr' | 'en' = 'fr'): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem} h2{font-size:1.15rem;margin-top:2rem} fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:1rem}
label{display:block;margin:.35rem 0} .en{color:#666;font-size:.9em} button{padding:.4rem .9rem;margin:.3rem .3rem 0 0}
table{border-collapse:collapse} td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left} .error{color:#a00}
nav{margin-bottom:1rem} nav a{margin-right:1rem}
</style></head><body>
${body}
</body></html>`;
}

/** "Libellé (English)": a French label with its English name in parentheses. @returns escaped HTML */
export function label(fr: string, en: string): string {
  return `${escapeHtml(fr)} <span class="en">(${escapeHtml(en)})</span>`;
}
