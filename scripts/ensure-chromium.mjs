// The browser tests drive Debian's Chromium (no browser download). Install it when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = '/usr/bin/chromium';
if (existsSync(chromium)) process.exit(0);
console.log('Installing Debian chromium for the browser tests (apt-get)…');
const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
const run = (args) => {
  const [cmd, ...rest] = [...sudo, ...args];
  const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    console.error(`Could not run: ${args.join(' ')}. Install Chromium by hand: apt-get install chromium`);
    process.exit(1);
  }
};
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', 'chromium']);
