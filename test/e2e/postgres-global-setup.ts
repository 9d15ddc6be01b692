import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullProject } from '@playwright/test';
import { E2E_PG_BASE_ENV } from '../support/headless-desk';
import { PG_BIN, startCluster } from '../support/postgres-cluster';
import type { DeskOptions } from './postgres-store';

/**
 * One throwaway PostgreSQL cluster for the run's projects with `use: { store: 'postgres' }`
 * (each test's desk gets a database of its own in it: postgres-store.ts), stopped and removed
 * when the run ends. Workers find it through the environment. A run without such a project
 * (`--project chromium`) starts none.
 */
export default async function globalSetup(config: FullConfig) {
  // The projects this run selected (--project); an older runner without the field: all of them.
  const projects = (config as FullConfig & { filteredProjects?: FullProject[] }).filteredProjects ?? config.projects;
  if (!projects.some((p) => (p.use as Partial<DeskOptions>).store === 'postgres')) return undefined;
  const cluster = await startCluster();
  process.env[E2E_PG_BASE_ENV] = cluster.base;
  const version = execFileSync(path.join(PG_BIN, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`PostgreSQL projects: a throwaway ${version} cluster on 127.0.0.1:${cluster.port}\n`);
  return () => {
    delete process.env[E2E_PG_BASE_ENV];
    cluster.stop();
    fs.rmSync(cluster.dir, { recursive: true, force: true });
  };
}
