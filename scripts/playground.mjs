// Starts the Microsoft 365 Agents Playground against the local bot, offline and headless-safe:
// loopback only, no browser launch (open the printed URL yourself), no telemetry, logs under .data/.
// Usage: npm run playground   (with `npm start` running; PORT selects the bot's port, default 3978)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const botPort = process.env.PORT || '3978';
const port = process.env.PLAYGROUND_PORT || '56150';
const dataDir = join(root, '.data', 'playground');
const noBrowser = join(dataDir, 'bin');
mkdirSync(noBrowser, { recursive: true });
writeFileSync(join(noBrowser, 'xdg-open'), '#!/bin/sh\nexit 0\n');
chmodSync(join(noBrowser, 'xdg-open'), 0o755);

const child = spawn(
  join(root, 'node_modules', '.bin', 'agentsplayground'),
  ['start', '--app-endpoint', `http://127.0.0.1:${botPort}/api/messages`, '--port', port, '--service-url', `http://127.0.0.1:${port}/_connector`, '--disable-telemetry'],
  {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PATH: `${noBrowser}:${process.env.PATH}`,
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'playground.log'),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(root, 'scripts', 'playground-loopback.cjs')}`.trim(),
    },
  },
);
child.stdout.setEncoding('utf8').on('data', (text) => {
  const m = /Listening on (\d+)/.exec(text);
  if (m) console.log(`Agents Playground: http://127.0.0.1:${m[1]}  (bot: http://127.0.0.1:${botPort}/api/messages; you are Alex Wilber, a demo trainee — try "progress" or "book supervision")`);
  else process.stdout.write(text);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
