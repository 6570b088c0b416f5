// Working calendar (kalender kerja) of a region for SLA clocks: time zone, office hours per
// weekday, holidays and cuti bersama, exceptions (e.g. Ramadan hours). GET/PUT
// /api/v1/regions/{code}/calendar; saved with the version read (409 stale_version), the
// server's 422 field paths ("week.fri[1]", "holidays[2].first", "exceptions[0].week.mon[0]")
// shown beside their inputs. The PUT body is also the JSON import and export format.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { getLang, t } from '../i18n.js';
import { ApiError, api, errorText } from '../api.js';
import { setQuery } from '../router.js';
import { adminRegion, grantRegions, isPlatformAdmin } from '../session.js';
import { DateTime, Empty, LoadError, Loading, Page, RegionPicker, Status, useLoad } from '../ui.js';
import { pageRegion } from './admin-common.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ZONES = [['WIB', '+07:00'], ['WITA', '+08:00'], ['WIT', '+09:00']];
const MAX_INTERVALS = 4;
const MAX_HOLIDAYS = 500;
const MAX_EXCEPTIONS = 50;
const FID = 'cal'; // prefix of every input id: `cal-week.fri[1]` is where "week.fri[1]" is shown
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The usual Ramadan hours (as calendar_week_ramadan on the server).
const RAMADAN = {
  mon: [['08:00', '12:00'], ['12:30', '15:00']],
  tue: [['08:00', '12:00'], ['12:30', '15:00']],
  wed: [['08:00', '12:00'], ['12:30', '15:00']],
  thu: [['08:00', '12:00'], ['12:30', '15:00']],
  fri: [['08:00', '11:30'], ['12:30', '15:30']],
};

let seq = 0;
const newKey = () => `k${++seq}`;
const idOf = (path) => `${FID}-${path}`;
const dayName = (d) => t(`day.${d}`);

