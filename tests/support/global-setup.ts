import type { TestProject } from 'vitest/node';
import { buildSite } from './build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `dist` of the real `notes/` site, built once per test run. */
    siteDir: string;
  }
}

/** Builds the real notes once for every test file that asserts on the built site. */
export default function setup(project: TestProject): void {
  const site = buildSite('notes');
  project.provide('siteDir', site.outDir);
}
