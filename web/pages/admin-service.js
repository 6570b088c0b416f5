// Create or edit one service (/admin/services/new?region=, /admin/services/:id): agency,
// code, name, description, the 14 components of Standar Pelayanan in two fieldsets, the
// required documents, the application form, fee, channels, working time and breach policy.
// POST /api/v1/regions/{code}/services creates a draft; PATCH /api/v1/services/{id} saves
// with the version read (409 stale_version: "load the latest version"); publish and retire
// are POSTs with the version. Every 422 field path ("form[2].options", "standard.biaya",
// "requirements[0].formats[1]") is shown beside its input, or beside the nearest enclosing
// part, and in the summary at the top with a link that focuses it.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { getLang, loadStrings, t } from '../i18n.js';
import { ApiError, api, errorText } from '../api.js';
import { navigate, takeFlash } from '../router.js';
import { hasRole, isAdmin } from '../session.js';
import { ConfirmButton, DateTime, LoadError, Loading, Page, RegionName, Status, useLoad } from '../ui.js';
import { useAgencyOptions } from './admin-common.js';
import { ownRegion } from './admin-services.js';
import {
  CHANNELS, COMPONENTS, DELIVERY, FIELD_TYPES, FORMATS, MANAGEMENT, MB, POLICIES, StatusBadge, channelText, feeText, fmtNumber,
  slaText,
} from './service-common.js';

await loadStrings('services-admin');

const MAX_REQS = 20;
const MAX_FIELDS = 50;
const idOf = (path) => `svc-${path}`;
let seq = 0;
const newKey = () => `k${++seq}`;
const describedBy = (...ids) => ids.filter(Boolean).join(' ') || undefined;

// ---- draft <-> service -------------------------------------------------------------------

const mbInput = (bytes) => (bytes ? fmtNumber(bytes / MB, 2) : '');

function draftFrom(s) {
  const std = (s && s.standard) || {};
  return {
    agency_id: s && s.agency_id != null ? String(s.agency_id) : '',
    code: (s && s.code) || '',
    name: (s && s.name) || '',
    description: (s && s.description) || '',
    standard: Object.fromEntries(COMPONENTS.map((k) => [k, std[k] || ''])),
    requirements: ((s && s.requirements) || []).map((r) => ({
      k: newKey(), code: r.code || '', name: r.name || '', formats: [...(r.formats || [])],
      mb: mbInput(r.max_bytes), bytes: r.max_bytes, mandatory: !!r.mandatory,
    })),
    form: ((s && s.form) || []).map((f) => ({
      k: newKey(), name: f.name || '', label: f.label || '', type: f.type || 'text', required: !!f.required,
      options: (f.options || []).join('\n'),
    })),
    fee: s ? String(s.fee ?? '') : '0',
    sla_minutes: s && s.sla_minutes != null ? String(s.sla_minutes) : '',
    channels: s ? [...(s.channels || [])] : ['online', 'counter'],
    breach_policy: (s && s.breach_policy) || 'escalate',
  };
}

const newReq = () => ({ k: newKey(), code: '', name: '', formats: ['pdf'], mb: '2', bytes: 2 * MB, mandatory: true });
const newField = () => ({ k: newKey(), name: '', label: '', type: 'text', required: true, options: '' });

/** "1,5" or "1.5" (MB) -> bytes; NaN when it is not a number. */
function bytesOf(text) {
  const s = String(text).trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return NaN;
  return Math.round(Number(s) * MB);
}

