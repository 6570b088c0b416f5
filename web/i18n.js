// UI strings in Bahasa Indonesia (default, lang/id.js) and English (lang/en.js). Only the
// chosen language is loaded; the choice is kept in localStorage ("sp.lang") and set on <html lang>.
// Strings only some pages need live in parts (lang/<part>.<lang>.js), loaded by those pages
// with `await loadStrings(part)` so the first load stays small; a language switch loads them too.
const KEY = 'sp.lang';
export const LANGS = ['id', 'en'];
const dicts = {};
const parts = new Set();
const loadedParts = new Set();

function initial() {
  try {
    const v = globalThis.localStorage && localStorage.getItem(KEY);
    if (LANGS.includes(v)) return v;
  } catch {
    /* storage blocked */
  }
  return 'id';
}

let lang = initial();

async function loadPart(l, part) {
  const k = `${l}/${part}`;
  if (loadedParts.has(k)) return;
  const d = (await import(`./lang/${part}.${l}.js`)).default;
  Object.assign(dicts[l], d);
  loadedParts.add(k);
}

async function load(l) {
  if (!dicts[l]) dicts[l] = { ...(await import(`./lang/${l}.js`)).default };
  await Promise.all([...parts].map((p) => loadPart(l, p)));
  return dicts[l];
}

/** Load the strings of a part (e.g. "services") in the current language; pages await it at the top. */
export function loadStrings(part) {
  parts.add(part);
  return load(lang);
}

await load(lang);

export function getLang() {
  return lang;
}

/** Switch language (loads its strings first). */
export async function setLang(l) {
  if (!LANGS.includes(l)) return;
  await load(l);
  lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* not remembered in private mode */
  }
  document.documentElement.lang = l;
}

/**
 * t('users.created', { name }) -> the string in the current language with {name} filled in.
 * A missing key returns `fallback` when given (null: "no such string"), else the key itself.
 */
export function t(key, params, fallback) {
  let s = dicts[lang][key];
  if (s === undefined) return fallback !== undefined ? fallback : key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined && params[k] !== null ? String(params[k]) : m));
  return s;
}

const ZONES = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' };

/** An RFC 3339 time shown in its own offset (the region's: WIB, WITA, WIT). */
export function fmtDateTime(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const m = /([+-]\d{2}:\d{2})$/.exec(String(value));
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const opts = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    if (m) {
      const s = new Intl.DateTimeFormat(locale, { ...opts, timeZone: m[1] }).format(d);
      return ZONES[m[1]] ? `${s} ${ZONES[m[1]]}` : s;
    }
  } catch {
    /* engines without offset time zones: fall back to local time */
  }
  return new Intl.DateTimeFormat(locale, opts).format(d);
}
