// "Kotak masuk": the applications where the officer has an action now
// (GET /api/v1/inbox?region=), in the server's order (least time left first, paused last).
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { Empty, LoadError, Loading, Page, RegionName, useLoad } from '../ui.js';
import { OFFICER_ROLES, grantRegions } from '../session.js';
import { AppList } from './app-common.js';

export default function Inbox({ user }) {
  const regions = grantRegions(user, OFFICER_ROLES);
  const [region, setRegion] = useState(regions[0] || '');
  const r = useLoad((signal) => (region ? api('/inbox', { query: { region }, signal }) : Promise.resolve({ data: [] })), [region]);
  const list = (r.data && r.data.data) || [];
  return html`<${Page} title=${t('inbox.title')} lead=${t('inbox.lead')}>
    ${regions.length > 1
      ? html`<div class="field">
          <label for="inbox-region">${t('ap.inbox_region')}</label>
          <select id="inbox-region" value=${region} onChange=${(e) => setRegion(e.currentTarget.value)}>
            ${regions.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
          </select>
        </div>`
      : null}
    ${region ? html`<p class="region-current">${t('ap.inbox_region')}: <strong><${RegionName} code=${region} /></strong></p>`
      : html`<p class="warning">${t('ap.inbox_none_region')}</p>`}
    ${r.loading && !r.data ? html`<${Loading} />` : null}
    ${r.error ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />` : null}
    ${r.data && !list.length ? html`<${Empty}>${t('inbox.empty')}<//>` : null}
    ${list.length ? html`<p class="meta" role="status">${t('ap.count', { n: list.length })}</p><${AppList} list=${list} showApplicant=${true} />` : null}
  <//>`;
}
