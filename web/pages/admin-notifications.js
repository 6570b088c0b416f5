// Notifications to applicants (GET /api/v1/notifications?region=&status=): what the outbox sent,
// what still waits (a channel not configured, a gateway down) and what failed for good, with
// the last error, newest first and a page at a time.
import { html } from '../vendor.js';
import { loadStrings, t } from '../i18n.js';
import { setQuery } from '../router.js';
import { adminRegion } from '../session.js';
import { DateTime, Empty, LoadError, LoadMore, Loading, Page, RegionPicker, pageLimit, usePaged } from '../ui.js';
import { pageRegion } from './admin-common.js';

await loadStrings('applications'); // notif.*

const STATUSES = ['pending', 'failed', 'sent'];
const BADGE = { pending: 'badge-paused', failed: 'badge-late', sent: 'badge-on' };

function Item({ m }) {
  return html`<li class="row">
    <div class="row-main">
      <span class="row-title">${t(`notif.tpl.${m.template}`, null, m.template)}
        ${' '}<span class=${`badge ${BADGE[m.status] || ''}`}>${t(`notif.status.${m.status}`, null, m.status)}</span></span>
      <p class="meta">${t(`notif.channel.${m.channel}`, null, m.channel)} · <span class="code">${m.recipient}</span>
        ${m.application_id ? html` · <a href=${`/applications/${m.application_id}`}>${t('notif.application', { id: m.application_id })}</a>` : null}</p>
      <p class="meta">${t('notif.created')} <${DateTime} value=${m.created_at} />
        ${m.sent_at ? html` · ${t('notif.sent')} <${DateTime} value=${m.sent_at} />` : null}
        ${m.attempts ? html` · ${t('notif.attempts', { n: m.attempts })}` : null}</p>
      ${m.last_error && m.status !== 'sent' ? html`<p class="meta">${t('notif.last_error')}: <span class="code">${m.last_error}</span></p>` : null}
    </div>
  </li>`;
}

/** The messages of one region, a page at a time. */
function Messages({ region, status, limit }) {
  const list = usePaged('/notifications', { region, status, limit }, [region, status, limit]);
  if (list.loading && !list.items.length) return html`<${Loading} />`;
  if (list.error) return html`<${LoadError} error=${list.error} onRetry=${list.reload} />`;
  if (!list.items.length) return html`<${Empty}>${t('notif.none')}<//>`;
  return html`<ul class="rows" data-testid="notifications-list">${list.items.map((m) => html`<${Item} key=${m.id} m=${m} />`)}</ul>
    <${LoadMore} list=${list} />`;
}

export default function AdminNotifications({ user, query }) {
  const region = pageRegion(query, user, adminRegion(user));
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const limit = pageLimit(query);
  return html`<${Page} title=${t('notif.title')} lead=${t('notif.lead')}>
    <${RegionPicker} value=${region} onChange=${(v) => setQuery({ region: v || null })} />
    <div class="field">
      <label for="notif-status">${t('notif.filter')}</label>
      <select id="notif-status" value=${status} onChange=${(e) => setQuery({ status: e.target.value || null })}>
        <option value="">${t('notif.status.all')}</option>
        ${STATUSES.map((s) => html`<option value=${s}>${t(`notif.status.${s}`)}</option>`)}
      </select>
    </div>
    <section class="section" aria-labelledby="notif-list-h">
      <h2 id="notif-list-h">${t('notif.list')}</h2>
      ${region ? html`<${Messages} region=${region} status=${status} limit=${limit} />` : html`<${Empty}>${t('notif.pick_region')}<//>`}
    </section>
  <//>`;
}
