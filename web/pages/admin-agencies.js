// Agencies (instansi) of a region: list, create, edit with optimistic versioning.
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { setQuery } from '../router.js';
import { adminRegion, grantRegions, hasRole, isAdmin } from '../session.js';
import {
  CheckField, Empty, ErrorSummary, Field, LoadError, Loading, Page, RegionPicker, SelectField, Status, Submit,
  useForm, useLoad,
} from '../ui.js';
import { forgetAgency, pageRegion } from './admin-common.js';

const KINDS = ['opd', 'vertical', 'bumn', 'other'];
const kindOptions = () => KINDS.map((k) => [k, t(`kind.${k}`)]);

function CreateAgency({ region, onDone }) {
  const form = useForm({ kind: 'opd', name: '', short_name: '' });
  const labels = { kind: t('agency.kind'), name: t('agency.name'), short_name: t('agency.short_name') };
  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['name'])) return;
      const body = { kind: v.kind, name: v.name.trim() };
      if (v.short_name.trim()) body.short_name = v.short_name.trim();
      const a = await api(`/regions/${region}/agencies`, { method: 'POST', body });
      form.reset();
      onDone(t('agency.created', { name: (a && a.name) || body.name }));
    });
  return html`<form class="form form-boxed" onSubmit=${submit} novalidate aria-labelledby="agency-new-h">
    <h2 id="agency-new-h">${t('agency.add_title')}</h2>
    <${ErrorSummary} form=${form} labels=${labels} />
    <${Field} form=${form} name="name" label=${labels.name} autocomplete="off" />
    <${Field} form=${form} name="short_name" label=${labels.short_name} autocomplete="off" optional=${true} />
    <${SelectField} form=${form} name="kind" label=${labels.kind} options=${kindOptions()} />
    <${Submit} form=${form} label=${t('agency.add')} />
  </form>`;
}

function EditAgency({ agency, onDone, onCancel, onStale }) {
  const form = useForm({ name: agency.name, short_name: agency.short_name || '', kind: agency.kind, active: !!agency.active });
  const labels = { kind: t('agency.kind'), name: t('agency.name'), short_name: t('agency.short_name'), active: t('agency.active') };
  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['name'])) return;
      try {
        const a = await api(`/agencies/${agency.id}`, {
          method: 'PATCH',
          body: { name: v.name.trim(), short_name: v.short_name.trim(), kind: v.kind, active: v.active, version: agency.version },
        });
        forgetAgency(agency.id);
        onDone(t('agency.saved', { name: (a && a.name) || v.name }));
      } catch (err) {
        if (err.code === 'stale_version') onStale();
        throw err;
      }
    });
  return html`<form class="form form-inline-edit" onSubmit=${submit} novalidate aria-label=${t('agency.edit_named', { name: agency.name })}>
    <${ErrorSummary} form=${form} labels=${labels} />
    <${Field} form=${form} name="name" label=${labels.name} autocomplete="off" />
    <${Field} form=${form} name="short_name" label=${labels.short_name} autocomplete="off" optional=${true} />
    <${SelectField} form=${form} name="kind" label=${labels.kind} options=${kindOptions()} />
    <${CheckField} form=${form} name="active" label=${labels.active} hint=${t('agency.active_hint')} />
    <div class="actions">
      <${Submit} form=${form} label=${t('common.save')} />
      <button type="button" class="btn btn-secondary" onClick=${onCancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

export default function AdminAgencies({ user, query }) {
  const region = pageRegion(query, user, adminRegion(user) || grantRegions(user, ['agency_admin'])[0] || '');
  const r = useLoad((signal) => (region ? api(`/regions/${region}/agencies`, { signal }) : Promise.resolve({ data: [] })), [region]);
  const [editing, setEditing] = useState(null);
  const [msg, setMsg] = useState('');
  const list = (r.data && r.data.data) || [];
  const admin = isAdmin(user);
  const mayEdit = (a) =>
    admin || (hasRole(user, ['agency_admin']) && (user.grants || []).some((g) => g.role === 'agency_admin' && String(g.agency_id) === String(a.id)));

  const done = (text) => {
    setMsg(text);
    setEditing(null);
    r.reload();
  };

  return html`<${Page} title=${t('agencies.title')} lead=${t('agencies.lead')}>
    <${Status} message=${msg} />
    <${RegionPicker} value=${region} onChange=${(v) => { setEditing(null); setQuery({ region: v }); }} />
    <section class="section" aria-labelledby="agencies-list-h">
      <h2 id="agencies-list-h">${t('agencies.list')}</h2>
      ${r.loading && !r.data
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : list.length
            ? html`<ul class="rows">
                ${list.map((a) => html`<li key=${a.id} class="row">
                  <div class="row-main">
                    <span class="row-title">${a.name}</span>
                    ${a.active ? null : html` <span class="badge badge-off">${t('agency.inactive')}</span>`}
                    <p class="meta">${a.short_name ? html`${a.short_name} · ` : null}${t(`kind.${a.kind}`)} · ${t('agency.version', { v: a.version })}</p>
                  </div>
                  ${editing === a.id
                    ? html`<${EditAgency} agency=${a} onDone=${done} onCancel=${() => setEditing(null)} onStale=${r.reload} />`
                    : mayEdit(a)
                      ? html`<button type="button" class="btn btn-secondary btn-small" onClick=${() => { setMsg(''); setEditing(a.id); }}
                          aria-label=${t('agency.edit_named', { name: a.name })}>${t('common.edit')}</button>`
                      : null}
                </li>`)}
              </ul>`
            : html`<${Empty}>${t('agencies.none')}<//>`}
    </section>
    ${admin && region ? html`<${CreateAgency} key=${region} region=${region} onDone=${done} />` : null}
  <//>`;
}
