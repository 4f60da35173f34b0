import type { TestProject } from 'vitest/node';
import { startTestInstance } from './instance.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const instance = await startTestInstance();
  project.provide('baseUrl', instance.baseUrl);
  project.provide('databaseUrl', instance.databaseUrl);
  return instance.stop;
}
