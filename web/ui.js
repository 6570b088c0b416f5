// Shared pieces of every page: page heading and title, forms with field errors,
// status and error regions, empty and loading states, the region picker.
import { html, useEffect, useRef, useState } from './vendor.js';
import { ApiError, api, errorText } from './api.js';
import { t, fmtDateTime } from './i18n.js';
import { takeFlash, takeFocusRequest } from './router.js';
import { REGION_RE, regionInfo } from './session.js';

/** The page's one <h1>; sets document.title and takes focus after a client-side navigation. */
export function Page({ title, lead, children, wide = false }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} — satupintu`;
  }, [title]);
  useEffect(() => {
    if (takeFocusRequest() && ref.current) ref.current.focus({ preventScroll: true });
  }, []);
  return html`<div class=${wide ? 'page page-wide' : 'page'}>
    <h1 tabindex="-1" ref=${ref}>${title}</h1>
    ${lead ? html`<p class="lead">${lead}</p>` : null}
    ${children}
  </div>`;
}

/** A polite live region; its text is announced whenever it changes. */
export function Status({ message, kind = 'success' }) {
  return html`<div class=${message ? `notice notice-${kind}` : 'live-empty'} role="status" aria-live="polite">
    ${message || ''}
  </div>`;
}

/** The message a previous page left for this one (e.g. "account created"). */
export function useFlash() {
  const [msg] = useState(takeFlash);
  return msg;
}

let formSeq = 0;

/**
 * Form state: values, field errors from a 422/409 answer, one form-level error, busy flag.
 * `mapField` renames server field names (e.g. "grants[0].role" -> "role").
 */
export function useForm(initial, { mapField } = {}) {
  const [id] = useState(() => `f${++formSeq}`);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef(null);

  const focusSummary = () => setTimeout(() => summaryRef.current && summaryRef.current.focus(), 0);

  return {
    id,
    values,
    errors,
    error,
    busy,
    summaryRef,
    setValues,
    set(name, value) {
      setValues((v) => ({ ...v, [name]: value }));
    },
    bind(name) {
      return {
        value: values[name] ?? '',
        onInput: (e) => {
          const v = e.currentTarget.value;
          setValues((old) => ({ ...old, [name]: v }));
        },
      };
    },
    reset(next = initial) {
      setValues(next);
      setErrors({});
      setError('');
    },
    /** Client-side check: names of required fields left empty get "required". */
    requireFilled(names) {
      const f = {};
      for (const n of names) {
        if (String(values[n] ?? '').trim() === '') f[n] = t('form.required');
      }
      if (Object.keys(f).length) {
        setErrors(f);
        setError(t('form.fix'));
        focusSummary();
        return false;
      }
      return true;
    },
    /** Run `fn(values)`; an ApiError is shown as field errors and a form-level message. */
    async submit(e, fn) {
      if (e) e.preventDefault();
      setBusy(true);
      setErrors({});
      setError('');
      try {
        await fn(values);
      } catch (err) {
        if (err && err.name === 'AbortError') return;
        const f = {};
        if (err instanceof ApiError) {
          for (const [k, v] of Object.entries(err.fields)) f[mapField ? mapField(k) : k] = String(v);
        }
        setErrors(f);
        setError(Object.keys(f).length && err.code === 'validation_failed' ? t('form.fix') : errorText(err));
        focusSummary();
        if (!(err instanceof ApiError)) console.error(err);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The error summary at the top of a form (role=alert), linking to each field in error. */
export function ErrorSummary({ form, labels = {} }) {
  const entries = Object.entries(form.errors);
  const has = !!form.error || entries.length > 0;
  const jump = (e, name) => {
    const el = document.getElementById(`${form.id}-${name}`);
    if (el) {
      e.preventDefault();
      el.focus();
    }
  };
  return html`<div class=${has ? 'alert alert-error' : 'live-empty'} role="alert" tabindex="-1" ref=${form.summaryRef}>
    ${has
      ? html`<p class="alert-title">${form.error || t('form.fix')}</p>
          ${entries.length
            ? html`<ul class="alert-list">
                ${entries.map(([k, v]) => html`<li key=${k}>
                  <a href=${`#${form.id}-${k}`} onClick=${(e) => jump(e, k)}>${labels[k] ? `${labels[k]}: ` : ''}${v}</a>
                </li>`)}
              </ul>`
            : null}`
      : null}
  </div>`;
}

function describedBy(id, hint, err) {
  return [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldShell({ id, label, hint, err, optional, children }) {
  return html`<div class=${err ? 'field field-invalid' : 'field'}>
    <label for=${id}>${label}${optional ? html` <span class="optional">(${t('form.optional')})</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${err ? html`<p class="field-error" id=${`${id}-err`}><span class="visually-hidden">${t('form.error')}: </span>${err}</p>` : null}
    ${children}
  </div>`;
}

/** A labelled <input> bound to form.values[name], with hint and server error beside it. */
export function Field({ form, name, label, hint, optional = false, type = 'text', ...rest }) {
  const id = `${form.id}-${name}`;
  const err = form.errors[name];
  return html`<${FieldShell} id=${id} label=${label} hint=${hint} err=${err} optional=${optional}>
    <input id=${id} name=${name} type=${type} ...${form.bind(name)}
      aria-invalid=${err ? 'true' : undefined} aria-describedby=${describedBy(id, hint, err)}
      aria-required=${optional ? undefined : 'true'} ...${rest} />
  <//>`;
}

/** A labelled <select>; options are [value, text] pairs. */
export function SelectField({ form, name, label, hint, options, optional = false, onChange, ...rest }) {
  const id = `${form.id}-${name}`;
  const err = form.errors[name];
  return html`<${FieldShell} id=${id} label=${label} hint=${hint} err=${err} optional=${optional}>
    <select id=${id} name=${name} value=${form.values[name] ?? ''}
      onChange=${(e) => {
        form.set(name, e.currentTarget.value);
        if (onChange) onChange(e.currentTarget.value);
      }}
      aria-invalid=${err ? 'true' : undefined} aria-describedby=${describedBy(id, hint, err)} ...${rest}>
      ${options.map(([v, text]) => html`<option key=${v} value=${v}>${text}</option>`)}
    </select>
  <//>`;
}

export function CheckField({ form, name, label, hint }) {
  const id = `${form.id}-${name}`;
  const err = form.errors[name];
  return html`<div class=${err ? 'field field-check field-invalid' : 'field field-check'}>
    <input id=${id} type="checkbox" checked=${!!form.values[name]}
      onChange=${(e) => form.set(name, e.currentTarget.checked)}
      aria-describedby=${describedBy(id, hint, err)} />
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${err ? html`<p class="field-error" id=${`${id}-err`}>${err}</p>` : null}
  </div>`;
}

export function Submit({ form, label, busyLabel }) {
  return html`<button type="submit" class="btn btn-primary" disabled=${form.busy} aria-busy=${form.busy ? 'true' : undefined}>
    ${form.busy ? busyLabel || t('form.busy') : label}
  </button>`;
}

export function Loading({ label }) {
  return html`<p class="loading" role="status">${label || t('common.loading')}</p>`;
}

export function LoadError({ error, onRetry }) {
  return html`<div class="alert alert-error" role="alert">
    <p class="alert-title">${errorText(error)}</p>
    ${onRetry ? html`<button type="button" class="btn btn-secondary" onClick=${onRetry}>${t('common.retry')}</button>` : null}
  </div>`;
}

export function Empty({ children }) {
  return html`<div class="empty"><p>${children}</p></div>`;
}

/**
 * Load data with `fn(signal)` whenever `deps` change: { data, error, loading, reload, setData }.
 */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(() => fn(ctl.signal))
      .then(
        (data) => { if (!ctl.signal.aborted) setState({ data, error: null, loading: false }); },
        (error) => { if (!ctl.signal.aborted) setState({ data: null, error, loading: false }); },
      );
    return () => ctl.abort();
  }, [...deps, tick]);
  return {
    ...state,
    reload: () => setTick((n) => n + 1),
    setData: (f) => setState((s) => ({ ...s, data: typeof f === 'function' ? f(s.data) : f })),
  };
}

