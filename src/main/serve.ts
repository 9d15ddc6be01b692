import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstRunLines, openHeadlessDesk } from './open-headless-desk';
import { startPortal } from './portal/portal-server';
import { startHttpShell } from './rpc/http-transport';
import { consoleSessionKey } from './rpc/session-proof';
import { describeStartFailure } from './start-failure';
import { STORE_FILE } from './store/open-store';
import { describeStore } from './store/store-location';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The headless shell: the same desk, its console served on loopback HTTP. */
async function main() {
  const { desk, config, generatedAt } = await openHeadlessDesk(process.argv.slice(2));
  const shell = await startHttpShell(desk.router, {
    host: config.host,
    port: config.port,
    rendererDir: path.join(here, '../renderer'),
    log: desk.log,
    sessionKey: consoleSessionKey(desk.dataKey),
  });
  const portal = await startPortal(desk, { host: config.host, port: config.portalPort });
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  out(`jAccount Service Desk (headless) is listening at ${shell.url}`);
  out(`End-user pages (activation, sign-in) at ${portal.url}`);
  out(`Token service (OpenID Connect) issuer: ${portal.issuer} (discovery: ${portal.issuer}/.well-known/openid-configuration)`);
  out(`Data directory: ${config.dataDir}`);
  out(`Store: ${describeStore(config.store, config.dataDir, STORE_FILE)}`);
  if (generatedAt) {
    out(`A passphrase protecting the data key was generated at ${generatedAt} (mode 0600).`);
    out('In production keep it elsewhere and pass it with DESK_PASSPHRASE or --passphrase-file.');
  }
  lines.push(...firstRunLines(desk.firstRun));
  // One write, so that whoever reads the banner sees it whole.
  process.stdout.write(`${lines.join('\n')}\n`);
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await shell.close();
    await portal.close();
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`jAccount Service Desk could not start: ${describeStartFailure(err)}\n`);
  process.exit(1);
});
