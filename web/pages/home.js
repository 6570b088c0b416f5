// Public home: what the MPP offers, a region search (GET /api/v1/regions?q=) and the
// agencies serving at the chosen region's MPP.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { chooseRegion, homeRegion } from '../session.js';
import { Empty, LoadError, Loading, Page, RegionName, Status, useLoad } from '../ui.js';

const OFFERS = ['catalogue', 'apply', 'queue', 'documents', 'survey', 'mobile'];

function AgencyList({ region }) {
  const r = useLoad((signal) => api(`/regions/${region}/agencies`, { query: { active: 'true' }, signal }), [region]);
  if (r.loading) return html`<${Loading} />`;
  if (r.error) return html`<${LoadError} error=${r.error} onRetry=${r.reload} />`;
  const list = (r.data && r.data.data) || [];
  if (!list.length) return html`<${Empty}>${t('services.no_agencies')}<//>`;
  return html`<ul class="cards cards-compact">
    ${list.map((a) => html`<li key=${a.id} class="card">
      <h3>${a.name}</h3>
      <p class="meta">${a.short_name ? html`<span>${a.short_name}</span> · ` : null}${t(`kind.${a.kind}`)}</p>
    </li>`)}
  </ul>`;
}

function RegionSearch({ onChoose }) {
  const [q, setQ] = useState('');
  const [state, setState] = useState({ items: [], next: null, status: '', error: '', busy: false });
  const timer = useRef(null);
  const ctl = useRef(null);

  const search = async (query, cursor = null) => {
    const term = query.trim();
    if (ctl.current) ctl.current.abort();
    if (term.length < 2) {
      setState({ items: [], next: null, status: term ? t('search.too_short') : '', error: '', busy: false });
      return;
    }
    const c = new AbortController();
    ctl.current = c;
    setState((s) => ({ ...s, busy: true, error: '' }));
    try {
      const r = await api('/regions', { query: { q: term, limit: 20, cursor }, signal: c.signal });
      setState((s) => {
        const items = cursor ? [...s.items, ...r.data] : r.data;
        return {
          items,
          next: r.next_cursor || null,
          status: items.length ? t('search.found', { n: items.length, more: r.next_cursor ? '+' : '' }) : t('search.none', { q: term }),
          error: '',
          busy: false,
        };
      });
    } catch (err) {
      if (err.name === 'AbortError') return;
      setState((s) => ({ ...s, busy: false, error: errorText(err), status: '' }));
    }
  };

  useEffect(() => () => { clearTimeout(timer.current); if (ctl.current) ctl.current.abort(); }, []);

  const onInput = (e) => {
    const v = e.currentTarget.value;
    setQ(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(v), 300);
  };

  return html`<section class="section" aria-labelledby="region-search-h">
    <h2 id="region-search-h">${t('home.search_title')}</h2>
    <p>${t('home.search_lead')}</p>
    <form role="search" class="search" onSubmit=${(e) => { e.preventDefault(); clearTimeout(timer.current); search(q); }}>
      <label for="region-q">${t('search.label')}</label>
      <div class="inline-row">
        <input id="region-q" type="search" value=${q} onInput=${onInput} autocomplete="off"
          spellcheck="false" aria-describedby="region-q-status" placeholder=${t('search.placeholder')} />
        <button type="submit" class="btn btn-primary">${t('search.button')}</button>
      </div>
    </form>
    <p id="region-q-status" class="search-status" role="status">${state.busy ? t('common.loading') : state.status}</p>
    ${state.error ? html`<p class="alert alert-error" role="alert">${state.error}</p>` : null}
    ${state.items.length
      ? html`<ul class="results">
          ${state.items.map((r) => html`<li key=${r.code} class="result">
            <div class="result-text">
              <span class="result-name">${r.name}</span>
              <span class="result-meta">${t(`level.${r.level}`)} · <span class="code">${r.code}</span></span>
            </div>
            ${r.level === 'regency' || r.level === 'province'
              ? html`<button type="button" class="btn btn-secondary btn-small" onClick=${() => { setState((s) => ({ ...s, items: [], next: null, status: '' })); onChoose(r.code, r.name); }}
                  aria-label=${t('home.choose_region', { name: r.name })}>${t('home.choose')}</button>`
              : null}
          </li>`)}
        </ul>`
      : null}
    ${state.next
      ? html`<button type="button" class="btn btn-secondary" disabled=${state.busy} onClick=${() => search(q, state.next)}>${t('common.more')}</button>`
      : null}
  </section>`;
}

export default function Home({ user, onRegion }) {
  const [region, setRegion] = useState(() => homeRegion(user));
  const [announce, setAnnounce] = useState('');
  const choose = (code, name) => {
    chooseRegion(code);
    setRegion(code);
    setAnnounce(t('home.region_chosen', { name }));
    if (onRegion) onRegion(code);
  };
  return html`<${Page} title=${t('home.title')} lead=${t('home.lead')}>
    <div class="cta">
      ${user
        ? html`<a class="btn btn-primary" href="/app">${t('home.open_app')}</a>`
        : html`<a class="btn btn-primary" href="/register">${t('home.cta_register')}</a>
            <a class="btn btn-secondary" href="/login">${t('home.cta_login')}</a>`}
    </div>
    <${RegionSearch} onChoose=${choose} />
    <${Status} message=${announce} />
    ${region
      ? html`<section class="section" aria-labelledby="agencies-h">
          <h2 id="agencies-h">${t('home.agencies_title')} <${RegionName} code=${region} withCode=${false} /></h2>
          <${AgencyList} region=${region} />
        </section>`
      : null}
    <section class="section" aria-labelledby="offers-h">
      <h2 id="offers-h">${t('home.offers_title')}</h2>
      <ul class="cards">
        ${OFFERS.map((k) => html`<li key=${k} class="card">
          <h3>${t(`offer.${k}.title`)}</h3>
          <p>${t(`offer.${k}.body`)}</p>
        </li>`)}
      </ul>
    </section>
  <//>`;
}
