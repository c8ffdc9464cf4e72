/*
 * Keeps a form on the device when the signal drops (issue 24 item 4: the custody visit report,
 * written in a custody suite). Progressive enhancement: without JavaScript the form posts as any
 * other. With it, a form marked `data-offline-draft`
 *   - keeps what is typed in localStorage as it is typed, and puts it back if the page is opened
 *     again (with the same idempotency key, so what was begun is sent once);
 *   - sent while offline (or when the post cannot reach the server) is kept in an outbox, and a
 *     notification says so, in the words of the page's `data-offline-notice`;
 *   - is posted from the outbox when the connection returns (`online`), with the same fields and
 *     idempotency key: the server does a repeated post once, so it is never sent twice. Then the
 *     draft is cleared and the page the server answered with is shown.
 */
/* global window, document, localStorage, sessionStorage, navigator, fetch, FormData, URL, URLSearchParams, location */

const OUTBOX = 'bridge-offline-outbox';
const DRAFT = 'bridge-offline-draft:';
const SENT = 'bridge-offline-sent';

const read = (key, fallback) => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '') ?? fallback;
  } catch {
    return fallback;
  }
};
const write = (key, value) => localStorage.setItem(key, JSON.stringify(value));

/** The form's fields as pairs, the CSRF token left out of the draft (the page gives a fresh one). */
function fieldsOf(form) {
  return [...new FormData(form).entries()].filter(
    ([name, value]) => typeof value === 'string' && name !== '_csrf',
  );
}

function draftKey(form) {
  return DRAFT + new URL(form.action, location.href).pathname;
}

function saveDraft(form) {
  write(draftKey(form), fieldsOf(form));
}

function restoreDraft(form) {
  const saved = read(draftKey(form), null);
  if (!Array.isArray(saved)) return;
  const byName = new Map();
  for (const [name, value] of saved) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const element of form.elements) {
    if (!element.name || element.name === '_csrf' || !byName.has(element.name)) continue;
    const values = byName.get(element.name);
    if (element.type === 'checkbox' || element.type === 'radio')
      element.checked = values.includes(element.value);
    else element.value = values[0];
  }
  // A GOV.UK conditional reveal follows its radio once it is checked again.
  for (const radio of form.querySelectorAll('input[type=radio]:checked'))
    radio.dispatchEvent(new window.Event('change', { bubbles: true }));
}

function notify(kind) {
  const notice = document.querySelector('[data-offline-notice]');
  if (!notice) return;
  const text = notice.dataset[kind];
  notice.innerHTML = '';
  const banner = document.createElement('div');
  banner.className = 'govuk-notification-banner';
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-labelledby', 'offline-notice-title');
  banner.innerHTML =
    '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="offline-notice-title"></h2></div>' +
    '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading"></p></div>';
  banner.querySelector('h2').textContent = notice.dataset.title;
  banner.querySelector('p').textContent = text;
  notice.append(banner);
  notice.hidden = false;
  notice.setAttribute('role', 'status');
  notice.focus?.();
}

function queue(form) {
  const outbox = read(OUTBOX, []);
  const action = new URL(form.action, location.href).pathname;
  const body = new URLSearchParams([...new FormData(form).entries()]).toString();
  // One entry a form: sent again while offline, the later fields replace the earlier.
  write(OUTBOX, [...outbox.filter((item) => item.action !== action), { action, body }]);
  notify('saved');
}

let flushing = false;

/**
 * Shows the page the server answered with in place of this one (its address too): the report
 * with its success banner, or the form again with its errors. A fetch follows the redirect, so
 * the banner is on that answer, not on a page opened after it.
 */
function showAnswer(response, html) {
  const answer = new window.DOMParser().parseFromString(html, 'text/html');
  const next = answer.querySelector('main')?.parentElement;
  const here = document.querySelector('main')?.parentElement;
  if (!next || !here) {
    location.assign(response.url);
    return;
  }
  document.title = answer.title;
  here.replaceWith(document.adoptNode(next));
  window.history.replaceState(null, '', response.url);
  for (const form of document.querySelectorAll('form[data-offline-draft]')) enhance(form);
  const heading = document.querySelector('.govuk-notification-banner, .govuk-error-summary');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Posts what the outbox holds, each once; a post that cannot get through stays for next time. */
async function flush() {
  if (flushing || !navigator.onLine) return;
  const outbox = read(OUTBOX, []);
  if (!outbox.length) return;
  flushing = true;
  notify('sending');
  try {
    for (const item of outbox) {
      let response;
      let html;
      try {
        response = await fetch(item.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: item.body,
          credentials: 'same-origin',
        });
        html = await response.text();
      } catch {
        break; // Still no signal: it stays in the outbox.
      }
      write(
        OUTBOX,
        read(OUTBOX, []).filter((kept) => kept.action !== item.action),
      );
      // Done: the draft goes. Refused (a field to put right): the draft stays, and the form shows why.
      if (response.ok && new URL(response.url).pathname !== item.action)
        localStorage.removeItem(DRAFT + item.action);
      if (item.action === location.pathname) showAnswer(response, html);
    }
  } finally {
    flushing = false;
  }
}

function enhance(form) {
  restoreDraft(form);
  const save = () => saveDraft(form);
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  form.addEventListener('submit', (event) => {
    saveDraft(form);
    if (!navigator.onLine) {
      event.preventDefault();
      queue(form);
      return;
    }
    // Online: it posts as usual; the next page clears the draft unless it is this form again.
    sessionStorage.setItem(SENT, new URL(form.action, location.href).pathname);
  });
}

function clearSentDraft() {
  const sent = sessionStorage.getItem(SENT);
  if (!sent) return;
  sessionStorage.removeItem(SENT);
  // Back on the same form means it was refused (errors to put right): the draft stays.
  if (sent !== location.pathname) localStorage.removeItem(DRAFT + sent);
}

clearSentDraft();
for (const form of document.querySelectorAll('form[data-offline-draft]')) enhance(form);
window.addEventListener('online', flush);
flush();
