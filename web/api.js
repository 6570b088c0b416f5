// fetch wrapper for /api/v1: JSON in and out, same-origin cookies, the CSRF header on
// writes, the chosen language in Accept-Language, and the error body
// {"error":{"code","message","fields"}} turned into an ApiError.
import { getLang, t } from './i18n.js';

let csrfToken = null;
let onUnauthorized = null;

export function setCsrf(token) {
  csrfToken = token || null;
}

/** Called with no argument when a request answers 401 on a protected route (session gone). */
export function setUnauthorizedHandler(f) {
  onUnauthorized = f;
}

export class ApiError extends Error {
  constructor(status, body, headers) {
    const e = (body && typeof body === 'object' && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || (status ? `http_${status}` : 'network');
    this.serverMessage = e.message || '';
    this.fields = e.fields && typeof e.fields === 'object' ? e.fields : {};
    const ra = headers && headers.get('retry-after');
    this.retryAfter = ra && /^\d+$/.test(ra) ? Number(ra) : 0;
  }
}

function buildURL(path, query) {
  let url = `/api/v1${path}`;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += `?${s}`;
  }
  return url;
}

/**
 * api('/users', { method: 'POST', body: {...}, query: {...} }) -> parsed JSON (null on 204).
 * `raw`: send `body` (a File or Blob) as it is; `headers`: extra headers (e.g. Idempotency-Key).
 * Throws ApiError (status 0 and code "network" when the server cannot be reached).
 */
export async function api(path, { method = 'GET', body, query, signal, quiet = false, retried = false, raw = false, headers: extra } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': getLang() === 'en' ? 'en' : 'id', ...extra };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(buildURL(path, query), {
      method,
      headers,
      body: body === undefined || raw ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, null, null);
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data;
  const err = new ApiError(res.status, data, res.headers);
  // A CSRF token that went stale (e.g. a new session in another tab): fetch it again, retry once.
  if (err.code === 'csrf_failed' && !retried) {
    try {
      const me = await api('/auth/me', { quiet: true, retried: true });
      setCsrf(me && me.csrf_token);
      return api(path, { method, body, query, signal, quiet, retried: true, raw, headers: extra });
    } catch {
      /* fall through to the original error */
    }
  }
  if (err.status === 401 && !quiet && onUnauthorized) onUnauthorized();
  throw err;
}

/** The message to show for an error: our own wording for well-known codes, else the server's. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return t('err.generic');
  if (err.code === 'too_many_attempts') {
    const min = Math.max(1, Math.ceil((err.retryAfter || 60) / 60));
    return t('err.too_many_attempts', { min });
  }
  const own = t(`err.${err.code}`, null, null);
  if (own) return own;
  if (err.serverMessage) return err.serverMessage;
  return t('err.generic');
}
