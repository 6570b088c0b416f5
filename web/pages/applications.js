// "Permohonan saya": the citizen's applications (GET /api/v1/applications?mine=true), newest
// first, each with its state and SLA clock.
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { Empty, LoadError, Loading, Page, useLoad } from '../ui.js';
import { AppList } from './app-common.js';

export default function Applications() {
  const r = useLoad((signal) => api('/applications', { query: { mine: 'true' }, signal }), []);
  const list = (r.data && r.data.data) || [];
  return html`<${Page} title=${t('applications.title')} lead=${t('applications.lead')}>
    ${r.loading && !r.data ? html`<${Loading} />` : null}
    ${r.error ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />` : null}
    ${r.data && !list.length ? html`<${Empty}>${t('applications.empty')} <a href="/services">${t('applications.browse')}</a><//>` : null}
    ${list.length ? html`<${AppList} list=${list} />` : null}
  <//>`;
}
