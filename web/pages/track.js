// /track: follow an application with its number and PIN (or the applicant's NIK), public
// (GET /api/v1/track/{tracking_no}?pin= | ?nik=): state and SLA clock, nothing personal.
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { ErrorSummary, Field, Page, Submit, useForm } from '../ui.js';
import { SlaClock, StateBadge } from './app-common.js';

export default function Track({ query }) {
  const form = useForm({ tracking_no: (query && query.get('no')) || '', pin: '', nik: '' });
  const [result, setResult] = useState(null);
  const [need, setNeed] = useState(false);
  const [notFound, setNotFound] = useState(false);
  const labels = { tracking_no: t('ap.tracking_no'), pin: t('ap.pin'), nik: t('ap.track_nik') };
  const onSubmit = (e) => {
    e.preventDefault();
    setResult(null);
    setNeed(false);
    setNotFound(false);
    if (!form.requireFilled(['tracking_no'])) return;
    const { pin, nik } = form.values;
    if (!String(pin).trim() && !String(nik).trim()) {
      setNeed(true);
      return;
    }
    form.submit(null, async (v) => {
      const q = String(v.pin).trim() ? { pin: String(v.pin).trim() } : { nik: String(v.nik).trim() };
      try {
        setResult(await api(`/track/${encodeURIComponent(String(v.tracking_no).trim().toUpperCase())}`, { query: q }));
      } catch (err) {
        if (!err || err.status !== 404) throw err;
        setNotFound(true);
      }
    });
  };
  return html`<${Page} title=${t('ap.track_title')} lead=${t('ap.track_lead')}>
    <form class="form form-boxed" onSubmit=${onSubmit} novalidate>
      <${ErrorSummary} form=${form} labels=${labels} />
      ${need || notFound ? html`<div class="alert alert-error" role="alert" data-testid="track-alert">
        <p class="alert-title">${need ? t('ap.track_need') : t('ap.track_not_found')}</p></div>` : null}
      <${Field} form=${form} name="tracking_no" label=${t('ap.tracking_no')} hint=${t('ap.track_no_hint')} autocomplete="off" spellcheck="false" />
      <${Field} form=${form} name="pin" label=${t('ap.pin')} hint=${t('ap.track_pin_hint')} optional=${true} inputmode="numeric" autocomplete="off" maxlength="6" />
      <${Field} form=${form} name="nik" label=${t('ap.track_nik')} optional=${true} inputmode="numeric" autocomplete="off" maxlength="16" />
      <${Submit} form=${form} label=${t('ap.track_submit')} />
    </form>
    ${result ? html`<section class="section track-result" aria-labelledby="track-h">
      <h2 id="track-h" class="code">${result.tracking_no}</h2>
      <dl class="dl">
        <div class="dl-row"><dt>${t('ap.service')}</dt><dd>${result.service && result.service.name}</dd></div>
        <div class="dl-row"><dt>${t('ap.state')}</dt><dd><${StateBadge} a=${result} /></dd></div>
        <div class="dl-row"><dt>${t('ap.clock')}</dt><dd><${SlaClock} sla=${result.sla} state=${result.state} /></dd></div>
      </dl>
    </section>` : null}
  <//>`;
}
