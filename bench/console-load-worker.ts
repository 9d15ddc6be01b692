/**
 * The load generator of the console-under-load bench, as a worker's source: `concurrency`
 * unauthenticated form POSTs to the end-user pages at all times, each from a loopback address
 * of its own (127.1.x.y), so no per-source limit stops them and every one asks for a password
 * hash: the case only the password queue protects against. Runs until told "stop", then posts
 * how many answers of each status it got.
 */
export const CONSOLE_LOAD_WORKER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, concurrency, forms } = workerData;
const origin = 'http://127.0.0.1:' + port;
const statuses = {};
let stopping = false, sent = 0, running = concurrency;
parentPort.on('message', (m) => { if (m === 'stop') stopping = true; });
function source(i) { return '127.1.' + (Math.floor(i / 250) % 250) + '.' + (1 + (i % 250)); }
function count(key) { statuses[key] = (statuses[key] || 0) + 1; }
function next() {
  if (stopping) { if (--running === 0) parentPort.postMessage(statuses); return; }
  const i = sent++;
  const form = forms[i % forms.length];
  const req = http.request({
    host: '127.0.0.1', port, path: form.path, method: 'POST', localAddress: source(i), agent: false,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'content-length': Buffer.byteLength(form.body) },
  }, (res) => {
    res.resume();
    res.on('end', () => { count(res.statusCode); next(); });
  });
  req.on('error', () => { count('error'); next(); });
  req.end(form.body);
}
for (let i = 0; i < concurrency; i++) next();
`;
