// Compiles the server (src/main.ts and everything it imports from src/ and bot/) into one ES module,
// dist/attune.mjs, which `npm start` and production run with plain `node`. Packages stay in node_modules.
// Running compiled JavaScript rather than TypeScript through a loader keeps the server's idle memory about
// 90 MB lower (no loader thread, no compiler in the process) and its start quicker.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile: join(outdir, 'attune.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
// Embedded Azurite's guard is found beside the module that starts it.
copyFileSync(join(root, 'src/adapters/storage/azurite-child.cjs'), join(outdir, 'azurite-child.cjs'));
