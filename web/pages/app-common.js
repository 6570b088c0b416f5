// What the application pages share (apply form, my applications, one application, inbox,
// tracking): the SLA clock, the state, the answers, the documents and their uploads, the
// timeline. Loads the "applications" strings.
import { html, useState } from '../vendor.js';
import { loadStrings, t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { DateTime } from '../ui.js';
import { fmtNumber, formatsText, mbText } from './service-common.js';

await loadStrings('applications');

/** Working minutes as hours: 150 -> "2,5". */
export const hoursText = (min) => fmtNumber((Number(min) || 0) / 60, 1);

/** The clock: remaining working hours and due time, or "dijeda" / "terlambat" / "selesai". */
export function SlaClock({ sla, state }) {
  if (!sla) return null;
  const final = state === 'issued' || state === 'rejected';
  let badge = null;
  if (sla.breached) badge = html`<span class="badge badge-late">${t('ap.breached')}</span>`;
  if (final) badge = html`${badge} <span class="badge badge-on">${t('ap.finished')}</span>`;
  else if (sla.paused) badge = html`${badge} <span class="badge badge-paused">${t('ap.paused')}</span>`;
  return html`<span class="sla">
    ${final ? null : html`<span class="sla-left">${t('ap.remaining', { h: hoursText(sla.remaining_minutes) })}</span>`}
    ${sla.due_at && !final ? html` <span class="sla-due">(${t('ap.due', { at: '' })}<${DateTime} value=${sla.due_at} />)</span>` : null}
    ${badge ? html` ${badge}` : null}
  </span>`;
}

export function StateBadge({ a }) {
  const cls = a.state === 'issued' ? 'badge badge-on' : a.state === 'rejected' ? 'badge badge-off' : 'badge badge-state';
  return html`<span class=${cls}>${a.state_label || a.state}</span>`;
}

/** A list of application summaries, each linking to /applications/:id. */
export function AppList({ list, showApplicant = false }) {
  return html`<ul class="items app-list">
    ${list.map((a) => html`<li key=${a.id} class="item">
      <a class="item-title" href=${`/applications/${a.id}`}>${a.service ? a.service.name : ''} — <span class="code">${a.tracking_no}</span></a>
      <p class="meta"><${StateBadge} a=${a} />${' '}<${SlaClock} sla=${a.sla} state=${a.state} /></p>
      <p class="meta">${showApplicant && a.applicant ? html`${a.applicant.name} · ` : null}${t('ap.submitted_at')}: <${DateTime} value=${a.submitted_at} /></p>
    </li>`)}
  </ul>`;
}

const sizeText = (n) => (n >= 1048576 ? `${mbText(n)} MB` : `${fmtNumber(Math.max(1, Math.round(n / 1024)))} KB`);

/** The message for a failed upload: 413 and 415 in our words. */
function uploadError(err, req) {
  if (err && err.status === 413) return t('ap.upload_too_big', { mb: mbText(req.max_bytes) });
  if (err && err.status === 415) return t('ap.upload_bad_type', { formats: formatsText(req.formats) });
  if (err && err.status === 422 && err.code === 'validation_failed' && !Object.keys(err.fields).length) return t('ap.upload_empty');
  return errorText(err);
}

function UploadRow({ appId, req, doc, onUploaded }) {
  const id = `up-${appId}-${req.code}`;
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');
  const [ok, setOk] = useState('');
  const send = async () => {
    setErr('');
    setOk('');
    if (!file) {
      setErr(t('ap.upload_choose'));
      return;
    }
    setBusy(true);
    try {
      const d = await api(`/applications/${appId}/documents/${encodeURIComponent(req.code)}`, { method: 'PUT', body: file, raw: true });
      setOk(t('ap.uploaded', { type: String(d.type).toUpperCase(), size: sizeText(d.size) }));
      if (onUploaded) onUploaded(d);
    } catch (e) {
      setErr(uploadError(e, req));
    } finally {
      setBusy(false);
    }
  };
  const accept = (req.formats || []).map((f) => (f === 'jpg' ? '.jpg,.jpeg,image/jpeg' : f === 'png' ? '.png,image/png' : '.pdf,application/pdf')).join(',');
  return html`<li class=${err ? 'item field-invalid' : 'item'}>
    <label for=${id} class="item-title">${req.name}${req.mandatory ? '' : html` <span class="optional">(${t('form.optional')})</span>`}</label>
    <p class="hint" id=${`${id}-hint`}>${t('svc.doc_rule', { formats: formatsText(req.formats), mb: mbText(req.max_bytes) })}
      ${doc ? html` · ${t('ap.uploaded', { type: String(doc.type).toUpperCase(), size: sizeText(doc.size) })}` : null}</p>
    ${err ? html`<p class="field-error" id=${`${id}-err`} role="alert">${err}</p>` : null}
    <div class="upload-row">
      <input id=${id} type="file" accept=${accept} onChange=${(e) => setFile(e.currentTarget.files[0] || null)}
        aria-invalid=${err ? 'true' : undefined} aria-describedby=${err ? `${id}-hint ${id}-err` : `${id}-hint`} />
      <button type="button" class="btn btn-secondary btn-small" disabled=${busy} onClick=${send}
        aria-label=${`${t('ap.upload')}: ${req.name}`}>${busy ? t('ap.uploading') : t('ap.upload')}</button>
    </div>
    <div class=${ok ? 'notice notice-success' : 'live-empty'} role="status">${ok}</div>
  </li>`;
}

/** An upload input for each requirement of the service. */
export function Uploads({ appId, requirements, documents, onUploaded }) {
  const byReq = new Map((documents || []).map((d) => [d.requirement, d]));
  return html`<ul class="items uploads">
    ${(requirements || []).map((r) => html`<${UploadRow} key=${r.code} appId=${appId} req=${r} doc=${byReq.get(r.code)} onUploaded=${onUploaded} />`)}
  </ul>`;
}

/** The answers, labelled by the service form when it is known. */
export function Answers({ answers, form }) {
  const labels = new Map((form || []).map((f) => [f.name, f.label]));
  const entries = Object.entries(answers || {});
  if (!entries.length) return html`<p>—</p>`;
  return html`<dl class="dl">
    ${entries.map(([k, v]) => html`<div key=${k} class="dl-row"><dt>${labels.get(k) || k}</dt><dd>${String(v)}</dd></div>`)}
  </dl>`;
}

export function Documents({ documents, requirements }) {
  const names = new Map((requirements || []).map((r) => [r.code, r.name]));
  const have = new Set((documents || []).map((d) => d.requirement));
  const missing = (requirements || []).filter((r) => !have.has(r.code));
  if (!(documents || []).length && !missing.length) return html`<p>${t('ap.documents_none')}</p>`;
  return html`<ul class="items">
    ${(documents || []).map((d) => html`<li key=${d.requirement} class="item">
      <span class="item-title">${names.get(d.requirement) || d.requirement}</span>
      <p class="meta">${String(d.type).toUpperCase()} · ${sizeText(d.size)} · <${DateTime} value=${d.uploaded_at} /></p>
    </li>`)}
    ${missing.map((r) => html`<li key=${r.code} class="item">
      <span class="item-title">${r.name}</span> <span class="badge badge-off">${t('ap.missing')}</span>
    </li>`)}
  </ul>`;
}

/* " · from → to" for a move between states; nothing more for filing, whose one state the label already says. */
function stepText(e) {
  const action = e.action_label || e.action;
  const to = e.to_label || e.to;
  if (e.from) return ` · ${e.from_label || e.from} → ${to}`;
  return to === action ? '' : ` · ${to}`;
}

export function Timeline({ events }) {
  return html`<ol class="timeline">
    ${(events || []).map((e, i) => html`<li key=${i}>
      <p class="meta"><${DateTime} value=${e.at} />${e.actor_name ? ` · ${t('ap.by', { name: e.actor_name })}` : ''}${e.role ? ` (${t(`role.${e.role}`, null, e.role)})` : ''}</p>
      <p><strong>${e.action_label || e.action}</strong>${stepText(e)}</p>
      ${e.comment ? html`<p class="comment">${e.comment}</p>` : null}
    </li>`)}
  </ol>`;
}
