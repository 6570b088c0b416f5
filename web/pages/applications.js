// "Permohonan saya": the citizen's applications (the application workflow arrives in a later release).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { Empty, Page } from '../ui.js';

export default function Applications() {
  return html`<${Page} title=${t('applications.title')} lead=${t('applications.lead')}>
    <${Empty}>${t('applications.empty')} <a href="/services">${t('applications.browse')}</a><//>
  <//>`;
}
