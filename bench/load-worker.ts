/**
 * The load generator of the token-service bench, as a worker's source: it runs on its own
 * thread, so the desk's event loop only serves requests. Like wrk or autocannon it keeps
 * `concurrency` keep-alive connections, writes one pre-serialized request on each and the
 * next when the answer (status line, Content-Length, body) is complete, until `total` have
 * been answered. A hand-rolled client, because on two shared cores every cycle it spends is
 * taken from the service being measured.
 */
export const LOAD_WORKER_SOURCE = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { url, authorization, body, total, concurrency } = workerData;
const target = new URL(url);
const request = Buffer.from(
  'POST ' + target.pathname + ' HTTP/1.1\\r\\nHost: ' + target.host + '\\r\\nConnection: keep-alive\\r\\n' +
  'Content-Type: application/x-www-form-urlencoded\\r\\nAuthorization: ' + authorization + '\\r\\n' +
  'Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body,
);
let started = 0, answered = 0, failed = 0;
const t0 = performance.now();
function connection() {
  const socket = net.connect(Number(target.port), target.hostname);
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  const send = () => {
    if (started >= total) return socket.end();
    started++;
    socket.write(request);
  };
  socket.on('connect', send);
  socket.on('data', (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const end = pending.indexOf('\\r\\n\\r\\n');
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\\d+)/i.exec(head)?.[1] ?? 0);
      if (pending.length < end + 4 + length) return;
      if (!head.startsWith('HTTP/1.1 200')) failed++;
      pending = pending.subarray(end + 4 + length);
      if (++answered === total) {
        parentPort.postMessage({ seconds: (performance.now() - t0) / 1000, failed });
        return socket.end();
      }
      send();
    }
  });
  socket.on('error', (error) => { throw error; });
}
for (let i = 0; i < concurrency; i++) connection();
`;
