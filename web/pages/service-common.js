// What the catalogue, the service page and the service editor share: the 14 components of
// Standar Pelayanan (PermenPAN-RB 15/2014) in their two groups, channels, form field types,
// and how fees, working time and file sizes read. Loads the "services" strings.
import { html } from '../vendor.js';
import { getLang, loadStrings, t } from '../i18n.js';

await loadStrings('services');

export const DELIVERY = ['persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'pengaduan'];
export const MANAGEMENT = ['dasar_hukum', 'sarana', 'kompetensi', 'pengawasan', 'jumlah_pelaksana',
  'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi'];
export const COMPONENTS = [...DELIVERY, ...MANAGEMENT];
export const CHANNELS = ['online', 'counter', 'mobile'];
export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'nik', 'region', 'file'];
export const FORMATS = ['pdf', 'jpg', 'png'];
export const POLICIES = ['escalate', 'deemed_approval'];
export const MB = 1048576;

const locale = () => (getLang() === 'en' ? 'en-GB' : 'id-ID');
export const fmtNumber = (n, digits = 0) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);

/** "Gratis" for 0, else "Rp 50.000". */
export function feeText(fee) {
  if (!fee) return t('svc.free');
  return `Rp ${fmtNumber(fee)}`;
}

/** Working minutes as people say them: "3 jam kerja", "37,5 jam kerja", "45 menit kerja", "1 jam 40 menit kerja". */
export function slaText(min) {
  const m = Number(min);
  if (!Number.isFinite(m) || m <= 0) return '';
  if (m % 30 === 0) return t('svc.sla_h', { h: fmtNumber(m / 60, 1) });
  if (m < 60) return t('svc.sla_m', { m: fmtNumber(m) });
  return t('svc.sla_hm', { h: fmtNumber(Math.floor(m / 60)), m: Math.round(m % 60) });
}

export const channelText = (c) => t(`svc.ch_${c}`, null, c);
export const channelsText = (list) => (list || []).map(channelText).join(', ');

/** Up to two decimals: 2097152 -> "2", 1500000 -> "1,43". */
export const mbText = (bytes) => fmtNumber(bytes / MB, 2);

/** "PDF, JPG atau PNG". */
export function formatsText(list) {
  const up = (list || []).map((f) => f.toUpperCase());
  if (up.length < 2) return up.join('');
  return `${up.slice(0, -1).join(', ')} ${t('svc.or')} ${up[up.length - 1]}`;
}

export function StatusBadge({ status }) {
  if (!status) return null;
  const cls = status === 'published' ? 'badge badge-on' : status === 'retired' ? 'badge badge-off' : 'badge badge-draft';
  return html`<span class=${cls}>${t(`svc.status_${status}`, null, status)}</span>`;
}