function realDate(s) {
  const m = DATE_RE.exec(typeof s === 'string' ? s : '');
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const minutes = (s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// A time input cannot hold "24:00": an end of 00:00 stands for midnight (an end is after its start).
const endMinutes = (s) => (s === '00:00' ? 1440 : minutes(s));

const isObject = (x) => !!x && typeof x === 'object' && !Array.isArray(x);
const emptyWeek = () => Object.fromEntries(DAYS.map((d) => [d, []]));
const copyWeek = (w) => Object.fromEntries(DAYS.map((d) => [d, w[d].map((iv) => ({ ...iv, k: newKey() }))]));

/** {mon: [["07:30","12:00"]], ...} -> draft week; what cannot go into a time input lands in problems. */
function weekFrom(w, path, problems) {
  const out = emptyWeek();
  if (!isObject(w)) {
    problems[path] = t('cal.import_week');
    return out;
  }
  for (const [d, list] of Object.entries(w)) {
    if (!DAYS.includes(d)) {
      problems[`${path}.${d}`] = t('cal.import_day');
      continue;
    }
    if (!Array.isArray(list) || list.length > MAX_INTERVALS) {
      problems[`${path}.${d}`] = t('cal.import_intervals');
      continue;
    }
    out[d] = list.map((iv, i) => {
      const pair = Array.isArray(iv) && iv.length === 2;
      const start = pair && TIME_RE.test(iv[0]) ? iv[0] : '';
      const end = pair && iv[1] === '24:00' ? '00:00' : pair && TIME_RE.test(iv[1]) ? iv[1] : '';
      if (!start || !end) problems[`${path}.${d}[${i}]`] = t('cal.import_time');
      return { k: newKey(), start, end };
    });
  }
  return out;
}

function rangesFrom(list, path, withWeek, problems) {
  if (!Array.isArray(list)) {
    problems[path] = t('cal.import_list');
    return [];
  }
  const max = withWeek ? MAX_EXCEPTIONS : MAX_HOLIDAYS;
  if (list.length > max) problems[path] = t(withWeek ? 'cal.too_many_exceptions' : 'cal.too_many_holidays', { max });
  return list.slice(0, max).map((x, i) => {
    const p = `${path}[${i}]`;
    const o = isObject(x) ? x : {};
    if (!isObject(x)) problems[p] = t('cal.import_item');
    const first = realDate(o.first) ? o.first : '';
    if (isObject(x) && !first) problems[`${p}.first`] = t('cal.date_invalid');
    let last = '';
    if (o.last !== undefined) {
      if (realDate(o.last)) last = o.last === first ? '' : o.last;
      else problems[`${p}.last`] = t('cal.date_invalid');
    }
    const item = { k: newKey(), first, last, name: typeof o.name === 'string' ? o.name : '' };
    if (withWeek) item.week = weekFrom(o.week, `${p}.week`, problems);
    return item;
  });
}

/** A stored calendar (GET/PUT answer) -> the form's draft; holidays in date order. */
function draftFrom(doc) {
  const problems = {};
  const holidays = rangesFrom(doc.holidays || [], 'holidays', false, problems);
  holidays.sort((a, b) => (a.first + (a.last || a.first)).localeCompare(b.first + (b.last || b.first)));
  return {
    time_zone: doc.time_zone || 'WIB',
    week: weekFrom(doc.week || {}, 'week', problems),
    holidays,
    exceptions: rangesFrom(doc.exceptions || [], 'exceptions', true, problems),
  };
}

/**
 * An imported file -> { draft, problems }. The parts the file has replace the form's;
 * the others stay. A bare array is a list of holidays.
 */
function importInto(draft, doc) {
  const problems = {};
  if (Array.isArray(doc)) doc = { holidays: doc };
  if (!isObject(doc)) return null;
  const next = { ...draft };
  if (doc.time_zone !== undefined) {
    if (ZONES.some(([z]) => z === doc.time_zone)) next.time_zone = doc.time_zone;
    else problems.time_zone = t('cal.import_zone');
  }
  if (doc.week !== undefined) next.week = weekFrom(doc.week, 'week', problems);
  if (doc.holidays !== undefined) next.holidays = rangesFrom(doc.holidays, 'holidays', false, problems);
  if (doc.exceptions !== undefined) next.exceptions = rangesFrom(doc.exceptions, 'exceptions', true, problems);
  return { draft: next, problems };
}

/** The draft as a PUT body (also the export), and the inputs left empty. */
function bodyOf(draft, version) {
  const problems = {};
  const week = (w, path) => Object.fromEntries(DAYS.map((d) => [d, w[d].map((iv, i) => {
    if (!iv.start || !iv.end) problems[`${path}.${d}[${i}]`] = t('cal.time_required');
    return [iv.start, iv.end === '00:00' ? '24:00' : iv.end];
  })]));
  const range = (x, p) => {
    if (!x.first) problems[`${p}.first`] = t('form.required');
    const o = { first: x.first };
    if (x.last && x.last !== x.first) o.last = x.last;
    if (x.name.trim()) o.name = x.name.trim();
    return o;
  };
  const body = {
    time_zone: draft.time_zone,
    week: week(draft.week, 'week'),
    holidays: draft.holidays.map((h, i) => range(h, `holidays[${i}]`)),
    exceptions: draft.exceptions.map((e, i) => {
      const o = range(e, `exceptions[${i}]`);
      o.week = week(e.week, `exceptions[${i}].week`);
      return o;
    }),
    version,
  };
  return { body, problems };
}

/** "exceptions[0].week.fri[1]" -> "Pengecualian 1 · Jumat · rentang 2". */
function labelFor(path) {
  const toks = [...path.matchAll(/([a-z_]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  const parts = [];
  let list = null;
  let inWeek = false;
  let day = false;
  for (const tok of toks) {
    if (typeof tok === 'number') {
      if (day) parts.push(t('cal.interval_n', { n: tok + 1 }));
      else if (list === 'holidays') parts.push(t('cal.holiday_n', { n: tok + 1 }));
      else if (list === 'exceptions') parts.push(t('cal.exception_n', { n: tok + 1 }));
      else parts.push(`[${tok}]`);
    } else if (inWeek) {
      parts.push(DAYS.includes(tok) ? dayName(tok) : tok);
      day = true;
    } else if (tok === 'week') {
      parts.push(parts.length ? t('cal.exception_hours') : t('cal.hours_title'));
      inWeek = true;
    } else if (!parts.length && ['time_zone', 'holidays', 'exceptions', 'version'].includes(tok)) {
      list = tok;
      parts.push(t(`cal.field_${tok}`));
    } else if (tok === 'first') {
      parts.push(t(list === 'exceptions' ? 'cal.from' : 'cal.first'));
    } else if (tok === 'last') {
      parts.push(t('cal.last'));
    } else if (tok === 'name') {
      parts.push(t('cal.name'));
    } else {
      parts.push(tok);
    }
  }
  // "Hari libur dan cuti bersama · Hari libur 3" says the list twice.
  if (parts.length > 1 && (list === 'holidays' || list === 'exceptions')) parts.shift();
  return parts.join(' · ');
}

/** Where a field error sends the focus: the input, else the nearest enclosing part. */
function targetOf(path) {
  if (/^(holidays|exceptions)\[\d+\]$/.test(path)) return document.getElementById(idOf(`${path}.first`));
  let p = path;
  while (p) {
    const el = document.getElementById(idOf(p));
    if (el) return el;
    const cut = p.replace(/(\.[a-z_]+|\[\d+\])$/, '');
    if (cut === p) break;
    p = cut;
  }
  return null;
}

function ErrorBox({ errors, error, boxRef, children }) {
  const entries = Object.entries(errors);
  const has = !!error || entries.length > 0;
  const jump = (e, k) => {
    const el = targetOf(k);
    if (el) {
      e.preventDefault();
      el.focus();
    }
  };
  return html`<div class=${has ? 'alert alert-error' : 'live-empty'} role="alert" tabindex="-1" ref=${boxRef}>
    ${has
      ? html`<p class="alert-title">${error || t('form.fix')}</p>
          ${entries.length
            ? html`<ul class="alert-list">
                ${entries.map(([k, v]) => html`<li key=${k}>
                  <a href=${`#${idOf(k)}`} onClick=${(e) => jump(e, k)}>${labelFor(k)}: ${v}</a>
                </li>`)}
              </ul>`
            : null}
          ${children}`
      : null}
  </div>`;
}

const describedBy = (...ids) => ids.filter(Boolean).join(' ') || undefined;

function FieldError({ id, message }) {
  return message
    ? html`<p class="field-error" id=${id}><span class="visually-hidden">${t('form.error')}: </span>${message}</p>`
    : null;
}

/** A labelled input for one path of the calendar; `rowErr` is the id of its row's error. */
function Input({ path, label, hint, err, rowErr, optional = false, value, onValue, ...rest }) {
  const id = idOf(path);
  return html`<div class=${err ? 'field field-invalid' : 'field'}>
    <label for=${id}>${label}${optional ? html` <span class="optional">(${t('form.optional')})</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    <${FieldError} id=${`${id}-err`} message=${err} />
    <input id=${id} value=${value} onInput=${(e) => onValue(e.currentTarget.value)}
      aria-invalid=${err || rowErr ? 'true' : undefined}
      aria-describedby=${describedBy(hint && `${id}-hint`, err && `${id}-err`, rowErr)}
      aria-required=${optional ? undefined : 'true'} ...${rest} />
  </div>`;
}

function nextInterval(list) {
  if (!list.length) return { k: newKey(), start: '07:30', end: '16:00' };
  const prev = list[list.length - 1];
  const from = prev.end ? endMinutes(prev.end) + 60 : 0;
  if (!prev.end || from >= 1440) return { k: newKey(), start: '', end: '' };
  return { k: newKey(), start: hhmm(from), end: hhmm(Math.min(from + 120, 1440) % 1440) };
}

function DayHours({ path, day, list, errors, readOnly, onChange, focus }) {
  const err = errors[path];
  const name = dayName(day);
  const set = (i, field, v) => onChange(list.map((iv, j) => (j === i ? { ...iv, [field]: v } : iv)), false);
  const add = () => {
    focus(idOf(`${path}[${list.length}]`));
    onChange([...list, nextInterval(list)], true);
  };
  const remove = (i) => {
    focus(idOf(`${path}-add`));
    onChange(list.filter((_, j) => j !== i), true);
  };
  return html`<fieldset class=${err ? 'day field-invalid' : 'day'} id=${idOf(path)} tabindex="-1"
      aria-describedby=${err ? `${idOf(path)}-err` : undefined}>
    <legend>${name}</legend>
    <${FieldError} id=${`${idOf(path)}-err`} message=${err} />
    ${list.length
      ? html`<ul class="intervals">
          ${list.map((iv, i) => {
            const p = `${path}[${i}]`;
            const e = errors[p];
            const eid = e ? `${idOf(p)}-err` : undefined;
            return html`<li key=${iv.k} class=${e ? 'interval field-invalid' : 'interval'}>
              <${FieldError} id=${`${idOf(p)}-err`} message=${e} />
              <div class="interval-row">
                <div class="time-field">
                  <label for=${idOf(p)}>${t('cal.start')}</label>
                  <input id=${idOf(p)} type="time" step="60" value=${iv.start} readOnly=${readOnly}
                    onInput=${(ev) => set(i, 'start', ev.currentTarget.value)}
                    aria-invalid=${e ? 'true' : undefined} aria-describedby=${eid} aria-required="true" />
                </div>
                <div class="time-field">
                  <label for=${`${idOf(p)}-end`}>${t('cal.end')}</label>
                  <input id=${`${idOf(p)}-end`} type="time" step="60" value=${iv.end} readOnly=${readOnly}
                    onInput=${(ev) => set(i, 'end', ev.currentTarget.value)}
                    aria-invalid=${e ? 'true' : undefined} aria-describedby=${eid} aria-required="true" />
                </div>
                ${readOnly
                  ? null
                  : html`<button type="button" class="btn btn-danger-outline btn-icon" onClick=${() => remove(i)}>
                      <span aria-hidden="true">×</span><span class="visually-hidden">${t('cal.remove_interval_named', { n: i + 1, day: name })}</span>
                    </button>`}
              </div>
            </li>`;
          })}
        </ul>`
      : html`<p class="day-closed">${t('cal.closed')}</p>`}
    ${readOnly || list.length >= MAX_INTERVALS
      ? null
      : html`<button type="button" class="btn btn-secondary btn-small" id=${idOf(`${path}-add`)} onClick=${add}
          aria-label=${t('cal.add_interval_day', { day: name })}>${t('cal.add_interval')}</button>`}
  </fieldset>`;
}

function weekMinutes(week) {
  let sum = 0;
  for (const d of DAYS) {
    for (const iv of week[d]) {
      if (TIME_RE.test(iv.start) && TIME_RE.test(iv.end)) sum += Math.max(0, endMinutes(iv.end) - minutes(iv.start));
    }
  }
  return sum;
}

function WeekHours({ base, week, errors, readOnly, onChange, focus }) {
  const err = errors[base];
  const hours = new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 })
    .format(weekMinutes(week) / 60);
  return html`<div class=${err ? 'week-box field-invalid' : 'week-box'} id=${idOf(base)} tabindex="-1">
    <${FieldError} id=${`${idOf(base)}-err`} message=${err} />
    <div class="week">
      ${DAYS.map((d) => html`<${DayHours} key=${d} path=${`${base}.${d}`} day=${d} list=${week[d]} errors=${errors}
        readOnly=${readOnly} focus=${focus} onChange=${(list, structural) => onChange({ ...week, [d]: list }, structural)} />`)}
    </div>
    <p class="note">${t('cal.week_total', { h: hours })}</p>
  </div>`;
}

function RangeItem({ kind, index, item, errors, readOnly, onChange, onRemove, focus, weekly }) {
  const p = `${kind}[${index}]`;
  const rowErr = errors[p];
  const rowErrId = rowErr ? `${idOf(p)}-err` : undefined;
  const set = (field) => (v) => onChange({ ...item, [field]: v }, false);
  const legend = t(kind === 'holidays' ? 'cal.holiday_n' : 'cal.exception_n', { n: index + 1 });
  return html`<fieldset class=${rowErr ? 'cal-item field-invalid' : 'cal-item'} id=${idOf(p)} tabindex="-1">
    <legend>${legend}</legend>
    <${FieldError} id=${rowErrId || `${idOf(p)}-err`} message=${rowErr} />
    <div class="cal-dates">
      <${Input} path=${`${p}.first`} type="date" min="1900-01-01" max="9999-12-31"
        label=${t(kind === 'holidays' ? 'cal.first' : 'cal.from')} err=${errors[`${p}.first`]} rowErr=${rowErrId}
        value=${item.first} onValue=${set('first')} readOnly=${readOnly} />
      <${Input} path=${`${p}.last`} type="date" min=${item.first || '1900-01-01'} max="9999-12-31" optional=${true}
        label=${t('cal.last')} hint=${t('cal.last_hint')} err=${errors[`${p}.last`]} rowErr=${rowErrId}
        value=${item.last} onValue=${set('last')} readOnly=${readOnly} />
    </div>
    <${Input} path=${`${p}.name`} optional=${true} maxlength="120" autocomplete="off"
      label=${t('cal.name')} hint=${kind === 'holidays' ? t('cal.holiday_name_hint') : t('cal.exception_name_hint')}
      err=${errors[`${p}.name`]} value=${item.name} onValue=${set('name')} readOnly=${readOnly} />
    ${kind === 'exceptions'
      ? html`<fieldset class="fieldset exception-hours">
          <legend>${t('cal.exception_hours')}</legend>
          ${readOnly
            ? null
            : html`<div class="actions">
                <button type="button" class="btn btn-secondary btn-small"
                  onClick=${() => onChange({ ...item, week: copyWeek(weekly) }, true)}>${t('cal.use_weekly')}</button>
                <button type="button" class="btn btn-secondary btn-small"
                  onClick=${() => onChange({ ...item, week: weekFrom(RAMADAN, '', {}) }, true)}>${t('cal.use_ramadan')}</button>
              </div>`}
          <${WeekHours} base=${`${p}.week`} week=${item.week} errors=${errors} readOnly=${readOnly} focus=${focus}
            onChange=${(w, structural) => onChange({ ...item, week: w }, structural)} />
        </fieldset>`
      : null}
    ${readOnly
      ? null
      : html`<div class="actions">
          <button type="button" class="btn btn-danger-outline btn-small" onClick=${onRemove}
            aria-label=${`${t('cal.remove')}: ${legend}${item.name.trim() ? ` (${item.name.trim()})` : ''}`}>${t('cal.remove')}</button>
        </div>`}
  </fieldset>`;
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function CalendarEditor({ region, data, mayEdit, onMessage, onReload }) {
  const [base, setBase] = useState(data);
  const [draft, setDraft] = useState(() => draftFrom(data));
  const [errors, setErrors] = useState({});
  const [error, setError] = useState('');
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [importErr, setImportErr] = useState('');
  const boxRef = useRef(null);
  const fileRef = useRef(null);
  const pendingFocus = useRef(null);
  const readOnly = !mayEdit;

  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    if (el) el.focus();
  });
  const focus = (id) => { pendingFocus.current = id; };
  const showErrors = (f, message) => {
    setErrors(f);
    setError(message);
    setTimeout(() => boxRef.current && boxRef.current.focus(), 0);
  };
  // Adding or removing a row renumbers the paths the errors name: those errors are dropped.
  const change = (fn, structural) => {
    setDraft(fn);
    if (structural) {
      setErrors({});
      if (!stale) setError('');
    }
  };

  const dirty = JSON.stringify(bodyOf(draft, 0).body) !== JSON.stringify(bodyOf(draftFrom(base), 0).body);

  const save = async (e) => {
    e.preventDefault();
    if (busy || readOnly) return;
    onMessage('');
    const { body, problems } = bodyOf(draft, base.version);
    if (Object.keys(problems).length) {
      showErrors(problems, t('form.fix'));
      return;
    }
    setBusy(true);
    setErrors({});
    setError('');
    setStale(false);
    try {
      const cal = await api(`/regions/${region}/calendar`, { method: 'PUT', body });
      setBase(cal);
      setDraft(draftFrom(cal));
      onMessage(t('cal.saved', { v: cal.version }));
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      const f = err instanceof ApiError ? { ...err.fields } : {};
      if (err instanceof ApiError && err.code === 'stale_version') {
        setStale(true);
        showErrors({}, t('cal.stale'));
      } else {
        showErrors(f, Object.keys(f).length && err.code === 'validation_failed' ? t('form.fix') : errorText(err));
      }
      if (!(err instanceof ApiError)) console.error(err);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (e) => {
    const file = e.currentTarget.files && e.currentTarget.files[0];
    if (!file) return;
    onMessage('');
    setImportErr('');
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      setImportErr(t('cal.import_not_json', { file: file.name }));
      if (fileRef.current) fileRef.current.value = '';
      return;
    }
    const r = importInto(draft, doc);
    if (fileRef.current) fileRef.current.value = ''; // the same file can be chosen again
    if (!r) {
      setImportErr(t('cal.import_not_calendar', { file: file.name }));
      return;
    }
    setDraft(r.draft);
    setStale(false);
    const summary = t('cal.imported', { file: file.name, h: r.draft.holidays.length, e: r.draft.exceptions.length });
    if (Object.keys(r.problems).length) showErrors(r.problems, t('cal.import_problems', { file: file.name }));
    else {
      setErrors({});
      setError('');
    }
    onMessage(summary);
  };

  const exportJson = () => {
    const { body } = bodyOf(draft, base.version);
    const name = `kalender-${region}-v${base.version}.json`;
    download(name, `${JSON.stringify(body, null, 2)}\n`);
    onMessage(t('cal.exported', { file: name }));
  };

  const reset = () => {
    setDraft(draftFrom(base));
    setErrors({});
    setError('');
    onMessage(t('cal.reset_done'));
  };

  const holidaysErr = errors.holidays;
  const exceptionsErr = errors.exceptions;
  const tzErr = errors.time_zone;

  return html`<div class="calendar">
    <p class="cal-version">
      ${base.version
        ? html`${t('cal.version', { v: base.version })} · ${t('cal.updated')} <${DateTime} value=${base.updated_at} />`
        : html`${t('cal.default_note')}${readOnly ? '' : ` ${t('cal.default_save')}`}`}
    </p>
    ${readOnly ? html`<p class="warning">${t('cal.read_only')}</p>` : null}

    <section class="section cal-io" aria-labelledby="cal-io-h">
      <h2 id="cal-io-h">${t('cal.io_title')}</h2>
      ${readOnly
        ? null
        : html`<div class=${importErr ? 'field field-invalid' : 'field'}>
            <label for="cal-import">${t('cal.import')}</label>
            <p class="hint" id="cal-import-hint">${t('cal.import_hint')}</p>
            ${importErr ? html`<p class="field-error" id="cal-import-err" role="alert">${importErr}</p>` : null}
            <input id="cal-import" type="file" accept=".json,application/json" ref=${fileRef} onChange=${onFile}
              aria-describedby=${describedBy('cal-import-hint', importErr && 'cal-import-err')} />
          </div>`}
      <button type="button" class="btn btn-secondary" onClick=${exportJson}>${t('cal.export')}</button>
    </section>

    <form class="cal-form" onSubmit=${save} novalidate aria-label=${t('cal.form_label')}>
      <${ErrorBox} errors=${errors} error=${error} boxRef=${boxRef}>
        ${stale
          ? html`<p>${t('cal.stale_hint')}</p>
              <button type="button" class="btn btn-secondary" onClick=${onReload}>${t('cal.reload')}</button>`
          : null}
      <//>

      <section class="section" aria-labelledby="cal-tz-h">
        <h2 id="cal-tz-h">${t('cal.field_time_zone')}</h2>
        <div class=${tzErr ? 'field field-invalid' : 'field'}>
          <label for=${idOf('time_zone')}>${t('cal.time_zone')}</label>
          <p class="hint" id=${`${idOf('time_zone')}-hint`}>${t('cal.time_zone_hint')}</p>
          <${FieldError} id=${`${idOf('time_zone')}-err`} message=${tzErr} />
          <select id=${idOf('time_zone')} value=${draft.time_zone} disabled=${readOnly}
            onChange=${(e) => { const v = e.currentTarget.value; change((d) => ({ ...d, time_zone: v }), false); }}
            aria-invalid=${tzErr ? 'true' : undefined}
            aria-describedby=${describedBy(`${idOf('time_zone')}-hint`, tzErr && `${idOf('time_zone')}-err`)}>
            ${ZONES.map(([z, off]) => html`<option key=${z} value=${z}>${z} — UTC${off}</option>`)}
          </select>
        </div>
      </section>

      <section class="section" aria-labelledby="cal-week-h">
        <h2 id="cal-week-h">${t('cal.hours_title')}</h2>
        <p class="hint">${t('cal.hours_hint')}</p>
        <${WeekHours} base="week" week=${draft.week} errors=${errors} readOnly=${readOnly} focus=${focus}
          onChange=${(w, structural) => change((d) => ({ ...d, week: w }), structural)} />
      </section>

      <section class="section" aria-labelledby="cal-hol-h">
        <h2 id="cal-hol-h">${t('cal.field_holidays')}</h2>
        <p class="hint">${t('cal.holidays_hint')}</p>
        <div id=${idOf('holidays')} tabindex="-1" class=${holidaysErr ? 'field-invalid' : ''}>
          <${FieldError} id=${`${idOf('holidays')}-err`} message=${holidaysErr} />
          ${draft.holidays.length
            ? draft.holidays.map((h, i) => html`<${RangeItem} key=${h.k} kind="holidays" index=${i} item=${h} errors=${errors}
                readOnly=${readOnly} focus=${focus}
                onChange=${(x, structural) => change((d) => ({ ...d, holidays: d.holidays.map((y, j) => (j === i ? x : y)) }), structural)}
                onRemove=${() => { focus(idOf('holidays-add')); change((d) => ({ ...d, holidays: d.holidays.filter((_, j) => j !== i) }), true); }} />`)
            : html`<${Empty}>${t('cal.no_holidays')}<//>`}
        </div>
        ${readOnly || draft.holidays.length >= MAX_HOLIDAYS
          ? null
          : html`<button type="button" class="btn btn-secondary" id=${idOf('holidays-add')}
              onClick=${() => {
                focus(idOf(`holidays[${draft.holidays.length}].first`));
                change((d) => ({ ...d, holidays: [...d.holidays, { k: newKey(), first: '', last: '', name: '' }] }), true);
              }}>${t('cal.add_holiday')}</button>`}
      </section>

      <section class="section" aria-labelledby="cal-exc-h">
        <h2 id="cal-exc-h">${t('cal.field_exceptions')}</h2>
        <p class="hint">${t('cal.exceptions_hint')}</p>
        <div id=${idOf('exceptions')} tabindex="-1" class=${exceptionsErr ? 'field-invalid' : ''}>
          <${FieldError} id=${`${idOf('exceptions')}-err`} message=${exceptionsErr} />
          ${draft.exceptions.length
            ? draft.exceptions.map((x, i) => html`<${RangeItem} key=${x.k} kind="exceptions" index=${i} item=${x} errors=${errors}
                readOnly=${readOnly} focus=${focus} weekly=${draft.week}
                onChange=${(y, structural) => change((d) => ({ ...d, exceptions: d.exceptions.map((z, j) => (j === i ? y : z)) }), structural)}
                onRemove=${() => { focus(idOf('exceptions-add')); change((d) => ({ ...d, exceptions: d.exceptions.filter((_, j) => j !== i) }), true); }} />`)
            : html`<${Empty}>${t('cal.no_exceptions')}<//>`}
        </div>
        ${readOnly || draft.exceptions.length >= MAX_EXCEPTIONS
          ? null
          : html`<button type="button" class="btn btn-secondary" id=${idOf('exceptions-add')}
              onClick=${() => {
                focus(idOf(`exceptions[${draft.exceptions.length}].first`));
                change((d) => ({ ...d, exceptions: [...d.exceptions, { k: newKey(), first: '', last: '', name: '', week: copyWeek(d.week) }] }), true);
              }}>${t('cal.add_exception')}</button>`}
      </section>

      ${readOnly
        ? null
        : html`<div class="actions cal-actions">
            <button type="submit" class="btn btn-primary" disabled=${busy} aria-busy=${busy ? 'true' : undefined}>
              ${busy ? t('form.busy') : t('cal.save')}
            </button>
            <button type="button" class="btn btn-secondary" onClick=${reset} disabled=${!dirty}>${t('cal.reset')}</button>
            <p class="note cal-dirty">${dirty ? t('cal.unsaved') : t('cal.no_changes')}</p>
          </div>`}
    </form>
  </div>`;
}

/** Whether the user's grants let them save the calendar of region (PUT's path_region scope). */
function mayEditRegion(user, region) {
  if (isPlatformAdmin(user)) return true;
  return grantRegions(user).some((g) => region === g || region.startsWith(`${g}.`));
}

export default function AdminCalendar({ user, query }) {
  const region = pageRegion(query, user, adminRegion(user));
  const r = useLoad((signal) => (region ? api(`/regions/${region}/calendar`, { signal }) : Promise.resolve(null)), [region]);
  const [msg, setMsg] = useState('');

  return html`<${Page} title=${t('cal.title')} lead=${t('cal.lead')}>
    <${Status} message=${msg} />
    <${RegionPicker} value=${region} onChange=${(v) => { setMsg(''); setQuery({ region: v }); }} />
    ${!region
      ? html`<${Empty}>${t('cal.choose_region')}<//>`
      : r.loading
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : r.data
            ? html`<${CalendarEditor} key=${region} region=${region} data=${r.data} mayEdit=${mayEditRegion(user, region)}
                onMessage=${setMsg} onReload=${() => { setMsg(t('cal.reloaded')); r.reload(); }} />`
            : null}
  <//>`;
}
