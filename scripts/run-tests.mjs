// Runs test tiers with Node's own test runner (through tsx), one tier after another.
// Usage: node scripts/run-tests.mjs [unit|component|contract|security|e2e ...]  (default: every tier)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const allTiers = ['unit', 'component', 'contract', 'security', 'e2e'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : allTiers;

function findTests(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = tiers.flatMap((tier) => findTests(join('test', tier)));
if (files.length === 0) {
  console.error(`No test files found for: ${tiers.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--disable-warning=DEP0111', '--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
