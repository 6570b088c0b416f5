// Staff administration: users of a region (GET /api/v1/users?region=&q=&role=), newest first,
// paged with next_cursor ("Load more"; ?limit= sets the page size).
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { setQuery } from '../router.js';
import { ROLES, adminRegion, isPlatformAdmin } from '../session.js';
import { Empty, LoadError, LoadMore, Loading, Page, RegionPicker, Status, useFlash, usePaged } from '../ui.js';
import { GrantChips, pageLimit, pageRegion, regionParam } from './admin-common.js';

export default function AdminUsers({ user, query }) {
  const flash = useFlash();
  const region = pageRegion(query, user, adminRegion(user));
  const q = query.get('q') || '';
  const role = query.get('role') || '';
  const [text, setText] = useState(q);
  const [roleSel, setRoleSel] = useState(role);
  const limit = pageLimit(query);
  const r = usePaged('/users', { region, q, role, limit }, [region, q, role, limit]);
  const list = r.items;

  return html`<${Page} title=${t('users.title')} lead=${t('users.lead')}>
    <${Status} message=${flash} />
    <p><a class="btn btn-primary" href=${`/admin/users/new${region ? `?region=${encodeURIComponent(region)}` : ''}`}>${t('users.add')}</a></p>
    <${RegionPicker} value=${region} allowEmpty=${isPlatformAdmin(user)} onChange=${(v) => setQuery({ region: regionParam(v) })} />
    <form class="filters" role="search" aria-label=${t('users.filter')} onSubmit=${(e) => { e.preventDefault(); setQuery({ q: text.trim(), role: roleSel }); }}>
      <div class="field">
        <label for="users-q">${t('users.search')}</label>
        <input id="users-q" type="search" value=${text} onInput=${(e) => setText(e.currentTarget.value)} autocomplete="off" />
      </div>
      <div class="field">
        <label for="users-role">${t('users.role')}</label>
        <select id="users-role" value=${roleSel} onChange=${(e) => setRoleSel(e.currentTarget.value)}>
          <option value="">${t('users.any_role')}</option>
          ${ROLES.map((x) => html`<option key=${x} value=${x}>${t(`role.${x}`)}</option>`)}
        </select>
      </div>
      <button type="submit" class="btn btn-secondary">${t('common.filter')}</button>
    </form>
    <section class="section" aria-labelledby="users-list-h" aria-busy=${r.loading ? 'true' : 'false'}>
      <h2 id="users-list-h">${t('users.list')}</h2>
      ${r.loading
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : list.length
            ? html`<ul class="rows" data-testid="users-list">
                ${list.map((u) => html`<li key=${u.id} class="row">
                  <div class="row-main">
                    <a class="row-title" href=${`/admin/users/${u.id}`}>${u.name}</a>
                    ${u.disabled ? html` <span class="badge badge-off">${t('users.disabled')}</span>` : null}
                    <p class="meta">
                      ${u.username ? html`<span class="code">${u.username}</span>` : t('users.citizen_account')}
                      ${u.email ? html` · ${u.email}` : null}${u.phone ? html` · ${u.phone}` : null}
                    </p>
                    <${GrantChips} grants=${u.grants} />
                  </div>
                </li>`)}
              </ul>`
            : html`<${Empty}>${t('users.none')}<//>`}
      ${r.loading || r.error ? null : html`<${LoadMore} list=${r} />`}
    </section>
  <//>`;
}
