// `npm test`: formatting, lint, type-check, the front end's build, then the unit, ui, integration and e2e suites (the integration
// project starts its own PostgreSQL and Directus). Stops at the first failing stage; ends with one
// "N passed, N failed" line for the whole run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildUi } from '../directus/instance.ts';
import { ensureChromium } from './chromium.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', name);
const RESULTS = path.join(ROOT, 'test-results', 'vitest.json');

function stage(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(process.execPath, [command, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) console.error(`✖ ${title} failed`);
  return result.status === 0;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  /** False also for errors outside the tests (a global setup that threw), after which vitest can exit 0. */
  success: boolean;
}

mkdirSync(path.dirname(RESULTS), { recursive: true });
const checks =
  stage('format (prettier)', bin('prettier'), ['--check', '.']) &&
  stage('lint (eslint)', bin('eslint'), ['.']) &&
  stage('types (tsc)', bin('tsc'), ['-p', 'tsconfig.json']) &&
  ensureChromium();
if (!checks) process.exit(1);

// The browser tests (e2e project) drive the built front end that the server serves at /app.
console.log('\n▶ front end (vite build, when its sources changed)');
try {
  await buildUi();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error('✖ front end build failed');
  process.exit(1);
}

const passed = stage('tests (vitest: unit, ui, integration, e2e)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${RESULTS}`,
]);
const report = JSON.parse(readFileSync(RESULTS, 'utf8')) as VitestReport;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
// vitest's own exit status is not enough: a global setup that throws ends a run of no tests with 0.
const failedOutside = !report.success && report.numFailedTests === 0;
if (failedOutside) console.error('✖ the test run failed outside the tests (see the errors above)');
if (report.numTotalTests === 0) console.error('✖ no test ran');
process.exit(passed && report.success && report.numFailedTests === 0 && report.numTotalTests > 0 ? 0 : 1);
