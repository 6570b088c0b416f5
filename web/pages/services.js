// "Layanan": the agencies serving at the MPP of the visitor's region. The catalogue of
// services with their Standar Pelayanan comes with a later release.
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { homeRegion } from '../session.js';
import { Empty, LoadError, Loading, Page, RegionName, useLoad } from '../ui.js';

export function AgencyList({ region }) {
  const r = useLoad((signal) => api(`/regions/${region}/agencies`, { query: { active: 'true' }, signal }), [region]);
  if (r.loading) return html`<${Loading} />`;
  if (r.error) return html`<${LoadError} error=${r.error} onRetry=${r.reload} />`;
  const list = (r.data && r.data.data) || [];
  if (!list.length) return html`<${Empty}>${t('services.no_agencies')}<//>`;
  return html`<ul class="cards cards-compact">
    ${list.map((a) => html`<li key=${a.id} class="card">
      <h3>${a.name}</h3>
      <p class="meta">${a.short_name ? html`<span>${a.short_name}</span> · ` : null}${t(`kind.${a.kind}`)}</p>
    </li>`)}
  </ul>`;
}

export default function Services({ user }) {
  const region = homeRegion(user);
  return html`<${Page} title=${t('services.title')} lead=${t('services.lead')}>
    ${region
      ? html`<section class="section" aria-labelledby="svc-agencies-h">
          <h2 id="svc-agencies-h">${t('services.agencies_in')} <${RegionName} code=${region} withCode=${false} /></h2>
          <${AgencyList} region=${region} />
        </section>`
      : html`<${Empty}>${t('services.choose_region')} <a href="/">${t('services.choose_link')}</a><//>`}
    <p class="note">${t('services.catalogue_soon')}</p>
  <//>`;
}
