// Pieces shared by the administration pages.
import { html, useEffect, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { REGION_RE, STAFF_ROLES, isPlatformAdmin } from '../session.js';

const agencyCache = new Map();

export function agencyInfo(id) {
  const key = String(id);
  if (!agencyCache.has(key)) {
    const p = api(`/agencies/${encodeURIComponent(key)}`, { quiet: true }).catch((e) => {
      agencyCache.delete(key);
      throw e;
    });
    agencyCache.set(key, p);
  }
  return agencyCache.get(key);
}

export function forgetAgency(id) {
  agencyCache.delete(String(id));
}

export function AgencyName({ id }) {
  const [a, setA] = useState(null);
  useEffect(() => {
    let live = true;
    agencyInfo(id).then((x) => live && setA(x), () => {});
    return () => { live = false; };
  }, [id]);
  return html`<span>${a ? a.short_name || a.name : `${t('agency.one')} #${id}`}</span>`;
}

/** Roles this admin may grant: [value, label] (platform_admin only by a platform admin). */
export function grantableRoles(user) {
  return STAFF_ROLES.filter((r) => r !== 'platform_admin' || isPlatformAdmin(user)).map((r) => [r, t(`role.${r}`)]);
}

/** Agencies of a region for a select: [["", "— none —"], [id, name]...]; reloads when the code changes. */
export function useAgencyOptions(region) {
  const [state, setState] = useState({ list: [], loading: false, error: null });
  useEffect(() => {
    if (!region || !REGION_RE.test(region)) {
      setState({ list: [], loading: false, error: null });
      return undefined;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api(`/regions/${region}/agencies`, { query: { active: 'true' }, signal: ctl.signal, quiet: true }).then(
      (r) => setState({ list: (r && r.data) || [], loading: false, error: null }),
      (error) => { if (error.name !== 'AbortError') setState({ list: [], loading: false, error }); },
    );
    return () => ctl.abort();
  }, [region]);
  return state;
}

export function agencyOptions(list) {
  return [['', t('agency.none')], ...list.map((a) => [String(a.id), a.short_name ? `${a.name} (${a.short_name})` : a.name])];
}

/** The agency id as the server gave it (number or string), from a select's string value. */
export function agencyIdFrom(value, list) {
  if (!value) return undefined;
  const a = list.find((x) => String(x.id) === value);
  return a ? a.id : undefined; // an agency of another region (the code changed since): none
}

/** "grants[0].role" -> "role": the create-user form shows one grant's fields. */
export function grantField(k) {
  const m = /^grants(?:\[\d+\])?\.?(.*)$/.exec(k);
  if (!m) return k;
  return m[1] || 'role';
}

export function GrantChips({ grants }) {
  return html`<ul class="chips" aria-label=${t('users.roles')}>
    ${(grants || []).map((g) => html`<li key=${g.id} class="chip">
      ${t(`role.${g.role}`)}${g.region_code ? html` · <span class="code">${g.region_code}</span>` : null}
    </li>`)}
  </ul>`;
}

/** The region an admin page shows: ?region= ("all" = every region, platform admins), else the admin's own. */
export function pageRegion(query, user, fallback) {
  if (!query.has('region')) return fallback;
  const v = query.get('region');
  return v === 'all' ? '' : v;
}

export const regionParam = (v) => (v === '' ? 'all' : v);

export { pageLimit } from '../ui.js';

/** A 403 on a grant means the region is outside the admin's own: say so at the region field. */
export function regionForbidden(err) {
  if (err && err.status === 403 && err.code === 'forbidden') err.fields = { region_code: t('usernew.region_forbidden') };
  throw err;
}
