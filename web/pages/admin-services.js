// Services of a region for its administrators (/admin/services): every status (drafts,
// published, retired) from GET /api/v1/regions/{code}/services[?status=], with a link to the editor
// (admin-service.js) and to the public page of published ones.
import { html } from '../vendor.js';
import { loadStrings, t } from '../i18n.js';
import { api } from '../api.js';
import { setQuery } from '../router.js';
import { adminRegion, grantRegions, isAdmin } from '../session.js';
import { Empty, LoadError, Loading, Page, RegionPicker, Status, useFlash, useLoad } from '../ui.js';
import { pageRegion } from './admin-common.js';
import { StatusBadge, feeText, slaText } from './service-common.js';

await loadStrings('services-admin');

const STATUSES = ['all', 'draft', 'published', 'retired'];

/** The region an admin works on: of their region_admin or agency_admin grant, else the chosen one. */
export const ownRegion = (user) => grantRegions(user, ['region_admin', 'agency_admin'])[0] || adminRegion(user) || '';

export default function AdminServices({ user, query }) {
  const flash = useFlash();
  const region = pageRegion(query, user, ownRegion(user));
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'all';
  const r = useLoad(
    (signal) => (region
      ? api(`/regions/${region}/services`, { query: { status: status === 'all' ? '' : status }, signal })
      : Promise.resolve({ data: [] })),
    [region, status],
  );
  const list = (r.data && r.data.data) || [];
  return html`<${Page} title=${t('sa.title')} lead=${t('sa.lead')}>
    <${Status} message=${flash} />
    ${isAdmin(user) ? html`<${RegionPicker} value=${region} onChange=${(v) => setQuery({ region: v })} />` : null}
    <section class="section" aria-labelledby="sa-list-h">
      <div class="section-head">
        <h2 id="sa-list-h">${t('sa.list')}</h2>
        ${region ? html`<a class="btn btn-primary" href=${`/admin/services/new?region=${encodeURIComponent(region)}`}>${t('sa.add')}</a>` : null}
      </div>
      <div class="field field-narrow">
        <label for="sa-status">${t('sa.status')}</label>
        <select id="sa-status" value=${status} onChange=${(e) => setQuery({ status: e.currentTarget.value === 'all' ? '' : e.currentTarget.value })}>
          ${STATUSES.map((s) => html`<option key=${s} value=${s}>${s === 'all' ? t('sa.status_all') : t(`svc.status_${s}`)}</option>`)}
        </select>
      </div>
      ${!region
        ? html`<${Empty}>${t('cal.choose_region')}<//>`
        : r.loading && !r.data
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : list.length
            ? html`<ul class="rows">
                ${list.map((s) => html`<li key=${s.id} class="row">
                  <div class="row-main">
                    <a class="row-title" href=${`/admin/services/${s.id}`}>${s.name}</a>
                    ${' '}<${StatusBadge} status=${s.status} />
                    <p class="meta">${[
                      s.agency ? s.agency.short_name || s.agency.name : '',
                      html`<span class="code">${s.code}</span>`,
                      feeText(s.fee),
                      slaText(s.sla_minutes),
                      t('sa.version', { v: s.version }),
                    ].map((x, i) => html`${i ? ' · ' : ''}${x}`)}</p>
                    ${s.status === 'published'
                      ? html`<a class="meta-link" href=${`/services/${s.id}`}
                          aria-label=${`${t('sa.public_page')}: ${s.name}`}>${t('sa.public_page')}</a>`
                      : null}
                  </div>
                </li>`)}
              </ul>`
            : html`<${Empty}>${t('sa.none')}<//>`}
    </section>
  <//>`;
}
