// /verify/:code: is an issued document genuine? (public GET /api/v1/documents/{code}/verify):
// a green "ASLI / GENUINE" or red "TIDAK ASLI / NOT GENUINE" panel with the reason, and what
// was issued, to whom (masked), when and by which agency.
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { DateTime, LoadError, Loading, Page, RegionName, useLoad } from '../ui.js';
import './app-common.js';

function Verdict({ v }) {
  const rows = [
    [t('ap.number'), html`<span class="code">${v.number}</span>`],
    [t('ap.service'), v.service && v.service.name],
    [t('ap.decision'), t(`ap.decision_${v.decision}`, null, v.decision)],
    [t('ap.agency'), html`${v.agency && v.agency.name}${v.region_code ? html` · <${RegionName} code=${v.region_code} withCode=${false} />` : null}`],
    [t('ap.issued_to'), html`${v.issued_to && v.issued_to.name}${v.issued_to && v.issued_to.nik ? html` · <span class="code">${v.issued_to.nik}</span>` : null}`],
    [t('ap.issued_at'), html`<${DateTime} value=${v.issued_at} />`],
    [t('ap.verify_code'), html`<span class="code">${v.code}</span>`],
  ];
  return html`
    <div class=${v.genuine ? 'verdict verdict-ok' : 'verdict verdict-bad'} role="status" data-testid="verdict">
      <p class="verdict-title">${v.genuine ? t('ap.genuine') : t('ap.not_genuine')}</p>
      <p>${v.genuine ? t('ap.genuine_body') : v.reason}</p>
    </div>
    <dl class="dl">
      ${rows.map(([k, val]) => html`<div key=${k} class="dl-row"><dt>${k}</dt><dd>${val}</dd></div>`)}
    </dl>`;
}

export default function VerifyPage({ params }) {
  const r = useLoad((signal) => api(`/documents/${encodeURIComponent(params.code)}/verify`, { signal }), [params.code]);
  return html`<${Page} title=${t('ap.verify_title')} lead=${t('ap.verify_lead')}>
    ${r.loading && !r.data ? html`<${Loading} />` : null}
    ${r.error && (r.error.status === 404 || r.error.status === 422)
      ? html`<div class="verdict verdict-bad" role="status" data-testid="verdict">
          <p class="verdict-title">${t('ap.not_genuine')}</p><p>${t('ap.verify_unknown')}</p>
        </div>`
      : r.error ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />` : null}
    ${r.data ? html`<${Verdict} v=${r.data} />` : null}
  <//>`;
}
