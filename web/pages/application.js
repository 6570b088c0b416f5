// One application (/applications/:id, GET /api/v1/applications/{id}), for its applicant and
// the officers of its region: state and SLA clock, answers, documents (uploads for the
// applicant while it is open), the actions the caller may take now (POST .../actions with
// the version read; 409 when someone else was first), the timeline, and the issued document.
import { html, useRef, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { DateTime, LoadError, Loading, Page, Status, useLoad } from '../ui.js';
import { isCitizen } from '../session.js';
import { Answers, Documents, SlaClock, StateBadge, Timeline, Uploads } from './app-common.js';

const OPEN_FOR_UPLOAD = ['submitted', 'verification', 'returned_to_applicant'];

function ActionPanel({ a, onDone }) {
  const [comment, setComment] = useState('');
  const [err, setErr] = useState('');
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState('');
  const ref = useRef(null);
  const anyRequired = a.actions.some((x) => x.comment_required);
  const run = async (act) => {
    setErr('');
    setStale(false);
    if (act.comment_required && !comment.trim()) {
      setErr(t('ap.comment_required'));
      if (ref.current) ref.current.focus();
      return;
    }
    setBusy(act.name);
    try {
      const body = { action: act.name, version: a.version };
      if (comment.trim()) body.comment = comment.trim();
      const next = await api(`/applications/${a.id}/actions`, { method: 'POST', body });
      setComment('');
      onDone(next, t('ap.done', { label: act.label }));
    } catch (e) {
      if (e && e.status === 409) setStale(true);
      else setErr((e && e.fields && e.fields.comment) || errorText(e));
    } finally {
      setBusy('');
    }
  };
  return html`<section class="section action-panel" aria-labelledby="ap-actions-h">
    <h2 id="ap-actions-h">${t('ap.actions')}</h2>
    ${a.actions.some((x) => x.name === 'resubmit') ? html`<p class="warning">${t('ap.resubmit_note')}</p>` : null}
    ${stale ? html`<div class="alert alert-error" role="alert">
      <p class="alert-title">${t('ap.stale')}</p>
      <button type="button" class="btn btn-secondary" onClick=${() => onDone(null, '')}>${t('ap.reload')}</button>
    </div>` : null}
    <div class=${err ? 'field field-invalid' : 'field'}>
      <label for="ap-comment">${t('ap.comment')}${anyRequired ? null : html` <span class="optional">(${t('form.optional')})</span>`}</label>
      ${anyRequired ? html`<p class="hint" id="ap-comment-hint">${t('ap.comment_hint')}</p>` : null}
      ${err ? html`<p class="field-error" id="ap-comment-err" role="alert">${err}</p>` : null}
      <textarea id="ap-comment" ref=${ref} rows="3" value=${comment} onInput=${(e) => setComment(e.currentTarget.value)}
        aria-invalid=${err ? 'true' : undefined}
        aria-describedby=${[anyRequired ? 'ap-comment-hint' : '', err ? 'ap-comment-err' : ''].filter(Boolean).join(' ') || undefined}></textarea>
    </div>
    <div class="actions-row">
      ${a.actions.map((x) => html`<button key=${x.name} type="button" data-action=${x.name}
        class=${/reject|return/.test(x.name) ? 'btn btn-danger-outline' : 'btn btn-primary'}
        disabled=${!!busy} onClick=${() => run(x)}>${x.label}${x.comment_required ? ' *' : ''}</button>`)}
    </div>
  </section>`;
}

function Issued({ a }) {
  const d = a.issued_document;
  const pdf = (d && d.pdf_url) || `/api/v1/applications/${a.id}/document.pdf`;
  return html`<div class="notice notice-success issued">
    <p class="alert-title">${t('ap.issued')}</p>
    <p><a class="btn btn-primary" href=${pdf} download=${`${a.tracking_no}.pdf`}>${t('ap.download')}</a></p>
    ${d && d.code ? html`<p>${t('ap.verify_code')}: <span class="code" data-testid="verify-code">${d.code}</span>
      · <a href=${`/verify/${encodeURIComponent(d.code)}`}>${t('ap.verify_link')}</a></p>` : null}
  </div>`;
}

function View({ a, svc, user, onChange, message }) {
  const citizen = isCitizen(user) && a.applicant && a.applicant.id === user.id;
  const form = svc && svc.form;
  const reqs = (svc && svc.requirements) || [];
  return html`<${Page} title=${`${a.service.name} — ${a.tracking_no}`}>
    <p class="back-link"><a href=${citizen ? '/applications' : '/inbox'}>← ${citizen ? t('ap.list_back') : t('ap.inbox_back')}</a></p>
    <${Status} message=${message} />
    <dl class="dl app-facts">
      <div class="dl-row"><dt>${t('ap.state')}</dt><dd data-testid="state"><${StateBadge} a=${a} /></dd></div>
      <div class="dl-row"><dt>${t('ap.clock')}</dt><dd data-testid="clock"><${SlaClock} sla=${a.sla} state=${a.state} />
        ${a.sla && a.sla.paused && a.state === 'returned_to_applicant' ? html`<p class="meta">${t('ap.paused_note')}</p>` : null}</dd></div>
      <div class="dl-row"><dt>${t('ap.tracking_no')}</dt><dd class="code">${a.tracking_no}</dd></div>
      <div class="dl-row"><dt>${t('ap.service')}</dt><dd>${a.service.name}${a.service.agency ? ` · ${a.service.agency.name}` : ''}</dd></div>
      <div class="dl-row"><dt>${t('ap.applicant')}</dt><dd>${a.applicant.name}${a.applicant.nik ? html` <span class="code">${a.applicant.nik}</span>` : null}</dd></div>
      <div class="dl-row"><dt>${t('ap.submitted_at')}</dt><dd><${DateTime} value=${a.submitted_at} /></dd></div>
    </dl>
    ${a.state === 'issued' ? html`<${Issued} a=${a} />` : null}
    ${a.actions && a.actions.length ? html`<${ActionPanel} key=${a.version} a=${a} onDone=${onChange} />` : null}
    <section class="section" aria-labelledby="ap-answers-h">
      <h2 id="ap-answers-h">${t('ap.answers')}</h2>
      <${Answers} answers=${a.answers} form=${form} />
    </section>
    <section class="section" aria-labelledby="ap-docs-h">
      <h2 id="ap-docs-h">${t('ap.documents')}</h2>
      <${Documents} documents=${a.documents} requirements=${reqs} />
      ${citizen && OPEN_FOR_UPLOAD.includes(a.state) && reqs.length ? html`<h3>${t('ap.upload_title')}</h3>
        <${Uploads} appId=${a.id} requirements=${reqs} documents=${a.documents} onUploaded=${() => onChange(null, '')} />` : null}
    </section>
    <section class="section" aria-labelledby="ap-timeline-h">
      <h2 id="ap-timeline-h">${t('ap.timeline')}</h2>
      <${Timeline} events=${a.events} />
    </section>
  <//>`;
}

export default function ApplicationPage({ params, user }) {
  const [message, setMessage] = useState('');
  const r = useLoad(async (signal) => {
    const a = await api(`/applications/${encodeURIComponent(params.id)}`, { signal });
    let svc = null;
    try {
      svc = await api(`/services/${a.service.id}`, { signal, quiet: true });
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
    }
    return { a, svc };
  }, [params.id]);
  if (r.loading && !r.data) return html`<div class="page"><${Loading} /></div>`;
  if (r.error) {
    return html`<${Page} title=${r.error.status === 404 ? t('notfound.title') : t('applications.title')}>
      ${r.error.status === 404 ? html`<p>${t('notfound.body')}</p>` : html`<${LoadError} error=${r.error} onRetry=${r.reload} />`}
    <//>`;
  }
  const onChange = (next, msg) => {
    setMessage(msg || '');
    if (next) r.setData((d) => ({ ...d, a: next }));
    else r.reload();
  };
  return html`<${View} a=${r.data.a} svc=${r.data.svc} user=${user} onChange=${onChange} message=${message} />`;
}
