// bench/RESULTS.md holds one section per benchmark, each between `<!-- name:begin -->` and
// `<!-- name:end -->`: a benchmark rewrites its own section and leaves the others (and the notes
// written around them) as they are. The file is written formatted, as `npm test` checks it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

export const RESULTS_FILE = path.join(import.meta.dirname, 'RESULTS.md');

export async function writeSection(name: string, markdown: string): Promise<void> {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n\n${markdown.trim()}\n\n${end}`;
  const current = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n';
  const start = current.indexOf(begin);
  const finish = current.indexOf(end);
  const next =
    start >= 0 && finish > start
      ? current.slice(0, start) + block + current.slice(finish + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  const options = (await prettier.resolveConfig(RESULTS_FILE)) ?? {};
  writeFileSync(RESULTS_FILE, await prettier.format(next, { ...options, filepath: RESULTS_FILE }));
}
