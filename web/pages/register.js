// Citizen registration (POST /api/v1/auth/register). The server checks the NIK against the
// reference district codes and the date of birth; its 422 messages appear beside each field.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { ErrorSummary, Field, Page, Submit, useForm } from '../ui.js';

export default function Register() {
  const [done, setDone] = useState(null);
  const [show, setShow] = useState(false);
  const doneRef = useRef(null);
  const form = useForm({ name: '', nik: '', phone: '', email: '', password: '' });
  const labels = {
    name: t('register.name'),
    nik: t('register.nik'),
    phone: t('register.phone'),
    email: t('register.email'),
    password: t('register.password'),
  };

  useEffect(() => {
    if (done && doneRef.current) doneRef.current.focus();
  }, [done]);

  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['name', 'nik', 'password'])) return;
      const body = { name: v.name.trim(), nik: v.nik.replace(/[\s.-]/g, ''), password: v.password };
      if (v.phone.trim()) body.phone = v.phone.trim();
      if (v.email.trim()) body.email = v.email.trim();
      const r = await api('/auth/register', { method: 'POST', body, quiet: true });
      setDone((r && r.user) || { name: body.name });
    });

  if (done) {
    return html`<${Page} title=${t('register.title')}>
      <div class="notice notice-success" role="status" tabindex="-1" ref=${doneRef}>
        <p class="alert-title">${t('register.done_title')}</p>
        <p>${t('register.done_body', { name: done.name })}</p>
      </div>
      <p><a class="btn btn-primary" href="/login">${t('register.go_login')}</a></p>
    <//>`;
  }

  return html`<${Page} title=${t('register.title')} lead=${t('register.lead')}>
    <form class="form" onSubmit=${submit} novalidate>
      <${ErrorSummary} form=${form} labels=${labels} />
      <${Field} form=${form} name="name" label=${labels.name} autocomplete="name" />
      <${Field} form=${form} name="nik" label=${labels.nik} hint=${t('register.nik_hint')}
        inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="20" />
      <fieldset class="fieldset">
        <legend>${t('register.contact')}</legend>
        <p class="hint">${t('register.contact_hint')}</p>
        <${Field} form=${form} name="phone" label=${labels.phone} hint=${t('register.phone_hint')} type="tel"
          autocomplete="tel" optional=${true} />
        <${Field} form=${form} name="email" label=${labels.email} type="email" autocomplete="email"
          autocapitalize="none" spellcheck="false" optional=${true} />
      </fieldset>
      <${Field} form=${form} name="password" label=${labels.password} hint=${t('register.password_hint')}
        type=${show ? 'text' : 'password'} autocomplete="new-password" />
      <div class="field field-check">
        <input id="reg-show" type="checkbox" checked=${show} onChange=${(e) => setShow(e.currentTarget.checked)} />
        <label for="reg-show">${t('form.show_password')}</label>
      </div>
      <p class="note">${t('register.privacy')}</p>
      <${Submit} form=${form} label=${t('register.submit')} busyLabel=${t('register.busy')} />
    </form>
    <p class="aside">${t('register.have_account')} <a href="/login">${t('register.login_link')}</a></p>
  <//>`;
}
