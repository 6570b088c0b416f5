// Create a staff account with one grant (POST /api/v1/users).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { adminRegion, asUser } from '../session.js';
import { ErrorSummary, Field, Page, SelectField, Submit, useForm } from '../ui.js';
import {
  agencyIdFrom, agencyOptions, grantField, grantableRoles, regionForbidden, useAgencyOptions,
} from './admin-common.js';

export default function AdminUserNew({ user, query }) {
  const start = query.get('region') || adminRegion(user);
  const form = useForm(
    { username: '', name: '', password: '', email: '', phone: '', role: 'front_office', region_code: start, agency_id: '' },
    { mapField: grantField },
  );
  const region = form.values.region_code.trim();
  const agencies = useAgencyOptions(region);
  const labels = {
    username: t('users.username'),
    name: t('users.name'),
    password: t('users.password'),
    email: t('users.email'),
    phone: t('users.phone'),
    role: t('users.role'),
    region_code: t('users.region_code'),
    agency_id: t('users.agency'),
  };

  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['username', 'name', 'password', 'role', 'region_code'])) return;
      const grant = { role: v.role, region_code: v.region_code.trim() };
      const agency = agencyIdFrom(v.agency_id, agencies.list);
      if (agency !== undefined) grant.agency_id = agency;
      const body = { username: v.username.trim(), name: v.name.trim(), password: v.password, grants: [grant] };
      if (v.email.trim()) body.email = v.email.trim();
      if (v.phone.trim()) body.phone = v.phone.trim();
      const created = asUser(await api('/users', { method: 'POST', body }).catch(regionForbidden));
      navigate(`/admin/users?region=${encodeURIComponent(grant.region_code)}`, {
        flash: t('users.created', { name: (created && created.name) || body.name }),
      });
    });

  return html`<${Page} title=${t('usernew.title')} lead=${t('usernew.lead')}>
    <form class="form" onSubmit=${submit} novalidate>
      <${ErrorSummary} form=${form} labels=${labels} />
      <${Field} form=${form} name="username" label=${labels.username} hint=${t('usernew.username_hint')}
        autocomplete="off" autocapitalize="none" spellcheck="false" />
      <${Field} form=${form} name="name" label=${labels.name} autocomplete="off" />
      <${Field} form=${form} name="password" label=${labels.password} hint=${t('usernew.password_hint')}
        type="password" autocomplete="new-password" />
      <${Field} form=${form} name="email" label=${labels.email} type="email" autocomplete="off" optional=${true} />
      <${Field} form=${form} name="phone" label=${labels.phone} type="tel" autocomplete="off" optional=${true} />
      <fieldset class="fieldset">
        <legend>${t('usernew.grant')}</legend>
        <${SelectField} form=${form} name="role" label=${labels.role} options=${grantableRoles(user)} />
        <${Field} form=${form} name="region_code" label=${labels.region_code} hint=${t('usernew.region_hint')}
          inputmode="decimal" autocomplete="off" spellcheck="false" />
        <${SelectField} form=${form} name="agency_id" label=${labels.agency_id} optional=${true}
          hint=${agencies.loading ? t('common.loading') : agencies.error ? t('usernew.agencies_failed') : t('usernew.agency_hint')}
          options=${agencyOptions(agencies.list)} />
      </fieldset>
      <div class="actions">
        <${Submit} form=${form} label=${t('usernew.submit')} />
        <a class="btn btn-secondary" href=${`/admin/users?region=${encodeURIComponent(region)}`}>${t('common.cancel')}</a>
      </div>
    </form>
  <//>`;
}
