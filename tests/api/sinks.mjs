// The other ends of notification delivery for the API suite: a minimal SMTP server and an
// HTTP webhook (an SMS/WhatsApp gateway). Every message received is one JSON line in
// SATUPINTU_SINK_LOG. The webhook refuses (503) numbers ending in 0000, to show retries.
// Usage: node tests/api/sinks.mjs SMTP_PORT WEBHOOK_PORT
import net from 'node:net';
import http from 'node:http';
import fs from 'node:fs';

const [smtpPort, hookPort] = process.argv.slice(2).map(Number);
const logFile = process.env.SATUPINTU_SINK_LOG;
const note = (x) => fs.appendFileSync(logFile, JSON.stringify({ at: Date.now(), ...x }) + '\n');

net.createServer((s) => {
  let data = false, buf = '', msg = { kind: 'email', rcpt: [], lines: [] };
  s.write('220 sink ESMTP\r\n');
  s.on('data', (d) => {
    buf += d.toString('utf8');
    let i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (data) {
        if (line === '.') {
          data = false;
          const subject = (msg.lines.find((l) => l.startsWith('Subject: ')) || '').slice(9);
          note({ kind: 'email', to: msg.rcpt, subject, body: msg.lines.join('\n') });
          msg = { kind: 'email', rcpt: [], lines: [] };
          s.write('250 queued\r\n');
        } else msg.lines.push(line.startsWith('..') ? line.slice(1) : line);
        continue;
      }
      const m = /^RCPT TO:<(.*)>/i.exec(line);
      if (m) msg.rcpt.push(m[1]);
      if (/^DATA/i.test(line)) { data = true; s.write('354 go on\r\n'); }
      else if (/^QUIT/i.test(line)) { s.write('221 bye\r\n'); s.end(); }
      else s.write('250 ok\r\n');
    }
  });
  s.on('error', () => {});
}).listen(smtpPort, '127.0.0.1');

http.createServer((q, r) => {
  let b = '';
  q.on('data', (d) => { b += d; });
  q.on('end', () => {
    let j = {};
    try { j = JSON.parse(b); } catch { /* recorded as is */ }
    const refuse = typeof j.to === 'string' && j.to.endsWith('0000');
    note({ kind: 'webhook', refused: refuse, ...j });
    r.writeHead(refuse ? 503 : 200, { 'content-type': 'text/plain' });
    r.end(refuse ? 'gateway down' : 'ok');
  });
}).listen(hookPort, '127.0.0.1');
