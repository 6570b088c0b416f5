// Entry: session, language, routing and the lazily loaded page modules.
import { html, render, useEffect, useState } from './vendor.js';
import { getLang, setLang, t } from './i18n.js';
import { api, setCsrf, setUnauthorizedHandler } from './api.js';
import { match, navigate, safeNext, useLocation } from './router.js';
import { ADMIN_ROLES, EXECUTIVE_ROLES, OFFICER_ROLES, hasRole, isCitizen, loadSession } from './session.js';
import { Layout } from './layout.js';
import { Page, LoadError, Loading } from './ui.js';

// auth: 'guest' (signed-in users go to /app), true (must be signed in), or absent (public).
// roles: any of these; citizen: citizens only.
const routes = [
  { path: '/', load: () => import('./pages/home.js') },
  { path: '/login', auth: 'guest', load: () => import('./pages/login.js') },
  { path: '/register', auth: 'guest', load: () => import('./pages/register.js') },
  { path: '/services', load: () => import('./pages/services.js') },
  { path: '/services/:id', load: () => import('./pages/service.js') },
  { path: '/layanan', load: () => import('./pages/services.js') },
  { path: '/app', auth: true, load: () => import('./pages/app-home.js') },
  { path: '/app/permohonan', auth: true, citizen: true, load: () => import('./pages/applications.js') },
  { path: '/applications', auth: true, citizen: true, load: () => import('./pages/applications.js') },
  { path: '/applications/:id', auth: true, load: () => import('./pages/application.js') },
  { path: '/app/inbox', auth: true, roles: OFFICER_ROLES, load: () => import('./pages/inbox.js') },
  { path: '/inbox', auth: true, roles: OFFICER_ROLES, load: () => import('./pages/inbox.js') },
  { path: '/track', load: () => import('./pages/track.js') },
  { path: '/verify/:code', load: () => import('./pages/verify.js') },
  { path: '/app/dashboard', auth: true, roles: EXECUTIVE_ROLES, load: () => import('./pages/dashboard.js') },
  { path: '/admin/users', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-users.js') },
  { path: '/admin/users/new', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-user-new.js') },
  { path: '/admin/users/:id', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-user.js') },
  { path: '/admin/agencies', auth: true, roles: [...ADMIN_ROLES, 'agency_admin'], load: () => import('./pages/admin-agencies.js') },
  { path: '/admin/services', auth: true, roles: [...ADMIN_ROLES, 'agency_admin'], load: () => import('./pages/admin-services.js') },
  { path: '/admin/services/new', auth: true, roles: [...ADMIN_ROLES, 'agency_admin'], load: () => import('./pages/admin-service.js') },
  { path: '/admin/services/:id', auth: true, roles: [...ADMIN_ROLES, 'agency_admin'], load: () => import('./pages/admin-service.js') },
  { path: '/admin/calendar', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-calendar.js') },
  { path: '/admin/tokens', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-tokens.js') },
  { path: '/admin/audit', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-audit.js') },
  { path: '/admin/notifications', auth: true, roles: ADMIN_ROLES, load: () => import('./pages/admin-notifications.js') },
];

const modules = new Map();

function NotFound() {
  return html`<${Page} title=${t('notfound.title')}>
    <p>${t('notfound.body')}</p>
    <p><a href="/">${t('notfound.home')}</a></p>
  <//>`;
}

function Forbidden() {
  return html`<${Page} title=${t('forbidden.title')}>
    <p>${t('forbidden.body')}</p>
    <p><a href="/app">${t('forbidden.back')}</a></p>
  <//>`;
}

function App() {
  const [, setLangTick] = useState(getLang());
  const [session, setSession] = useState({ loading: true, user: null, error: null });
  const [, setLoaded] = useState(0);
  const [, setRegionTick] = useState(0);
  const loc = useLocation();
  const m = match(routes, loc.path);
  const route = m && m.route;
  const user = session.user;

  const refresh = () =>
    loadSession().then(
      (u) => setSession({ loading: false, user: u, error: null }),
      (error) => setSession({ loading: false, user: null, error }),
    );

  useEffect(() => {
    refresh();
    setUnauthorizedHandler(() => {
      setCsrf(null);
      setSession({ loading: false, user: null, error: null });
    });
  }, []);

  // Guards: where the signed-in state says this page is not the right one.
  let redirect = null;
  if (!session.loading && route) {
    if (route.auth === 'guest' && user) redirect = safeNext(loc.query.get('next')) || '/app';
    else if (route.auth === true && !user) redirect = `/login?next=${encodeURIComponent(loc.path + loc.search)}`;
  }
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // Load the page module for this route (each page is its own file).
  const mod = route && modules.get(route.path);
  useEffect(() => {
    if (!route || modules.has(route.path)) return;
    route.load().then(
      (x) => { modules.set(route.path, { Page: x.default }); setLoaded((n) => n + 1); },
      (error) => { modules.set(route.path, { error }); setLoaded((n) => n + 1); },
    );
  }, [route && route.path]);

  const onLang = (l) => setLang(l).then(() => setLangTick(l));

  const onLogout = async () => {
    try {
      await api('/auth/logout', { method: 'POST', quiet: true });
    } catch {
      /* the session may be gone already; sign out locally either way */
    }
    setCsrf(null);
    setSession({ loading: false, user: null, error: null });
    navigate('/login', { flash: t('account.logged_out') });
  };

  const onLogin = (u, csrf) => {
    setCsrf(csrf);
    setSession({ loading: false, user: u, error: null });
  };

  let body;
  if (session.loading || redirect) body = html`<div class="page"><${Loading} /></div>`;
  else if (session.error) body = html`<div class="page"><${LoadError} error=${session.error} onRetry=${refresh} /></div>`;
  else if (!route) body = html`<${NotFound} />`;
  else if ((route.roles && !hasRole(user, route.roles)) || (route.citizen && !isCitizen(user))) body = html`<${Forbidden} />`;
  else if (!mod) body = html`<div class="page"><${Loading} /></div>`;
  else if (mod.error) body = html`<div class="page"><${LoadError} error=${mod.error} onRetry=${() => location.reload()} /></div>`;
  else {
    const P = mod.Page;
    body = html`<${P} key=${loc.path} user=${user} params=${m.params} query=${loc.query}
      onLogin=${onLogin} onUserChange=${(u) => setSession((s) => ({ ...s, user: u }))}
      onRegion=${() => setRegionTick((n) => n + 1)} />`;
  }

  return html`<${Layout} user=${user} path=${loc.path} onLang=${onLang} onLogout=${onLogout}>${body}<//>`;
}

document.documentElement.lang = getLang();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
