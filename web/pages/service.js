// One service (/services/:id, GET /api/v1/services/{id}): fee, working time, channels and
// what happens when the time runs out; the documents to upload and the information the
// application asks for; the Standar Pelayanan in its two groups (service delivery, service
// management). Drafts and retired services answer only to their administrators (else 404).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { LoadError, Loading, Page, useLoad } from '../ui.js';
import {
  DELIVERY, MANAGEMENT, StatusBadge, channelsText, feeText, formatsText, mbText, slaText,
} from './service-common.js';
import { Apply } from './apply.js';

function Facts({ s }) {
  const rows = [
    [t('svc.agency'), s.agency ? html`${s.agency.name}${s.agency.short_name ? ` (${s.agency.short_name})` : ''}` : ''],
    [t('svc.fee'), feeText(s.fee)],
    [t('svc.sla'), html`${slaText(s.sla_minutes)}<span class="dd-note">${t('svc.sla_note')}</span>`],
    [t('svc.policy'), t(`svc.policy_${s.breach_policy}`, null, s.breach_policy)],
    [t('svc.channels'), channelsText(s.channels)],
  ];
  return html`<dl class="dl svc-dl">
    ${rows.map(([k, v]) => html`<div key=${k} class="dl-row"><dt>${k}</dt><dd>${v}</dd></div>`)}
  </dl>`;
}

function Documents({ list }) {
  if (!list || !list.length) return html`<p>${t('svc.docs_none')}</p>`;
  return html`<ul class="items">
    ${list.map((d) => html`<li key=${d.code} class="item">
      <span class="item-title">${d.name}</span>
      ${' '}<span class=${d.mandatory ? 'badge badge-must' : 'badge badge-may'}>${d.mandatory ? t('svc.mandatory') : t('svc.optional')}</span>
      <p class="meta">${t('svc.doc_rule', { formats: formatsText(d.formats), mb: mbText(d.max_bytes) })}</p>
    </li>`)}
  </ul>`;
}

function Fields({ list }) {
  if (!list || !list.length) return html`<p>${t('svc.fields_none')}</p>`;
  return html`<ul class="items">
    ${list.map((f) => html`<li key=${f.name} class="item">
      <span class="item-title">${f.label}</span>
      ${' '}<span class=${f.required ? 'badge badge-must' : 'badge badge-may'}>${f.required ? t('svc.mandatory') : t('svc.optional')}</span>
      <p class="meta">${f.type === 'choice' && f.options && f.options.length
        ? t('svc.options', { list: f.options.join(', ') })
        : t(`svc.type_${f.type}`, null, f.type)}</p>
    </li>`)}
  </ul>`;
}

function Group({ id, title, keys, standard }) {
  return html`<section class="std-group" aria-labelledby=${id}>
    <h3 id=${id}>${title}</h3>
    ${keys.map((k) => {
      const text = ((standard && standard[k]) || '').trim();
      return html`<div key=${k} class="std-item">
        <h4>${t(`std.${k}`)}</h4>
        ${text ? html`<p class="std-text">${text}</p>` : html`<p class="note">${t('svc.empty_component')}</p>`}
      </div>`;
    })}
  </section>`;
}

function Service({ s, user }) {
  return html`<${Page} title=${s.name} lead=${s.description || null}>
    <p class="back-link"><a href=${`/services?region=${encodeURIComponent(s.region_code)}`}>← ${t('svc.back')}</a></p>
    ${s.status !== 'published' ? html`<p class="warning"><${StatusBadge} status=${s.status} /> ${t('svc.not_public')}</p>` : null}
    <${Facts} s=${s} />
    <${Apply} s=${s} user=${user} />
    <section class="section" aria-labelledby="svc-prepare-h">
      <h2 id="svc-prepare-h">${t('svc.prepare')}</h2>
      <h3>${t('svc.docs')}</h3>
      <${Documents} list=${s.requirements} />
      <h3>${t('svc.fields')}</h3>
      <${Fields} list=${s.form} />
    </section>
    <section class="section" aria-labelledby="svc-std-h">
      <h2 id="svc-std-h">${t('svc.standard')}</h2>
      <p class="note">${t('svc.standard_lead')}</p>
      <${Group} id="svc-std-delivery" title=${t('svc.delivery')} keys=${DELIVERY} standard=${s.standard} />
      <${Group} id="svc-std-management" title=${t('svc.management')} keys=${MANAGEMENT} standard=${s.standard} />
    </section>
  <//>`;
}

export default function ServicePage({ params, user }) {
  const r = useLoad((signal) => api(`/services/${encodeURIComponent(params.id)}`, { signal }), [params.id]);
  if (r.loading && !r.data) return html`<div class="page"><${Loading} /></div>`;
  if (r.error) {
    const title = r.error.status === 404 ? t('notfound.title') : t('svc.title');
    return html`<${Page} title=${title}>
      ${r.error.status === 404 ? html`<p>${t('notfound.body')}</p>` : html`<${LoadError} error=${r.error} onRetry=${r.reload} />`}
      <p><a href="/services">${t('svc.back')}</a></p>
    <//>`;
  }
  return html`<${Service} s=${r.data} user=${user} />`;
}
