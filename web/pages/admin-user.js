// One staff account: details, enable/disable, name, grants added and removed.
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { adminRegion, asUser } from '../session.js';
import {
  ConfirmButton, DateTime, ErrorSummary, Field, LoadError, Loading, Page, RegionName, SelectField, Status,
  Submit, useForm, useLoad,
} from '../ui.js';
import {
  AgencyName, agencyIdFrom, agencyOptions, grantableRoles, regionForbidden, useAgencyOptions,
} from './admin-common.js';

function AddGrant({ admin, target, onDone }) {
  const start = (target.grants || []).find((g) => g.region_code)?.region_code || adminRegion(admin);
  const form = useForm({ role: 'front_office', region_code: start, agency_id: '' });
  const agencies = useAgencyOptions(form.values.region_code.trim());
  const labels = { role: t('users.role'), region_code: t('users.region_code'), agency_id: t('users.agency') };
  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['role', 'region_code'])) return;
      const body = { role: v.role, region_code: v.region_code.trim() };
      const agency = agencyIdFrom(v.agency_id, agencies.list);
      if (agency !== undefined) body.agency_id = agency;
      await api(`/users/${target.id}/grants`, { method: 'POST', body }).catch(regionForbidden);
      onDone(t('grants.added', { role: t(`role.${body.role}`) }));
    });
  return html`<form class="form form-boxed" onSubmit=${submit} novalidate aria-labelledby="grant-add-h">
    <h3 id="grant-add-h">${t('grants.add_title')}</h3>
    <${ErrorSummary} form=${form} labels=${labels} />
    <${SelectField} form=${form} name="role" label=${labels.role} options=${grantableRoles(admin)} />
    <${Field} form=${form} name="region_code" label=${labels.region_code} hint=${t('usernew.region_hint')}
      inputmode="decimal" autocomplete="off" spellcheck="false" />
    <${SelectField} form=${form} name="agency_id" label=${labels.agency_id} optional=${true}
      options=${agencyOptions(agencies.list)} />
    <${Submit} form=${form} label=${t('grants.add')} />
  </form>`;
}

function EditName({ target, onDone }) {
  const form = useForm({ name: target.name });
  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['name'])) return;
      const u = await api(`/users/${target.id}`, { method: 'PATCH', body: { name: v.name.trim(), version: target.version } });
      onDone(t('user.saved'), asUser(u));
    });
  return html`<form class="form form-boxed" onSubmit=${submit} novalidate aria-labelledby="user-name-h">
    <h3 id="user-name-h">${t('user.edit_name')}</h3>
    <${ErrorSummary} form=${form} labels=${{ name: t('users.name') }} />
    <${Field} form=${form} name="name" label=${t('users.name')} autocomplete="off" />
    <${Submit} form=${form} label=${t('common.save')} />
  </form>`;
}

export default function AdminUser({ user, params }) {
  const r = useLoad((signal) => api(`/users/${encodeURIComponent(params.id)}`, { signal }).then(asUser), [params.id]);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const target = r.data;

  const done = (text, updated) => {
    setErr('');
    setMsg(text);
    if (updated && updated.id) r.setData(updated);
    else r.reload();
  };
  const fail = (e) => {
    setMsg('');
    setErr(errorText(e));
    if (e.code === 'stale_version' || e.status === 409) r.reload();
  };

  if (r.loading && !target) return html`<${Page} title=${t('user.title')}><${Loading} /><//>`;
  if (r.error) return html`<${Page} title=${t('user.title')}><${LoadError} error=${r.error} onRetry=${r.reload} /><//>`;

  const toggle = async () => {
    try {
      const u = await api(`/users/${target.id}`, { method: 'PATCH', body: { disabled: !target.disabled, version: target.version } });
      done(target.disabled ? t('user.enabled') : t('user.disabled_done'), asUser(u));
    } catch (e) {
      fail(e);
    }
  };

  return html`<${Page} title=${target.name} lead=${t('user.lead')}>
    <${Status} message=${msg} />
    ${err ? html`<div class="alert alert-error" role="alert"><p class="alert-title">${err}</p></div>` : null}
    <p><a href="/admin/users">${t('user.back')}</a></p>
    <section class="section" aria-labelledby="user-details-h">
      <h2 id="user-details-h">${t('user.details')}</h2>
      <dl class="dl">
        <div class="dl-row"><dt>${t('users.username')}</dt><dd>${target.username || '—'}</dd></div>
        <div class="dl-row"><dt>${t('user.kind')}</dt><dd>${t(`kind_user.${target.kind}`)}</dd></div>
        <div class="dl-row"><dt>${t('users.email')}</dt><dd>${target.email || '—'}</dd></div>
        <div class="dl-row"><dt>${t('users.phone')}</dt><dd>${target.phone || '—'}</dd></div>
        ${target.nik ? html`<div class="dl-row"><dt>${t('profile.nik')}</dt><dd>${target.nik}</dd></div>` : null}
        <div class="dl-row"><dt>${t('user.created')}</dt><dd><${DateTime} value=${target.created_at} /></dd></div>
        <div class="dl-row"><dt>${t('user.status')}</dt><dd>
          ${target.disabled ? html`<span class="badge badge-off">${t('users.disabled')}</span>` : html`<span class="badge badge-on">${t('user.active')}</span>`}
        </dd></div>
      </dl>
      ${target.id !== user.id
        ? html`<button type="button" class=${target.disabled ? 'btn btn-secondary' : 'btn btn-danger-outline'} onClick=${toggle}>
            ${target.disabled ? t('user.enable') : t('user.disable')}
          </button>`
        : null}
    </section>
    <section class="section" aria-labelledby="user-grants-h">
      <h2 id="user-grants-h">${t('grants.title')}</h2>
      ${(target.grants || []).length
        ? html`<ul class="rows">
            ${target.grants.map((g) => html`<li key=${g.id} class="row row-split">
              <div class="row-main">
                <span class="row-title">${t(`role.${g.role}`)}</span>
                <p class="meta">
                  ${g.region_code ? html`<${RegionName} code=${g.region_code} />` : t('region.all')}
                  ${g.agency_id ? html` · <${AgencyName} id=${g.agency_id} />` : null}
                </p>
              </div>
              <${ConfirmButton} label=${t('grants.remove')} confirmLabel=${t('grants.remove_confirm')}
                describe=${`${t(`role.${g.role}`)} ${g.region_code || ''}`}
                onConfirm=${async () => {
                  try {
                    await api(`/users/${target.id}/grants/${g.id}`, { method: 'DELETE' });
                    done(t('grants.removed', { role: t(`role.${g.role}`) }));
                  } catch (e) {
                    fail(e);
                  }
                }} />
            </li>`)}
          </ul>`
        : html`<p>${t('grants.none')}</p>`}
      <${AddGrant} key=${`g${target.version}-${(target.grants || []).length}`} admin=${user} target=${target} onDone=${done} />
    </section>
    <section class="section">
      <${EditName} key=${`n${target.version}`} target=${target} onDone=${done} />
    </section>
  <//>`;
}