/**
 * A list the API answers in pages ({data, next_cursor}): the first page of `path` with
 * `query` loads like useLoad (again when `deps` change, or on reload(), which drops the
 * pages loaded after it); loadMore() appends the page after next_cursor.
 * { items, next, loading, error, reload, loadMore, busy, moreError, loadedMore, update }:
 * next is the cursor of the page after `items` (null: none); update(f) maps every item.
 */
export function usePaged(path, query, deps) {
  const fresh = { items: [], next: undefined, busy: false, error: '' };
  const [more, setMore] = useState(fresh);
  const gen = useRef(0);
  const r = useLoad(async (signal) => {
    gen.current += 1;
    setMore(fresh);
    return api(path, { query, signal });
  }, deps);
  const first = (r.data && r.data.data) || [];
  const next = more.next === undefined ? (r.data && r.data.next_cursor) || null : more.next;
  const loadMore = async () => {
    if (!next || more.busy) return;
    const g = gen.current;
    setMore((m) => ({ ...m, busy: true, error: '' }));
    try {
      const x = await api(path, { query: { ...query, cursor: next } });
      if (g !== gen.current) return; // the first page was loaded again meanwhile
      setMore((m) => ({ items: [...m.items, ...(x.data || [])], next: x.next_cursor || null, busy: false, error: '' }));
    } catch (e) {
      if (g === gen.current) setMore((m) => ({ ...m, busy: false, error: errorText(e) }));
    }
  };
  const update = (f) => {
    r.setData((d) => (d && d.data ? { ...d, data: d.data.map(f) } : d));
    setMore((m) => ({ ...m, items: m.items.map(f) }));
  };
  return {
    items: [...first, ...more.items], next, loading: r.loading, error: r.error, reload: r.reload, loadMore,
    busy: more.busy, moreError: more.error, loadedMore: more.items.length > 0, update,
  };
}

