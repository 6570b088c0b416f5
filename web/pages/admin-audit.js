// The audit trail, newest first, paged with next_cursor (GET /api/v1/audit).
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { setQuery } from '../router.js';
import { adminRegion, isPlatformAdmin } from '../session.js';
import { DateTime, Empty, LoadError, Loading, Page, RegionPicker, useLoad } from '../ui.js';
import { pageRegion, regionParam } from './admin-common.js';

const PAGE = 25;

/** Entries per page: ?limit= (1..200), else 25. */
function pageSize(query) {
  const n = Number(query.get('limit'));
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : PAGE;
}

function actionLabel(a) {
  const s = t(`action.${a}`, null, null);
  return s || a;
}

export default function AdminAudit({ user, query }) {
  const region = pageRegion(query, user, adminRegion(user));
  const limit = pageSize(query);
  const [more, setMore] = useState({ items: [], next: undefined, busy: false, error: '' });
  const r = useLoad(async (signal) => {
    const x = await api('/audit', { query: { region, limit }, signal });
    setMore({ items: [], next: undefined, busy: false, error: '' });
    return x;
  }, [region, limit]);
  const first = (r.data && r.data.data) || [];
  const items = [...first, ...more.items];
  const next = more.next === undefined ? r.data && r.data.next_cursor : more.next;

  const loadMore = async () => {
    setMore((m) => ({ ...m, busy: true, error: '' }));
    try {
      const x = await api('/audit', { query: { region, limit, cursor: next } });
      setMore((m) => ({ items: [...m.items, ...x.data], next: x.next_cursor || null, busy: false, error: '' }));
    } catch (e) {
      setMore((m) => ({ ...m, busy: false, error: errorText(e) }));
    }
  };

  return html`<${Page} title=${t('audit.title')} lead=${t('audit.lead')}>
    <${RegionPicker} value=${region} allowEmpty=${isPlatformAdmin(user)} onChange=${(v) => setQuery({ region: regionParam(v) })} />
    <section class="section" aria-labelledby="audit-list-h">
      <h2 id="audit-list-h">${t('audit.list')}</h2>
      ${r.loading && !r.data
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : items.length
            ? html`<ol class="rows audit">
                ${items.map((e) => html`<li key=${e.id} class="row">
                  <div class="row-main">
                    <span class="row-title">${actionLabel(e.action)}</span>
                    <p class="meta"><${DateTime} value=${e.at} /> · ${e.actor_name || t('audit.system')}${e.role ? html` (${t(`role.${e.role}`)})` : null}</p>
                    <p class="meta">${t(`entity.${e.entity}`, null, e.entity)}${e.entity_id != null ? html` <span class="code">#${e.entity_id}</span>` : null}
                      ${e.region_code ? html` · <span class="code">${e.region_code}</span>` : null}
                      ${e.ip ? html` · IP <span class="code">${e.ip}</span>` : null}</p>
                    ${e.hash ? html`<p class="meta hash">${t('audit.hash')} <span class="code" title=${e.hash}>${String(e.hash).slice(0, 16)}…</span></p>` : null}
                  </div>
                </li>`)}
              </ol>`
            : html`<${Empty}>${t('audit.none')}<//>`}
      ${more.error ? html`<div class="alert alert-error" role="alert"><p class="alert-title">${more.error}</p></div>` : null}
      <p class="visually-hidden" role="status">${more.items.length ? t('audit.loaded', { n: items.length }) : ''}</p>
      ${next
        ? html`<button type="button" class="btn btn-secondary" disabled=${more.busy} onClick=${loadMore}>
            ${more.busy ? t('common.loading') : t('audit.more')}
          </button>`
        : items.length ? html`<p class="meta">${t('audit.end')}</p>` : null}
    </section>
  <//>`;
}