/** The draft as a request body, and what the client can tell is wrong before sending it. */
function bodyOf(d) {
  const problems = {};
  const int = (v, path) => {
    const s = String(v).trim();
    if (s === '') problems[path] = t('form.required');
    else if (!/^\d+$/.test(s)) problems[path] = t('sa.not_number');
    return /^\d+$/.test(s) ? Number(s) : null;
  };
  const body = {
    agency_id: d.agency_id === '' ? null : Number(d.agency_id),
    code: d.code.trim(),
    name: d.name.trim(),
    description: d.description.trim(),
    standard: Object.fromEntries(COMPONENTS.map((k) => [k, d.standard[k].trim()])),
    requirements: d.requirements.map((r, i) => {
      let bytes = r.bytes;
      if (Number.isNaN(bytes)) {
        problems[`requirements[${i}].max_bytes`] = String(r.mb).trim() === '' ? t('form.required') : t('sa.not_number');
        bytes = 0;
      }
      return { code: r.code.trim(), name: r.name.trim(), formats: FORMATS.filter((f) => r.formats.includes(f)), max_bytes: bytes, mandatory: r.mandatory };
    }),
    form: d.form.map((f) => {
      const o = { name: f.name.trim(), label: f.label.trim(), type: f.type, required: f.required };
      if (f.type === 'choice') o.options = f.options.split('\n').map((x) => x.trim()).filter(Boolean);
      return o;
    }),
    fee: int(d.fee, 'fee'),
    channels: CHANNELS.filter((c) => d.channels.includes(c)),
    sla_minutes: int(d.sla_minutes, 'sla_minutes'),
    breach_policy: d.breach_policy,
  };
  if (d.agency_id === '') problems.agency_id = t('form.required');
  return { body, problems };
}

// ---- where an error is shown ------------------------------------------------------------

/** Every path the form has an input or a group for. */
function slotsOf(d) {
  const s = new Set(['agency_id', 'code', 'name', 'description', 'standard', 'requirements', 'form', 'fee', 'channels',
    'sla_minutes', 'breach_policy', 'workflow']);
  for (const k of COMPONENTS) s.add(`standard.${k}`);
  d.requirements.forEach((_, i) => {
    for (const f of ['', '.code', '.name', '.formats', '.max_bytes', '.mandatory']) s.add(`requirements[${i}]${f}`);
  });
  d.form.forEach((_, i) => {
    for (const f of ['', '.name', '.label', '.type', '.required', '.options']) s.add(`form[${i}]${f}`);
  });
  return s;
}

/** "requirements[0].formats[1]" -> "requirements[0].formats": the nearest path with an input. */
function slotOf(path, slots) {
  let p = path;
  for (;;) {
    if (slots.has(p)) return p;
    const cut = p.replace(/(\.[a-z_]+|\[\d+\])$/, '');
    if (cut === p || !cut) return null;
    p = cut;
  }
}

const FIELD_LABELS = {
  agency_id: 'svc.agency', code: 'sa.code', name: 'sa.name', description: 'sa.description', fee: 'sa.fee',
  channels: 'svc.channels', sla_minutes: 'sa.sla', breach_policy: 'svc.policy', standard: 'svc.standard',
  requirements: 'sa.requirements', form: 'sa.form', workflow: 'sa.workflow', version: 'sa.field_version',
};
const REQ_LABELS = { code: 'sa.code', name: 'sa.req_name', formats: 'sa.formats', max_bytes: 'sa.max_mb', mandatory: 'sa.mandatory' };
const FORM_LABELS = { name: 'sa.field_name', label: 'sa.field_label', type: 'sa.field_type', required: 'sa.field_required', options: 'sa.field_options' };

/** "form[2].options" -> "Isian 3 · Pilihan"; "standard.biaya" -> "Biaya/tarif". */
function labelFor(path) {
  let m = /^standard\.([a-z_]+)/.exec(path);
  if (m) return t(`std.${m[1]}`, null, path);
  m = /^(requirements|form)\[(\d+)\](?:\.([a-z_]+))?/.exec(path);
  if (m) {
    const row = t(m[1] === 'form' ? 'sa.field_n' : 'sa.req_n', { n: Number(m[2]) + 1 });
    const labels = m[1] === 'form' ? FORM_LABELS : REQ_LABELS;
    return m[3] ? `${row} · ${labels[m[3]] ? t(labels[m[3]]) : m[3]}` : row;
  }
  const top = /^[a-z_]+/.exec(path);
  return top && FIELD_LABELS[top[0]] ? t(FIELD_LABELS[top[0]]) : path;
}

// ---- inputs -------------------------------------------------------------------------------

function FieldError({ path, message }) {
  return message
    ? html`<p class="field-error" id=${`${idOf(path)}-err`}><span class="visually-hidden">${t('form.error')}: </span>${message}</p>`
    : null;
}

