/**
 * The load generator of the token-service bench, as a worker's source: it runs on its own
 * thread, so the desk's event loop only serves requests. It posts form requests with HTTP
 * Basic authentication over keep-alive connections, `concurrency` at a time, until `total`
 * have been answered. Plain http.request, because fetch costs the shared CPUs several times more.
 */
export const LOAD_WORKER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, authorization, body, total, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), authorization };
let started = 0, failed = 0;
function once() {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      if (res.statusCode !== 200) failed++;
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function lane() {
  while (started < total) {
    started++;
    await once();
  }
}
const t0 = performance.now();
Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
  agent.destroy();
  parentPort.postMessage({ seconds: (performance.now() - t0) / 1000, failed });
});
`;
