// Sign in with e-mail, phone number or username (POST /api/v1/auth/login).
import { html, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { navigate, safeNext } from '../router.js';
import { ErrorSummary, Field, Page, Status, Submit, useFlash, useForm } from '../ui.js';

export default function Login({ query, onLogin }) {
  const flash = useFlash();
  const [show, setShow] = useState(false);
  const form = useForm({ login: '', password: '' });
  const labels = { login: t('login.login'), password: t('login.password') };

  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['login', 'password'])) return;
      const r = await api('/auth/login', { method: 'POST', body: { login: v.login.trim(), password: v.password }, quiet: true });
      onLogin(r.user, r.csrf_token);
      navigate(safeNext(query.get('next')) || '/app', { replace: true });
    });

  return html`<${Page} title=${t('login.title')} lead=${t('login.lead')}>
    <${Status} message=${flash} />
    <form class="form" onSubmit=${submit} novalidate>
      <${ErrorSummary} form=${form} labels=${labels} />
      <${Field} form=${form} name="login" label=${labels.login} hint=${t('login.login_hint')}
        autocomplete="username" autocapitalize="none" spellcheck="false" />
      <${Field} form=${form} name="password" label=${labels.password} type=${show ? 'text' : 'password'}
        autocomplete="current-password" />
      <div class="field field-check">
        <input id="login-show" type="checkbox" checked=${show} onChange=${(e) => setShow(e.currentTarget.checked)} />
        <label for="login-show">${t('form.show_password')}</label>
      </div>
      <${Submit} form=${form} label=${t('login.submit')} busyLabel=${t('login.busy')} />
    </form>
    <p class="aside">${t('login.no_account')} <a href="/register">${t('login.register_link')}</a></p>
  <//>`;
}
