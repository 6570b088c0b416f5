// API tokens of a region: list (newest first, paged with next_cursor: "Load more"; ?limit= sets
// the page size), create (the secret is shown once, with a copy button), revoke.
import { html, useEffect, useRef, useState } from '../vendor.js';
import { t } from '../i18n.js';
import { api, errorText } from '../api.js';
import { setQuery } from '../router.js';
import { adminRegion, isPlatformAdmin } from '../session.js';
import {
  ConfirmButton, DateTime, Empty, ErrorSummary, Field, LoadError, LoadMore, Loading, Page, RegionPicker, Status, Submit,
  useForm, usePaged,
} from '../ui.js';
import { grantableRoles, pageLimit, pageRegion } from './admin-common.js';

function Secret({ token, onClose }) {
  const [copied, setCopied] = useState('');
  const ref = useRef(null);
  const box = useRef(null);
  useEffect(() => {
    if (box.current) box.current.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(t('tokens.copied'));
    } catch {
      // No clipboard permission: select the text so Ctrl+C / long-press copies it.
      if (ref.current) {
        ref.current.focus();
        ref.current.select();
      }
      setCopied(t('tokens.copy_manual'));
    }
  };
  return html`<section class="secret" aria-labelledby="secret-h" tabindex="-1" ref=${box}>
    <h2 id="secret-h">${t('tokens.secret_title', { name: token.name })}</h2>
    <p class="warning">${t('tokens.secret_once')}</p>
    <label for="token-secret">${t('tokens.secret_label')}</label>
    <textarea id="token-secret" class="mono token-value" readonly rows="2" ref=${ref} spellcheck="false"
      onFocus=${(e) => e.currentTarget.select()} value=${token.token}></textarea>
    <div class="actions">
      <button type="button" class="btn btn-primary" onClick=${copy}>${t('tokens.copy')}</button>
      <button type="button" class="btn btn-secondary" onClick=${onClose}>${t('tokens.secret_done')}</button>
    </div>
    <p role="status" class="copy-status">${copied}</p>
  </section>`;
}

function CreateToken({ user, region, onCreated }) {
  const form = useForm({ name: '', roles: [] });
  const labels = { name: t('tokens.name'), roles: t('tokens.roles') };
  const roles = grantableRoles(user);
  const toggle = (r, on) => form.set('roles', on ? [...form.values.roles, r] : form.values.roles.filter((x) => x !== r));
  const rolesErr = form.errors.roles;
  const submit = (e) =>
    form.submit(e, async (v) => {
      if (!form.requireFilled(['name'])) return;
      const tok = await api('/tokens', { method: 'POST', body: { name: v.name.trim(), roles: v.roles, region_code: region } });
      form.reset();
      onCreated(tok);
    });
  return html`<form class="form form-boxed" onSubmit=${submit} novalidate aria-labelledby="token-new-h">
    <h2 id="token-new-h">${t('tokens.add_title')}</h2>
    <${ErrorSummary} form=${form} labels=${labels} />
    <${Field} form=${form} name="name" label=${labels.name} hint=${t('tokens.name_hint')} autocomplete="off" />
    <fieldset class=${rolesErr ? 'fieldset field-invalid' : 'fieldset'} aria-describedby=${rolesErr ? `${form.id}-roles-err` : undefined}>
      <legend>${labels.roles}</legend>
      ${rolesErr ? html`<p class="field-error" id=${`${form.id}-roles-err`}>${rolesErr}</p>` : null}
      <ul class="checks">
        ${roles.map(([r, label], i) => html`<li key=${r} class="field-check">
          <input type="checkbox" id=${i === 0 ? `${form.id}-roles` : `${form.id}-roles-${r}`}
            checked=${form.values.roles.includes(r)} onChange=${(e) => toggle(r, e.currentTarget.checked)} />
          <label for=${i === 0 ? `${form.id}-roles` : `${form.id}-roles-${r}`}>${label}</label>
        </li>`)}
      </ul>
    </fieldset>
    <p class="note">${t('tokens.region_note')} <strong class="code">${region}</strong></p>
    <${Submit} form=${form} label=${t('tokens.add')} />
  </form>`;
}

export default function AdminTokens({ user, query }) {
  const region = pageRegion(query, user, adminRegion(user));
  const limit = pageLimit(query);
  const r = usePaged('/tokens', { region, limit }, [region, limit]);
  const [secret, setSecret] = useState(null);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const list = r.items;

  return html`<${Page} title=${t('tokens.title')} lead=${t('tokens.lead')}>
    <${Status} message=${msg} />
    ${err ? html`<div class="alert alert-error" role="alert"><p class="alert-title">${err}</p></div>` : null}
    ${secret ? html`<${Secret} token=${secret} onClose=${() => setSecret(null)} />` : null}
    <${RegionPicker} value=${region} allowEmpty=${isPlatformAdmin(user)} onChange=${(v) => setQuery({ region: v || 'all' })} />
    <section class="section" aria-labelledby="tokens-list-h">
      <h2 id="tokens-list-h">${t('tokens.list')}</h2>
      ${r.loading && !list.length
        ? html`<${Loading} />`
        : r.error
          ? html`<${LoadError} error=${r.error} onRetry=${r.reload} />`
          : list.length
            ? html`<ul class="rows">
                ${list.map((k) => html`<li key=${k.id} class="row row-split">
                  <div class="row-main">
                    <span class="row-title">${k.name}</span>
                    ${k.revoked_at ? html` <span class="badge badge-off">${t('tokens.revoked')}</span>` : null}
                    <p class="meta">${(k.roles || []).map((x) => t(`role.${x}`)).join(', ')} · <span class="code">${k.region_code || t('region.all')}</span></p>
                    <p class="meta">${t('tokens.created')} <${DateTime} value=${k.created_at} /></p>
                    <p class="meta">${t('tokens.last_used')}: ${k.last_used_at ? html`<${DateTime} value=${k.last_used_at} />` : t('tokens.never')}</p>
                    ${k.revoked_at ? html`<p class="meta">${t('tokens.revoked_at')} <${DateTime} value=${k.revoked_at} /></p>` : null}
                  </div>
                  ${k.revoked_at
                    ? null
                    : html`<${ConfirmButton} label=${t('tokens.revoke')} confirmLabel=${t('tokens.revoke_confirm')} describe=${k.name}
                        onConfirm=${async () => {
                          try {
                            await api(`/tokens/${k.id}`, { method: 'DELETE' });
                            setErr('');
                            setMsg(t('tokens.revoked_done', { name: k.name }));
                            // Reloading would drop the pages loaded after the first: fetch this one row
                            // (the page of one before id+1) and replace it in place.
                            const x = await api('/tokens', { query: { region, limit: 1, cursor: k.id + 1 } }).catch(() => null);
                            const row = x && x.data && x.data[0];
                            if (row && row.id === k.id) r.update((y) => (y.id === k.id ? row : y));
                            else r.reload();
                          } catch (e) {
                            setMsg('');
                            setErr(errorText(e));
                          }
                        }} />`}
                </li>`)}
              </ul>`
            : html`<${Empty}>${t('tokens.none')}<//>`}
      ${r.error ? null : html`<${LoadMore} list=${r} />`}
    </section>
    ${region
      ? html`<${CreateToken} key=${region} user=${user} region=${region}
          onCreated=${(tok) => { setMsg(''); setErr(''); setSecret(tok); r.reload(); }} />`
      : null}
  <//>`;
}
