// History-API routing: a route table, path matching, navigation, link interception,
// one-shot flash messages and focus management between pages.
import { useEffect, useState } from './vendor.js';

const listeners = new Set();
let flash = null;
let focusNext = false;

function current() {
  return { path: location.pathname, search: location.search, query: new URLSearchParams(location.search) };
}

function notify() {
  for (const f of listeners) f(current());
}

/** Go to `to` (a same-origin path). `flash` is a message the next page shows once. */
export function navigate(to, { replace = false, flash: message = null } = {}) {
  flash = message;
  focusNext = true;
  if (to !== location.pathname + location.search + location.hash) {
    history[replace ? 'replaceState' : 'pushState'](null, '', to);
  }
  window.scrollTo(0, 0);
  notify();
}

/** Change the query string of the current page without a new history entry or a focus move. */
export function setQuery(params) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
  notify();
}

/** A same-origin app path to go to after login (?next=), or null: never //host or /\\host. */
export function safeNext(v) {
  return typeof v === 'string' && /^\/(?![/\\])/.test(v) && !/[\u0000-\u001f]/.test(v) ? v : null;
}

export function takeFlash() {
  const m = flash;
  flash = null;
  return m;
}

/** True once after a client-side navigation: the new page moves focus to its heading. */
export function takeFocusRequest() {
  const f = focusNext;
  focusNext = false;
  return f;
}

export function useLocation() {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const f = () => setLoc(current());
    const pop = () => {
      focusNext = true;
      f();
    };
    listeners.add(f);
    window.addEventListener('popstate', pop);
    return () => {
      listeners.delete(f);
      window.removeEventListener('popstate', pop);
    };
  }, []);
  return loc;
}

/** Match `path` against patterns like /admin/users/:id; returns { route, params } or null. */
export function match(routes, path) {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  for (const route of routes) {
    const pat = route.path.replace(/\/+$/, '').split('/').slice(1);
    if (pat.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pat.length; i++) {
      if (pat[i].startsWith(':')) {
        if (!parts[i]) { ok = false; break; }
        params[pat[i].slice(1)] = decodeURIComponent(parts[i]);
      } else if (pat[i] !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}

const SERVER_PATHS = /^\/(api|static|vendor)\/|^\/(healthz|readyz|metrics)$/;

// Same-origin links to app paths are handled here instead of reloading the page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || href.startsWith('#') || a.origin !== location.origin || SERVER_PATHS.test(a.pathname)) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});
