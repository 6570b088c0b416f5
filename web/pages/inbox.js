// "Kotak masuk": applications waiting for an officer (filled by the workflow in a later release).
import { html } from '../vendor.js';
import { t } from '../i18n.js';
import { Empty, Page } from '../ui.js';

export default function Inbox() {
  return html`<${Page} title=${t('inbox.title')} lead=${t('inbox.lead')}>
    <${Empty}>${t('inbox.empty')}<//>
  <//>`;
}
