// Browser tests and the UI benchmark drive Debian's chromium package (a test tool's own browser
// download fails here): installed with apt-get when it is missing and the process runs as root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** True when /usr/bin/chromium is there, installing it first if it can (CI runs as root). */
export function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.log('\n▶ installing chromium (Debian package) for the browser tests');
  if (process.getuid?.() !== 0) {
    console.error(`✖ ${CHROMIUM} is missing; install it with: sudo apt-get install -y chromium`);
    return false;
  }
  const apt = (args: string[]): boolean =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  return apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']);
}
