// The signed-in home: what this person can do, by role.
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { ADMIN_ROLES, EXECUTIVE_ROLES, OFFICER_ROLES, hasRole, isCitizen } from '../session.js';
import { AgencyName } from './admin-common.js';
import { Page, RegionName, useFlash, Status } from '../ui.js';

function Tile({ href, title, body }) {
  return html`<li class="card card-link">
    <h2 class="card-title"><a href=${href}>${title}</a></h2>
    <p>${body}</p>
  </li>`;
}

function Profile({ user }) {
  const rows = [
    [t('profile.name'), user.name],
    user.username ? [t('profile.username'), user.username] : null,
    user.nik ? [t('profile.nik'), user.nik] : null,
    user.phone ? [t('profile.phone'), user.phone] : null,
    user.email ? [t('profile.email'), user.email] : null,
  ].filter(Boolean);
  return html`<section class="section" aria-labelledby="profile-h">
    <h2 id="profile-h">${t('profile.title')}</h2>
    <dl class="dl">
      ${rows.map(([k, v]) => html`<div key=${k} class="dl-row"><dt>${k}</dt><dd>${v}</dd></div>`)}
    </dl>
  </section>`;
}

function Grants({ user }) {
  const grants = user.grants || [];
  if (!grants.length) return null;
  return html`<section class="section" aria-labelledby="grants-h">
    <h2 id="grants-h">${t('apphome.your_roles')}</h2>
    <ul class="plain-list">
      ${grants.map((g) => html`<li key=${g.id}>
        <strong>${t(`role.${g.role}`)}</strong>
        ${g.region_code ? html` · <${RegionName} code=${g.region_code} />` : html` · ${t('region.all')}`}
        ${g.agency_id ? html` · <${AgencyName} id=${g.agency_id} />` : null}
      </li>`)}
    </ul>
  </section>`;
}

export default function AppHome({ user }) {
  const flash = useFlash();
  const tiles = [];
  if (isCitizen(user)) {
    tiles.push(['/services', t('nav.services'), t('apphome.services_body')]);
    tiles.push([`/app/permohonan`, t('nav.my_applications'), t('apphome.applications_body')]);
  }
  if (hasRole(user, OFFICER_ROLES)) tiles.push(['/app/inbox', t('nav.inbox'), t('apphome.inbox_body')]);
  if (!hasRole(user, ADMIN_ROLES) && hasRole(user, ['agency_admin'])) {
    tiles.push(['/admin/agencies', t('nav.agencies'), t('apphome.agencies_body')]);
    tiles.push(['/admin/services', t('nav.services'), t('apphome.services_admin_body')]);
  }
  if (hasRole(user, EXECUTIVE_ROLES)) tiles.push(['/app/dashboard', t('nav.dashboard'), t('apphome.dashboard_body')]);
  if (hasRole(user, ADMIN_ROLES)) {
    tiles.push(['/admin/users', t('nav.users'), t('apphome.users_body')]);
    tiles.push(['/admin/agencies', t('nav.agencies'), t('apphome.agencies_body')]);
    tiles.push(['/admin/services', t('nav.services'), t('apphome.services_admin_body')]);
    tiles.push(['/admin/calendar', t('nav.calendar'), t('apphome.calendar_body')]);
    tiles.push(['/admin/tokens', t('nav.tokens'), t('apphome.tokens_body')]);
    tiles.push(['/admin/audit', t('nav.audit'), t('apphome.audit_body')]);
  }
  return html`<${Page} title=${t('apphome.title', { name: user.name })} lead=${isCitizen(user) ? t('apphome.lead_citizen') : t('apphome.lead_staff')}>
    <${Status} message=${flash} />
    ${tiles.length
      ? html`<ul class="cards">${tiles.map(([href, title, body]) => html`<${Tile} key=${href} href=${href} title=${title} body=${body} />`)}</ul>`
      : html`<p>${t('apphome.nothing_yet')}</p>`}
    <${Grants} user=${user} />
    <${Profile} user=${user} />
  <//>`;
}