/** Label, hint, error and one control (input, textarea or select) for `path`. */
function Control({ path, label, hint, err, optional = false, as = 'input', value, onValue, readOnly, children, extra, ...rest }) {
  const id = idOf(path);
  const common = {
    id,
    value,
    'aria-invalid': err ? 'true' : undefined,
    'aria-describedby': describedBy(hint && `${id}-hint`, err && `${id}-err`, extra && `${id}-extra`),
    ...rest,
  };
  let control;
  if (as === 'select') {
    control = html`<select ...${common} disabled=${readOnly} onChange=${(e) => onValue(e.currentTarget.value)}>${children}</select>`;
  } else if (as === 'textarea') {
    control = html`<textarea ...${common} readOnly=${readOnly} onInput=${(e) => onValue(e.currentTarget.value)}
      aria-required=${optional ? undefined : 'true'}></textarea>`;
  } else {
    control = html`<input ...${common} readOnly=${readOnly} onInput=${(e) => onValue(e.currentTarget.value)}
      aria-required=${optional ? undefined : 'true'} />`;
  }
  return html`<div class=${err ? 'field field-invalid' : 'field'}>
    <label for=${id}>${label}${optional ? html` <span class="optional">(${t('form.optional')})</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    <${FieldError} path=${path} message=${err} />
    ${control}
    ${extra ? html`<p class="hint field-extra" id=${`${id}-extra`}>${extra}</p>` : null}
  </div>`;
}

function Check({ path, label, checked, onValue, readOnly, err }) {
  const id = idOf(path);
  return html`<div class=${err ? 'field field-check field-invalid' : 'field field-check'}>
    <input id=${id} type="checkbox" checked=${checked} disabled=${readOnly} onChange=${(e) => onValue(e.currentTarget.checked)}
      aria-invalid=${err ? 'true' : undefined} aria-describedby=${err ? `${id}-err` : undefined} />
    <label for=${id}>${label}</label>
    <${FieldError} path=${path} message=${err} />
  </div>`;
}

/** A fieldset of checkboxes (many) or radios (one) over `options` ([value, label] pairs). */
function Choices({ path, legend, hint, options, value, onValue, readOnly, err, radio = false, inline = false }) {
  const id = idOf(path);
  const has = (v) => (radio ? value === v : value.includes(v));
  const toggle = (v, on) => {
    if (radio) onValue(v);
    else onValue(on ? [...value, v] : value.filter((x) => x !== v));
  };
  return html`<fieldset class=${`fieldset choices${inline ? ' choices-inline' : ''}${err ? ' field-invalid' : ''}`} id=${id} tabindex="-1"
      aria-describedby=${describedBy(hint && `${id}-hint`, err && `${id}-err`)}>
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    <${FieldError} path=${path} message=${err} />
    ${options.map(([v, label]) => html`<div key=${v} class="field-check">
      <input id=${`${id}-${v}`} type=${radio ? 'radio' : 'checkbox'} name=${id} value=${v} checked=${has(v)} disabled=${readOnly}
        onChange=${(e) => toggle(v, e.currentTarget.checked)} />
      <label for=${`${id}-${v}`}>${label}</label>
    </div>`)}
  </fieldset>`;
}

/** Where an error summary link sends the focus: the input, else the nearest enclosing part. */
function focusPath(path, slots) {
  const p = slotOf(path, slots);
  let el = p && document.getElementById(idOf(p));
  if (el && el.tagName === 'FIELDSET') el = el.querySelector('input, select, textarea') || el;
  if (el) el.focus();
  return !!el;
}

function ErrorBox({ errors, error, slots, boxRef, children }) {
  const entries = Object.entries(errors);
  const has = !!error || entries.length > 0;
  return html`<div class=${has ? 'alert alert-error' : 'live-empty'} role="alert" tabindex="-1" ref=${boxRef}>
    ${has
      ? html`<p class="alert-title">${error || t('form.fix')}</p>
          ${entries.length
            ? html`<ul class="alert-list">
                ${entries.map(([k, v]) => {
                  const slot = slotOf(k, slots);
                  return html`<li key=${k}>
                    ${slot
                      ? html`<a href=${`#${idOf(slot)}`} onClick=${(e) => { if (focusPath(k, slots)) e.preventDefault(); }}>${labelFor(k)}: ${v}</a>`
                      : html`${labelFor(k)}: ${v}`}
                  </li>`;
                })}
              </ul>`
            : null}
          ${children}`
      : null}
  </div>`;
}

// ---- list editors ------------------------------------------------------------------------

function RowButtons({ index, count, legend, readOnly, onMove, onRemove }) {
  if (readOnly) return null;
  return html`<div class="row-actions">
    ${count > 1
      ? html`<button type="button" class="btn btn-secondary btn-icon" disabled=${index === 0} onClick=${() => onMove(-1)}
          title=${t('sa.move_up')} aria-label=${`${t('sa.move_up')}: ${legend}`}><span aria-hidden="true">↑</span></button>
        <button type="button" class="btn btn-secondary btn-icon" disabled=${index === count - 1} onClick=${() => onMove(1)}
          title=${t('sa.move_down')} aria-label=${`${t('sa.move_down')}: ${legend}`}><span aria-hidden="true">↓</span></button>`
      : null}
    <button type="button" class="btn btn-danger-outline btn-small" onClick=${onRemove}
      aria-label=${`${t('sa.remove')}: ${legend}`}>${t('sa.remove')}</button>
  </div>`;
}

function Requirement({ r, i, count, err, readOnly, onChange, onMove, onRemove }) {
  const p = `requirements[${i}]`;
  const legend = `${t('sa.req_n', { n: i + 1 })}${r.name.trim() ? `: ${r.name.trim()}` : ''}`;
  const set = (f) => (v) => onChange({ ...r, [f]: v });
  return html`<fieldset class=${err(p) ? 'edit-item field-invalid' : 'edit-item'} id=${idOf(p)} tabindex="-1">
    <legend>${legend}</legend>
    <${FieldError} path=${p} message=${err(p)} />
    <div class="two-col">
      <${Control} path=${`${p}.code`} label=${t('sa.code')} err=${err(`${p}.code`)}
        value=${r.code} onValue=${set('code')} readOnly=${readOnly} class="mono" autocomplete="off" spellcheck="false" maxlength="40" />
      <${Control} path=${`${p}.name`} label=${t('sa.req_name')} err=${err(`${p}.name`)}
        value=${r.name} onValue=${set('name')} readOnly=${readOnly} autocomplete="off" maxlength="200" />
    </div>
    <${Choices} path=${`${p}.formats`} legend=${t('sa.formats')} inline=${true} err=${err(`${p}.formats`)}
      options=${FORMATS.map((f) => [f, f.toUpperCase()])} value=${r.formats} onValue=${set('formats')} readOnly=${readOnly} />
    <div class="two-col">
      <${Control} path=${`${p}.max_bytes`} label=${t('sa.max_mb')} hint=${t('sa.max_mb_hint')} err=${err(`${p}.max_bytes`)}
        value=${r.mb} onValue=${(v) => onChange({ ...r, mb: v, bytes: bytesOf(v) })} readOnly=${readOnly} inputmode="decimal" autocomplete="off" />
      <${Check} path=${`${p}.mandatory`} label=${t('sa.mandatory')} err=${err(`${p}.mandatory`)}
        checked=${r.mandatory} onValue=${set('mandatory')} readOnly=${readOnly} />
    </div>
    <${RowButtons} index=${i} count=${count} legend=${legend} readOnly=${readOnly} onMove=${onMove} onRemove=${onRemove} />
  </fieldset>`;
}

function FormField({ f, i, count, err, readOnly, onChange, onMove, onRemove }) {
  const p = `form[${i}]`;
  const legend = `${t('sa.field_n', { n: i + 1 })}${f.label.trim() ? `: ${f.label.trim()}` : ''}`;
  const set = (k) => (v) => onChange({ ...f, [k]: v });
  return html`<fieldset class=${err(p) ? 'edit-item field-invalid' : 'edit-item'} id=${idOf(p)} tabindex="-1">
    <legend>${legend}</legend>
    <${FieldError} path=${p} message=${err(p)} />
    <div class="two-col">
      <${Control} path=${`${p}.label`} label=${t('sa.field_label')} err=${err(`${p}.label`)}
        value=${f.label} onValue=${set('label')} readOnly=${readOnly} autocomplete="off" maxlength="200" />
      <${Control} path=${`${p}.name`} label=${t('sa.field_name')} err=${err(`${p}.name`)}
        value=${f.name} onValue=${set('name')} readOnly=${readOnly} class="mono" autocomplete="off" spellcheck="false" maxlength="40" />
    </div>
    <div class="two-col">
      <${Control} path=${`${p}.type`} as="select" label=${t('sa.field_type')} err=${err(`${p}.type`)}
        value=${f.type} onValue=${set('type')} readOnly=${readOnly}>
        ${FIELD_TYPES.map((ty) => html`<option key=${ty} value=${ty}>${t(`svc.type_${ty}`)}</option>`)}
      <//>
      <${Check} path=${`${p}.required`} label=${t('sa.field_required')} err=${err(`${p}.required`)}
        checked=${f.required} onValue=${set('required')} readOnly=${readOnly} />
    </div>
    ${f.type === 'choice'
      ? html`<${Control} path=${`${p}.options`} as="textarea" rows="4" label=${t('sa.field_options')} hint=${t('sa.field_options_hint')}
          err=${err(`${p}.options`)} value=${f.options} onValue=${set('options')} readOnly=${readOnly} />`
      : err(`${p}.options`)
        ? html`<${FieldError} path=${`${p}.options`} message=${err(`${p}.options`)} />`
        : null}
    <${RowButtons} index=${i} count=${count} legend=${legend} readOnly=${readOnly} onMove=${onMove} onRemove=${onRemove} />
  </fieldset>`;
}

const move = (list, i, by) => {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};

// ---- the editor --------------------------------------------------------------------------

function agencyChoices(user, list, current) {
  let mine = list;
  if (!isAdmin(user) && hasRole(user, ['agency_admin'])) {
    const ids = (user.grants || []).filter((g) => g.role === 'agency_admin').map((g) => String(g.agency_id));
    mine = list.filter((a) => ids.includes(String(a.id)));
  }
  const out = mine.map((a) => [String(a.id), a.short_name ? `${a.name} (${a.short_name})` : a.name]);
  if (current && current.id != null && !out.some(([v]) => v === String(current.id))) {
    out.push([String(current.id), current.short_name ? `${current.name} (${current.short_name})` : current.name]);
  }
  return out;
}

function Workflow({ wf, err }) {
  if (!wf || !Array.isArray(wf.states)) return err ? html`<${FieldError} path="workflow" message=${err} />` : null;
  const en = getLang() === 'en';
  return html`<section class="section" aria-labelledby="svc-workflow-h" id=${idOf('workflow')} tabindex="-1">
    <h2 id="svc-workflow-h">${t('sa.workflow')}</h2>
    <p class="hint">${t('sa.workflow_hint')}</p>
    <${FieldError} path="workflow" message=${err} />
    <ul class="chips">
      ${wf.states.map((s) => html`<li key=${s.name} class="chip">${(en ? s.label_en : s.label_id) || s.name}</li>`)}
    </ul>
  </section>`;
}

function Editor({ user, region, service, onSaved, onReload, message, setMessage }) {
  const isNew = !service;
  const [base, setBase] = useState(service);
  const [draft, setDraft] = useState(() => draftFrom(service));
  const [errors, setErrors] = useState({});
  const [error, setError] = useState('');
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState('');
  const boxRef = useRef(null);
  const pendingFocus = useRef(null);
  const agencies = useAgencyOptions(region);
  const readOnly = !!(base && base.status === 'retired');

  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    if (el) el.focus();
  });

  const slots = slotsOf(draft);
  const slotErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const s = slotOf(k, slots);
    if (s) slotErrors[s] = slotErrors[s] ? `${slotErrors[s]} ${v}` : String(v);
  }
  const err = (p) => slotErrors[p];

  const dirty = isNew || JSON.stringify(bodyOf(draft).body) !== JSON.stringify(bodyOf(draftFrom(base)).body);

  const showErrors = (f, msg) => {
    setErrors(f);
    setError(msg);
    setTimeout(() => boxRef.current && boxRef.current.focus(), 0);
  };
  const set = (k) => (v) => setDraft((d) => ({ ...d, [k]: v }));
  const setStd = (k) => (v) => setDraft((d) => ({ ...d, standard: { ...d.standard, [k]: v } }));
  // Adding, removing or moving a row renumbers the paths its errors name: those are dropped.
  const listChange = (name, fn, focusId) => {
    if (focusId) pendingFocus.current = focusId;
    setDraft((d) => ({ ...d, [name]: fn(d[name]) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`${name}[`))));
  };

  /** Run a request; an ApiError lands beside its fields and in the summary. */
  const run = async (what, fn) => {
    if (busy) return;
    setMessage('');
    setBusy(what);
    setErrors({});
    setError('');
    setStale(false);
    try {
      await fn();
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (e instanceof ApiError && (e.code === 'stale_version' || e.code === 'retired')) {
        setStale(true);
        showErrors({}, e.code === 'stale_version' ? t('sa.stale') : t('sa.retired_note'));
      } else {
        const f = e instanceof ApiError ? { ...e.fields } : {};
        const invalid = Object.keys(f).length && (e.code === 'validation_failed' || e.status === 422);
        showErrors(f, invalid ? t(what === 'publish' ? 'sa.publish_refused' : 'form.fix') : errorText(e));
      }
      if (!(e instanceof ApiError)) console.error(e);
    } finally {
      setBusy('');
    }
  };

  const check = () => {
    const { body, problems } = bodyOf(draft);
    if (Object.keys(problems).length) {
      showErrors(problems, t('form.fix'));
      return null;
    }
    return body;
  };

  /** Save the draft when it changed; returns the service as stored. */
  const saveNow = async (body) => {
    if (!dirty) return base;
    const s = await api(`/services/${base.id}`, { method: 'PATCH', body: { ...body, version: base.version } });
    setBase(s);
    setDraft(draftFrom(s));
    return s;
  };

  const save = (e) => {
    e.preventDefault();
    const body = check();
    if (!body) return;
    run('save', async () => {
      if (isNew) {
        const s = await api(`/regions/${region}/services`, { method: 'POST', body });
        navigate(`/admin/services/${s.id}`, { replace: true, flash: t('sa.created', { name: s.name, v: s.version }) });
        return;
      }
      const s = await saveNow(body);
      setMessage(t('sa.saved', { v: s.version }));
      onSaved(s);
    });
  };

  const publish = () => {
    const body = check();
    if (!body) return;
    run('publish', async () => {
      const cur = await saveNow(body);
      const s = await api(`/services/${cur.id}/publish`, { method: 'POST', body: { version: cur.version } });
      setBase(s);
      setDraft(draftFrom(s));
      setMessage(t('sa.published', { name: s.name }));
      onSaved(s);
    });
  };

  const retire = () => run('retire', async () => {
    const s = await api(`/services/${base.id}/retire`, { method: 'POST', body: { version: base.version } });
    setBase(s);
    setDraft(draftFrom(s));
    setMessage(t('sa.retired', { name: s.name }));
    onSaved(s);
  });

  const agencyOpts = agencyChoices(user, agencies.list, base && base.agency);
  const slaMin = /^\d+$/.test(draft.sla_minutes.trim()) ? Number(draft.sla_minutes) : 0;
  const feeNum = /^\d+$/.test(draft.fee.trim()) ? Number(draft.fee) : null;

  const stdGroup = (id, title, keys) => html`<fieldset class="fieldset std-fieldset" aria-describedby="svc-std-hint">
    <legend id=${id}>${title}</legend>
    ${keys.map((k) => html`<${Control} key=${k} path=${`standard.${k}`} as="textarea" rows="3" label=${t(`std.${k}`)}
      hint=${t(`sa.hint_${k}`, null, null)} err=${err(`standard.${k}`)} value=${draft.standard[k]} onValue=${setStd(k)}
      readOnly=${readOnly} maxlength="4000" />`)}
  </fieldset>`;

  return html`<form class="svc-form" onSubmit=${save} novalidate aria-label=${isNew ? t('sa.new_title') : t('sa.edit_title')}>
    <${Status} message=${message} />
    ${base
      ? html`<p class="svc-state"><${StatusBadge} status=${base.status} />
          ${' '}${t('sa.state', { v: base.version })} <${DateTime} value=${base.updated_at} />
          ${base.status === 'published' ? html` · <a href=${`/services/${base.id}`}>${t('sa.public_page')}</a>` : null}</p>`
      : null}
    ${readOnly ? html`<p class="warning">${t('sa.retired_note')}</p>` : null}
    <${ErrorBox} errors=${errors} error=${error} slots=${slots} boxRef=${boxRef}>
      ${stale
        ? html`<p>${t('sa.stale_hint')}</p>
            <button type="button" class="btn btn-secondary" onClick=${onReload}>${t('sa.reload')}</button>`
        : null}
    <//>

    <section class="section" aria-labelledby="svc-basics-h">
      <h2 id="svc-basics-h">${t('sa.basics')}</h2>
      <p class="svc-region"><span>${t('svc.region')}: <strong><${RegionName} code=${region} /></strong></span></p>
      <${Control} path="agency_id" as="select" label=${t('svc.agency')} err=${err('agency_id')}
        value=${draft.agency_id} onValue=${set('agency_id')} readOnly=${readOnly}>
        <option value="">${agencies.loading ? t('common.loading') : t('sa.agency_pick')}</option>
        ${agencyOpts.map(([v, label]) => html`<option key=${v} value=${v}>${label}</option>`)}
      <//>
      <${Control} path="name" label=${t('sa.name')} err=${err('name')} value=${draft.name} onValue=${set('name')}
        readOnly=${readOnly} autocomplete="off" maxlength="200" />
      <${Control} path="code" label=${t('sa.code')} hint=${t('sa.code_hint')} err=${err('code')} value=${draft.code}
        onValue=${set('code')} readOnly=${readOnly} class="mono" autocomplete="off" spellcheck="false" maxlength="40" />
      <${Control} path="description" as="textarea" rows="3" optional=${true} label=${t('sa.description')} err=${err('description')}
        value=${draft.description} onValue=${set('description')} readOnly=${readOnly} maxlength="2000" />
    </section>

    <section class="section" aria-labelledby="svc-terms-h">
      <h2 id="svc-terms-h">${t('sa.terms')}</h2>
      <div class="two-col">
        <${Control} path="fee" label=${t('sa.fee')} hint=${t('sa.fee_hint')} err=${err('fee')} value=${draft.fee} onValue=${set('fee')}
          readOnly=${readOnly} inputmode="numeric" autocomplete="off" extra=${feeNum === null ? '' : feeText(feeNum)} />
        <${Control} path="sla_minutes" label=${t('sa.sla')} hint=${t('sa.sla_hint')} err=${err('sla_minutes')}
          value=${draft.sla_minutes} onValue=${set('sla_minutes')} readOnly=${readOnly} inputmode="numeric" autocomplete="off"
          extra=${slaMin ? t('sa.sla_is', { text: slaText(slaMin) }) : ''} />
      </div>
      <${Choices} path="channels" legend=${t('svc.channels')} err=${err('channels')} options=${CHANNELS.map((c) => [c, channelText(c)])}
        value=${draft.channels} onValue=${set('channels')} readOnly=${readOnly} />
      <${Choices} path="breach_policy" legend=${t('svc.policy')} radio=${true} err=${err('breach_policy')}
        options=${POLICIES.map((p) => [p, t(`sa.policy_${p}`)])} value=${draft.breach_policy} onValue=${set('breach_policy')} readOnly=${readOnly} />
    </section>

    <section class="section" aria-labelledby="svc-std-h" id=${idOf('standard')} tabindex="-1">
      <h2 id="svc-std-h">${t('svc.standard')}</h2>
      <p class="hint" id="svc-std-hint">${t('sa.standard_hint')}</p>
      <${FieldError} path="standard" message=${err('standard')} />
      ${stdGroup('svc-std-delivery', t('svc.delivery'), DELIVERY)}
      ${stdGroup('svc-std-management', t('svc.management'), MANAGEMENT)}
    </section>

    <section class="section" aria-labelledby="svc-reqs-h">
      <h2 id="svc-reqs-h">${t('sa.requirements')}</h2>
      <p class="hint">${t('sa.requirements_hint')}</p>
      <div id=${idOf('requirements')} tabindex="-1" class=${err('requirements') ? 'field-invalid' : ''}>
        <${FieldError} path="requirements" message=${err('requirements')} />
        ${draft.requirements.length
          ? draft.requirements.map((r, i) => html`<${Requirement} key=${r.k} r=${r} i=${i} count=${draft.requirements.length}
              err=${err} readOnly=${readOnly}
              onChange=${(x) => setDraft((d) => ({ ...d, requirements: d.requirements.map((y, j) => (j === i ? x : y)) }))}
              onMove=${(by) => listChange('requirements', (l) => move(l, i, by))}
              onRemove=${() => listChange('requirements', (l) => l.filter((_, j) => j !== i), idOf('requirements-add'))} />`)
          : html`<p class="empty">${t('sa.no_reqs')}</p>`}
      </div>
      ${readOnly || draft.requirements.length >= MAX_REQS
        ? null
        : html`<button type="button" class="btn btn-secondary" id=${idOf('requirements-add')}
            onClick=${() => listChange('requirements', (l) => [...l, newReq()], idOf(`requirements[${draft.requirements.length}].code`))}>
            ${t('sa.add_req')}</button>`}
    </section>

    <section class="section" aria-labelledby="svc-form-h">
      <h2 id="svc-form-h">${t('sa.form')}</h2>
      <p class="hint">${t('sa.form_hint')}</p>
      <div id=${idOf('form')} tabindex="-1" class=${err('form') ? 'field-invalid' : ''}>
        <${FieldError} path="form" message=${err('form')} />
        ${draft.form.length
          ? draft.form.map((f, i) => html`<${FormField} key=${f.k} f=${f} i=${i} count=${draft.form.length}
              err=${err} readOnly=${readOnly}
              onChange=${(x) => setDraft((d) => ({ ...d, form: d.form.map((y, j) => (j === i ? x : y)) }))}
              onMove=${(by) => listChange('form', (l) => move(l, i, by))}
              onRemove=${() => listChange('form', (l) => l.filter((_, j) => j !== i), idOf('form-add'))} />`)
          : html`<p class="empty">${t('sa.no_fields')}</p>`}
      </div>
      ${readOnly || draft.form.length >= MAX_FIELDS
        ? null
        : html`<button type="button" class="btn btn-secondary" id=${idOf('form-add')}
            onClick=${() => listChange('form', (l) => [...l, newField()], idOf(`form[${draft.form.length}].label`))}>
            ${t('sa.add_field')}</button>`}
    </section>

    ${base ? html`<${Workflow} wf=${base.workflow} err=${err('workflow')} />` : null}

    ${readOnly
      ? null
      : html`<div class="actions svc-actions">
          <button type="submit" class="btn btn-primary" disabled=${!!busy} aria-busy=${busy === 'save' ? 'true' : undefined}>
            ${busy === 'save' ? t('form.busy') : isNew ? t('sa.save_new') : t('sa.save')}
          </button>
          ${base && base.status === 'draft'
            ? html`<button type="button" class="btn btn-secondary" disabled=${!!busy} onClick=${publish}
                aria-describedby=${dirty ? 'svc-publish-hint' : undefined}>${t('sa.publish')}</button>`
            : null}
          ${base ? html`<${ConfirmButton} label=${t('sa.retire')} confirmLabel=${t('sa.retire_yes')} onConfirm=${retire} describe=${base.name} />` : null}
          ${isNew ? null : html`<p class="note svc-dirty">${dirty ? t('sa.unsaved') : t('sa.no_changes')}
            ${dirty && base && base.status === 'draft' ? html`<span id="svc-publish-hint"> ${t('sa.publish_hint')}</span>` : null}</p>`}
        </div>`}
  </form>`;
}

export default function AdminService({ user, params, query }) {
  const id = params.id;
  const [msg, setMsg] = useState(takeFlash);
  const [saved, setSaved] = useState(null);
  const r = useLoad((signal) => (id ? api(`/services/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)), [id]);
  const region = id
    ? r.data && r.data.region_code
    : query.get('region') || ownRegion(user);
  const cur = saved || r.data;
  const title = id ? (cur ? cur.name : t('sa.edit_title')) : t('sa.new_title');
  const back = `/admin/services${region ? `?region=${encodeURIComponent(region)}` : ''}`;
  return html`<${Page} title=${title} lead=${id ? null : t('sa.new_lead')} wide=${true}>
    <p class="back-link"><a href=${back}>← ${t('sa.back')}</a></p>
    ${id && r.loading
      ? html`<${Loading} />`
      : r.error
        ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
        : region
          ? html`<${Editor} key=${id || 'new'} user=${user} region=${region} service=${r.data} message=${msg} setMessage=${setMsg}
              onSaved=${setSaved} onReload=${() => { setMsg(t('sa.reloaded')); setSaved(null); r.reload(); }} />`
          : html`<p>${t('cal.choose_region')}</p>`}
  <//>`;
}
