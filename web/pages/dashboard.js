// "Dasbor": the executive's view of service performance (figures arrive with the workflow).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { Empty, Page } from '../ui.js';

export default function Dashboard() {
  return html`<${Page} title=${t('dashboard.title')} lead=${t('dashboard.lead')}>
    <${Empty}>${t('dashboard.empty')}<//>
  <//>`;
}
