import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PG_BIN, startCluster } from './postgres-cluster';

const serverVersion = () => execFileSync(path.join(PG_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine this project's test desks run on. */
    store: 'sqlite' | 'postgres';
    /** The PostgreSQL project's cluster: a superuser URL without a database. */
    pgBase: string;
  }
}

/** One throwaway PostgreSQL cluster for the run's PostgreSQL project, stopped and removed at its end. */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide('pgBase', cluster.base);
  // A run says which engines it tested: this project exists only with a real server under it.
  process.stdout.write(`PostgreSQL project: a throwaway ${serverVersion()} cluster on 127.0.0.1:${cluster.port}\n`);
  return () => {
    cluster.stop();
    fs.rmSync(cluster.dir, { recursive: true, force: true });
  };
}
