// "Ajukan permohonan" on a service page: a form made from the service's form fields (file
// fields are uploads, done afterwards), POST /api/v1/applications with an Idempotency-Key,
// the server's 422 beside each answer; then the tracking number and the PIN, once, and an
// upload input for each required document.
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { ErrorSummary, Field, SelectField, Submit, useForm } from '../ui.js';
import { isCitizen } from '../session.js';
import { Uploads } from './app-common.js';

function newKey() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const FIELD_INPUT = {
  number: { type: 'text', inputmode: 'decimal' },
  date: { type: 'date' },
  nik: { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 16 },
  region: { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' },
  text: { type: 'text' },
};

function hintFor(f) {
  if (f.type === 'region') return t('ap.region_hint');
  if (f.type === 'nik') return t('ap.nik_hint');
  if (f.type === 'date') return t('ap.date_hint');
  return undefined;
}

function Created({ s, created }) {
  const [docs, setDocs] = useState([]);
  return html`<section class="section applied" aria-labelledby="ap-sent-h">
    <div class="notice notice-success pin-box" role="status">
      <h2 id="ap-sent-h">${t('ap.sent')}</h2>
      <dl class="pin-dl">
        <div><dt>${t('ap.tracking_no')}</dt><dd class="big-code" data-testid="tracking-no">${created.tracking_no}</dd></div>
        <div><dt>${t('ap.pin')}</dt><dd class="big-code" data-testid="pin">${created.pin}</dd></div>
      </dl>
      <p><strong>${t('ap.save_pin')}</strong></p>
    </div>
    ${(s.requirements || []).length ? html`<h3>${t('ap.upload_title')}</h3>
      <p class="note">${t('ap.upload_lead')}</p>
      <${Uploads} appId=${created.id} requirements=${s.requirements} documents=${docs}
        onUploaded=${(d) => setDocs((l) => [...l.filter((x) => x.requirement !== d.requirement), d])} />` : null}
    <p><a class="btn btn-primary" href=${`/applications/${created.id}`}>${t('ap.open_application')}</a></p>
  </section>`;
}

function ApplyForm({ s, onCancel, onCreated }) {
  const fields = (s.form || []).filter((f) => f.type !== 'file');
  const form = useForm(Object.fromEntries(fields.map((f) => [f.name, ''])), {
    mapField: (k) => k.replace(/^answers\./, ''),
  });
  const [key, setKey] = useState(newKey);
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const onSubmit = (e) => form.submit(e, async (v) => {
    const answers = {};
    for (const f of fields) {
      const raw = String(v[f.name] ?? '').trim();
      if (raw === '') continue;
      answers[f.name] = f.type === 'number' && /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : raw;
    }
    try {
      const created = await api('/applications', {
        method: 'POST', body: { service_id: s.id, answers }, headers: { 'Idempotency-Key': key },
      });
      onCreated(created);
    } catch (err) {
      // The server answered: the next attempt is a new request with a new key.
      if (err && err.status) setKey(newKey());
      throw err;
    }
  });
  return html`<form class="form apply-form" onSubmit=${onSubmit} novalidate aria-labelledby="ap-form-h">
    <h2 id="ap-form-h">${t('ap.apply_title')}</h2>
    <p class="note">${t('ap.apply_lead')}</p>
    <${ErrorSummary} form=${form} labels=${labels} />
    ${fields.map((f) => (f.type === 'choice'
      ? html`<${SelectField} key=${f.name} form=${form} name=${f.name} label=${f.label} optional=${!f.required}
          options=${[['', t('ap.choose')], ...(f.options || []).map((o) => [o, o])]} />`
      : html`<${Field} key=${f.name} form=${form} name=${f.name} label=${f.label} optional=${!f.required}
          hint=${hintFor(f)} ...${FIELD_INPUT[f.type] || FIELD_INPUT.text} />`))}
    <div class="actions-row">
      <${Submit} form=${form} label=${t('ap.apply_submit')} />
      <button type="button" class="btn btn-secondary" onClick=${onCancel}>${t('ap.apply_cancel')}</button>
    </div>
  </form>`;
}

/** The apply block of a service page. */
export function Apply({ s, user }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(null);
  const online = (s.channels || []).includes('online') && s.status === 'published';
  if (created) return html`<${Created} s=${s} created=${created} />`;
  let note = null;
  if (!online) note = t('ap.apply_offline');
  else if (!user) {
    note = html`${t('ap.apply_login')} <a href=${`/login?next=${encodeURIComponent(`/services/${s.id}`)}`}>${t('ap.apply_login_link')}</a>`;
  } else if (!isCitizen(user)) note = t('ap.apply_staff');
  if (note) {
    return html`<div class="apply">
      <button type="button" class="btn btn-unavailable" disabled aria-describedby="svc-apply-note">${t('svc.apply')}</button>
      <p class="note" id="svc-apply-note">${note}</p>
    </div>`;
  }
  if (!open) {
    return html`<div class="apply">
      <button type="button" class="btn btn-primary" aria-expanded="false" onClick=${() => setOpen(true)}>${t('svc.apply')}</button>
    </div>`;
  }
  return html`<${ApplyForm} s=${s} onCancel=${() => setOpen(false)} onCreated=${(c) => { setCreated(c); setTimeout(() => {
    const h = document.getElementById('ap-sent-h');
    if (h) { h.tabIndex = -1; h.focus(); }
  }, 0); }} />`;
}