/** Rows per page of a paged list: ?limit= (1..200), else undefined (the server's default, 50). */
export function pageLimit(query) {
  const n = Number(query.get('limit'));
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
}

/** Under a paged list: its load error, a polite count once more was loaded, and the button for the next page. */
export function LoadMore({ list, label }) {
  return html`
    ${list.moreError ? html`<div class="alert alert-error" role="alert"><p class="alert-title">${list.moreError}</p></div>` : null}
    <p class="visually-hidden" role="status">${list.loadedMore ? t('common.loaded', { n: list.items.length }) : ''}</p>
    ${list.next
      ? html`<p><button type="button" class="btn btn-secondary" disabled=${list.busy} aria-busy=${list.busy ? 'true' : 'false'}
          onClick=${list.loadMore}>${list.busy ? t('common.loading') : label || t('common.load_more')}</button></p>`
      : null}`;
}

/** "Kabupaten Sumedang (32.11)", resolved lazily; the code alone until then. */
export function RegionName({ code, withCode = true }) {
  const [name, setName] = useState(null);
  useEffect(() => {
    let live = true;
    setName(null);
    regionInfo(code).then((r) => live && r && setName(r.name), () => {});
    return () => { live = false; };
  }, [code]);
  if (!code) return html`<span>${t('region.all')}</span>`;
  if (!name) return html`<span>${code}</span>`;
  return withCode ? html`<span>${name} <span class="code">(${code})</span></span>` : html`<span>${name}</span>`;
}

/**
 * The region an admin page works on: a code input with a "show" button.
 * `allowEmpty`: a platform admin may look at every region at once.
 */
export function RegionPicker({ value, onChange, allowEmpty = false }) {
  const [text, setText] = useState(value || '');
  const [err, setErr] = useState('');
  const id = useState(() => `rp${++formSeq}`)[0];
  useEffect(() => setText(value || ''), [value]);
  const submit = (e) => {
    e.preventDefault();
    const v = text.trim();
    if ((v === '' && !allowEmpty) || (v !== '' && !REGION_RE.test(v))) {
      setErr(t('region.code_invalid'));
      return;
    }
    setErr('');
    onChange(v);
  };
  return html`<form class="region-picker" onSubmit=${submit} novalidate>
    <div class=${err ? 'field field-invalid' : 'field'}>
      <label for=${id}>${t('region.code')}</label>
      <p class="hint" id=${`${id}-hint`}>${t('region.code_hint')}</p>
      ${err ? html`<p class="field-error" id=${`${id}-err`} role="alert">${err}</p>` : null}
      <div class="inline-row">
        <input id=${id} value=${text} inputmode="decimal" autocomplete="off" spellcheck="false"
          onInput=${(e) => setText(e.currentTarget.value)}
          aria-invalid=${err ? 'true' : undefined} aria-describedby=${describedBy(id, true, err)} />
        <button type="submit" class="btn btn-secondary">${t('common.show')}</button>
      </div>
    </div>
    <p class="region-current">${t('region.showing')}: <strong><${RegionName} code=${value} /></strong></p>
  </form>`;
}

/** A destructive action that asks once more, inline (no window.confirm). */
export function ConfirmButton({ label, confirmLabel, onConfirm, describe }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const yes = useRef(null);
  useEffect(() => {
    if (asking && yes.current) yes.current.focus();
  }, [asking]);
  if (!asking) {
    return html`<button type="button" class="btn btn-danger-outline" onClick=${() => setAsking(true)}
      aria-label=${describe ? `${label}: ${describe}` : undefined}>${label}</button>`;
  }
  return html`<span class="confirm" role="group" aria-label=${describe || label}>
    <button type="button" class="btn btn-danger" ref=${yes} disabled=${busy}
      onClick=${async () => {
        setBusy(true);
        try {
          await onConfirm();
        } finally {
          setBusy(false);
          setAsking(false);
        }
      }}>${confirmLabel || t('common.confirm_yes')}</button>
    <button type="button" class="btn btn-secondary" onClick=${() => setAsking(false)}>${t('common.cancel')}</button>
  </span>`;
}

export function DateTime({ value }) {
  if (!value) return html`<span>—</span>`;
  return html`<time datetime=${value}>${fmtDateTime(value)}</time>`;
}
