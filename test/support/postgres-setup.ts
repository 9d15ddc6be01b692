import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster';

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
  return () => {
    cluster.stop();
    fs.rmSync(cluster.dir, { recursive: true, force: true });
  };
}
