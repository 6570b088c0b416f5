// "Permohonan saya": the citizen's applications (GET /api/v1/applications?mine=true), newest
// first, each with its state and SLA clock; older ones a page at a time (next_cursor; ?limit=
// sets the page size).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { Empty, LoadError, LoadMore, Loading, Page, pageLimit, usePaged } from '../ui.js';
import { AppList } from './app-common.js';

export default function Applications({ query }) {
  const limit = pageLimit(query);
  const r = usePaged('/applications', { mine: 'true', limit }, [limit]);
  return html`<${Page} title=${t('applications.title')} lead=${t('applications.lead')}>
    ${r.loading && !r.items.length ? html`<${Loading} />` : null}
    ${r.error ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />` : null}
    ${!r.loading && !r.error && !r.items.length ? html`<${Empty}>${t('applications.empty')} <a href="/services">${t('applications.browse')}</a><//>` : null}
    ${r.items.length ? html`<${AppList} list=${r.items} />` : null}
    <${LoadMore} list=${r} />
  <//>`;
}
