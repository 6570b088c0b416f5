// The frame of every page: skip link, header (name, region, language switch, account),
// navigation by role, main landmark, footer with the data attribution.
import { html, useEffect, useState } from './vendor.js';
import { t, getLang, LANGS } from './i18n.js';
import {
  ADMIN_ROLES, EXECUTIVE_ROLES, OFFICER_ROLES, hasRole, homeRegion, isCitizen, regionInfo,
} from './session.js';

/** Navigation entries for a user: [path, i18n key]. */
export function navFor(user) {
  if (!user) {
    return [['/', 'nav.home'], ['/services', 'nav.services']];
  }
  const items = [];
  if (isCitizen(user)) {
    items.push(['/app', 'nav.home'], ['/services', 'nav.services'], ['/app/permohonan', 'nav.my_applications']);
  } else {
    items.push(['/app', 'nav.home']);
  }
  if (hasRole(user, OFFICER_ROLES)) items.push(['/app/inbox', 'nav.inbox']);
  if (hasRole(user, EXECUTIVE_ROLES)) items.push(['/app/dashboard', 'nav.dashboard']);
  if (hasRole(user, ADMIN_ROLES)) {
    items.push(['/admin/users', 'nav.users'], ['/admin/agencies', 'nav.agencies'], ['/admin/services', 'nav.services'],
      ['/admin/calendar', 'nav.calendar'], ['/admin/tokens', 'nav.tokens'], ['/admin/notifications', 'nav.notifications'],
      ['/admin/audit', 'nav.audit']);
  } else if (hasRole(user, ['agency_admin'])) {
    items.push(['/admin/agencies', 'nav.agencies'], ['/admin/services', 'nav.services']);
  }
  return items;
}

function isCurrent(path, href) {
  if (href === '/' || href === '/app') return path === href;
  return path === href || path.startsWith(`${href}/`);
}

function RegionLabel({ code }) {
  const [name, setName] = useState('');
  useEffect(() => {
    let live = true;
    setName('');
    regionInfo(code).then((r) => live && r && setName(r.name), () => {});
    return () => { live = false; };
  }, [code]);
  return html`<span class="brand-region">${code ? name || code : t('brand.tagline')}</span>`;
}

function LangSwitch({ onLang }) {
  const cur = getLang();
  return html`<div class="lang" role="group" aria-label=${t('lang.switch')}>
    ${LANGS.map((l) => html`<button type="button" key=${l} lang=${l} class="lang-btn"
      aria-pressed=${cur === l ? 'true' : 'false'}
      onClick=${() => onLang(l)}>${l.toUpperCase()}<span class="visually-hidden"> ${l === 'id' ? 'Bahasa Indonesia' : 'English'}</span></button>`)}
  </div>`;
}

export function Layout({ user, path, onLang, onLogout, children }) {
  const items = navFor(user);
  return html`
    <a class="skip-link" href="#main">${t('skip')}</a>
    <header class="site-header">
      <div class="bar">
        <a class="brand" href=${user ? '/app' : '/'}>
          <span class="brand-name">satupintu</span>
          <${RegionLabel} code=${homeRegion(user)} />
        </a>
        <${LangSwitch} onLang=${onLang} />
      </div>
      <nav class="site-nav" aria-label=${t('nav.label')}>
        <ul>
          ${items.map(([href, key]) => html`<li key=${href}>
            <a href=${href} aria-current=${isCurrent(path, href) ? 'page' : undefined}>${t(key)}</a>
          </li>`)}
        </ul>
        <div class="account">
          ${user
            ? html`<span class="account-name">${t('account.signed_in_as')} <strong>${user.name}</strong></span>
                <button type="button" class="btn btn-header" onClick=${onLogout}>${t('account.logout')}</button>`
            : html`<a class="btn btn-header" href="/login" aria-current=${path === '/login' ? 'page' : undefined}>${t('account.login')}</a>
                <a class="btn btn-header btn-header-solid" href="/register" aria-current=${path === '/register' ? 'page' : undefined}>${t('account.register')}</a>`}
        </div>
      </nav>
    </header>
    <main id="main" tabindex="-1">${children}</main>
    <footer class="site-footer">
      <p>${t('footer.about')}</p>
      <p>${t('footer.codes')} <span class="nowrap"><a href="https://www.npmjs.com/package/idn-area-data" rel="noopener">idn-area-data</a> (<a
        href="https://opendatacommons.org/licenses/odbl/" rel="noopener" lang="en">ODbL</a>)</span></p>
    </footer>`;
}
