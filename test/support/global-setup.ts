import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where each worker keeps its template store for this run (desk-fixture.ts). */
    templateRoot: string;
  }
}

/** One folder of template stores per run, removed when the run ends. */
export default function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-templates-'));
  project.provide('templateRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
