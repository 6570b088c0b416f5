// Who is signed in, what they may see, and which region the app is about.
import { api, setCsrf } from './api.js';

export const ROLES = [
  'citizen', 'front_office', 'back_office', 'approver', 'agency_admin', 'region_admin',
  'data_producer', 'data_steward', 'cooperation_officer', 'executive', 'platform_admin',
];
export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen');
export const ADMIN_ROLES = ['region_admin', 'platform_admin'];
export const OFFICER_ROLES = ['front_office', 'back_office', 'approver', 'agency_admin'];
export const EXECUTIVE_ROLES = ['executive'];

export const REGION_RE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function rolesOf(user) {
  if (!user) return [];
  const set = new Set(user.roles || []);
  for (const g of user.grants || []) set.add(g.role);
  if (user.kind === 'citizen') set.add('citizen');
  return [...set];
}

export function hasRole(user, roles) {
  const mine = rolesOf(user);
  return roles.some((r) => mine.includes(r));
}

export const isAdmin = (user) => hasRole(user, ADMIN_ROLES);
export const isPlatformAdmin = (user) => hasRole(user, ['platform_admin']);
export const isCitizen = (user) => !!user && (user.kind === 'citizen' || hasRole(user, ['citizen']));

/** Region codes in which the user holds one of `roles` (no code for platform_admin). */
export function grantRegions(user, roles = ADMIN_ROLES) {
  const out = [];
  for (const g of (user && user.grants) || []) {
    if (roles.includes(g.role) && g.region_code && !out.includes(g.region_code)) out.push(g.region_code);
  }
  return out;
}

const REGION_KEY = 'sp.region';

export function chosenRegion() {
  try {
    const v = localStorage.getItem(REGION_KEY);
    return v && REGION_RE.test(v) ? v : null;
  } catch {
    return null;
  }
}

export function chooseRegion(code) {
  try {
    if (code) localStorage.setItem(REGION_KEY, code);
    else localStorage.removeItem(REGION_KEY);
  } catch {
    /* private mode: not remembered */
  }
}

/**
 * The region the app is about: staff see the region of their first grant; citizens and
 * visitors the region they chose (a citizen's NIK names the regency of registration).
 */
export function homeRegion(user) {
  if (user && !isCitizen(user)) {
    const g = (user.grants || []).find((x) => x.region_code);
    if (g) return g.region_code;
  }
  const chosen = chosenRegion();
  if (chosen) return chosen;
  if (user && typeof user.nik === 'string' && /^\d{4}/.test(user.nik)) {
    return `${user.nik.slice(0, 2)}.${user.nik.slice(2, 4)}`;
  }
  return null;
}

/** The default region for admin pages: the first region the admin administers. */
export function adminRegion(user) {
  return grantRegions(user)[0] || chosenRegion() || '';
}

const regionCache = new Map();

/** GET /api/v1/regions/{code}, cached for the page's life. */
export function regionInfo(code) {
  if (!code || !REGION_RE.test(code)) return Promise.resolve(null);
  if (!regionCache.has(code)) {
    const p = api(`/regions/${code}`, { quiet: true }).catch((e) => {
      regionCache.delete(code);
      throw e;
    });
    regionCache.set(code, p);
  }
  return regionCache.get(code);
}

/** GET /api/v1/auth/me: { user, csrf_token } or null when not signed in. */
export async function loadSession() {
  try {
    const me = await api('/auth/me', { quiet: true });
    setCsrf(me && me.csrf_token);
    return (me && me.user) || null;
  } catch (err) {
    setCsrf(null);
    if (err.status === 401 || err.status === 404) return null;
    throw err;
  }
}

/** A User from an answer that is either the User or {"user": User}. */
export const asUser = (x) => (x && typeof x === 'object' && x.user && typeof x.user === 'object' ? x.user : x);
