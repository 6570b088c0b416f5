// The public service catalogue (/services): published services of a region from
// GET /api/v1/services?region=&q=&agency=&channel=, searchable by name and filtered by agency
// and channel; the filters live in the address (?q=&agency=&channel=) so they can be shared.
// The region: ?region=, else the user's (chosen, granted or from the NIK), else 32.11.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { setQuery } from '../router.js';
import { REGION_RE, homeRegion } from '../session.js';
import { Empty, LoadError, Loading, Page, RegionName, useLoad } from '../ui.js';
import { CHANNELS, channelText, feeText, slaText } from './service-common.js';

export const DEFAULT_REGION = '32.11';

function Card({ s }) {
  return html`<li class="card svc-card">
    <h3 class="card-title"><a href=${`/services/${s.id}`}>${s.name}</a></h3>
    <p class="meta">${s.agency ? s.agency.name : ''}</p>
    <dl class="facts">
      <div><dt>${t('svc.fee')}</dt><dd>${feeText(s.fee)}</dd></div>
      <div><dt>${t('svc.sla')}</dt><dd>${slaText(s.sla_minutes)}</dd></div>
      <div><dt>${t('svc.channels')}</dt><dd>
        <ul class="chips">${(s.channels || []).map((c) => html`<li key=${c} class="chip">${channelText(c)}</li>`)}</ul>
      </dd></div>
    </dl>
  </li>`;
}

function Filters({ region, q, agency, channel }) {
  const [text, setText] = useState(q);
  const timer = useRef(null);
  const agencies = useLoad((signal) => api(`/regions/${region}/agencies`, { query: { active: 'true' }, signal, quiet: true }), [region]);
  useEffect(() => setText(q), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const list = (agencies.data && agencies.data.data) || [];
  const onText = (e) => {
    const v = e.currentTarget.value;
    setText(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setQuery({ q: v.trim() }), 350);
  };
  const submit = (e) => {
    e.preventDefault();
    clearTimeout(timer.current);
    setQuery({ q: text.trim() });
  };
  return html`<form class="filters svc-filters" role="search" aria-labelledby="svc-filters-h" onSubmit=${submit}>
    <h2 id="svc-filters-h" class="visually-hidden">${t('svc.filters')}</h2>
    <div class="field svc-q">
      <label for="svc-q">${t('svc.q')}</label>
      <div class="inline-row">
        <input id="svc-q" type="search" value=${text} onInput=${onText} autocomplete="off" placeholder=${t('svc.q_placeholder')} />
        <button type="submit" class="btn btn-primary">${t('search.button')}</button>
      </div>
    </div>
    <div class="field">
      <label for="svc-agency">${t('svc.agency')}</label>
      <select id="svc-agency" value=${agency} onChange=${(e) => setQuery({ agency: e.currentTarget.value })}>
        <option value="">${t('svc.agency_all')}</option>
        ${list.map((a) => html`<option key=${a.id} value=${String(a.id)}>${a.short_name || a.name}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="svc-channel">${t('svc.channels')}</label>
      <select id="svc-channel" value=${channel} onChange=${(e) => setQuery({ channel: e.currentTarget.value })}>
        <option value="">${t('svc.channel_all')}</option>
        ${CHANNELS.map((c) => html`<option key=${c} value=${c}>${channelText(c)}</option>`)}
      </select>
    </div>
  </form>`;
}

export default function Services({ user, query }) {
  const asked = query.get('region') || '';
  const region = REGION_RE.test(asked) ? asked : homeRegion(user) || DEFAULT_REGION;
  const q = query.get('q') || '';
  const agency = query.get('agency') || '';
  const channel = query.get('channel') || '';
  const filtered = !!(q || agency || channel);
  const r = useLoad(
    (signal) => api('/services', { query: { region, q, agency, channel }, signal }),
    [region, q, agency, channel],
  );
  const list = (r.data && r.data.data) || [];
  return html`<${Page} title=${t('svc.title')} lead=${t('svc.lead')}>
    <p class="svc-region"><span>${t('svc.region')}: <strong><${RegionName} code=${region} withCode=${false} /></strong></span>
      <a href="/">${t('svc.change_region')}</a></p>
    <${Filters} region=${region} q=${q} agency=${agency} channel=${channel} />
    <p class=${list.length ? 'search-status' : 'visually-hidden'} role="status">${r.loading || r.error
      ? ''
      : list.length ? t('svc.found', { n: list.length }) : filtered ? t('svc.none') : t('svc.none_region')}</p>
    ${r.loading && !r.data
      ? html`<${Loading} />`
      : r.error
        ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
        : list.length
          ? html`<ul class="cards svc-cards">${list.map((s) => html`<${Card} key=${s.id} s=${s} />`)}</ul>`
          : html`<${Empty}>${filtered ? t('svc.none') : t('svc.none_region')}
              ${filtered
                ? html` <a href="/services" onClick=${(e) => { e.preventDefault(); setQuery({ q: '', agency: '', channel: '' }); }}>${t('svc.clear')}</a>`
                : null}<//>`}
  <//>`;
}
