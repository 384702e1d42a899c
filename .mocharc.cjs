// Mocha runs the test tiers in this order, one file after another (never in parallel), TypeScript through tsx.
// `mocha` runs every tier; TEST_TIER=unit (or a comma-separated list, e.g. TEST_TIER=component,contract) runs
// only those, still in this order. `npm run test:unit` and its siblings set it.
const tiers = ['unit', 'component', 'contract', 'security', 'e2e'];

const chosen = process.env.TEST_TIER === undefined ? tiers : process.env.TEST_TIER.split(',').map((tier) => tier.trim());
const unknown = chosen.filter((tier) => !tiers.includes(tier));
if (unknown.length > 0 || chosen.length === 0) {
  throw new Error(`TEST_TIER=${process.env.TEST_TIER}: the tiers are ${tiers.join(', ')}`);
}

// Every test process (this one and the one mocha starts with the node options below) runs with NODE_ENV=test.
process.env.NODE_ENV = 'test';

module.exports = {
  spec: tiers.filter((tier) => chosen.includes(tier)).map((tier) => `test/${tier}/**/*.test.ts`),
  'node-option': ['import=tsx', 'disable-warning=DEP0111'],
  // node:test had no timeout. Tests and hooks start Azurite, servers and Chromium on a loaded machine, so
  // this only stops a run that hangs; it says nothing about speed.
  timeout: 300_000,
  reporter: 'test/support/reporter.cjs',
  // As under node:test (which ignored .only without --test-only), a stray it.only cannot quietly skip the rest.
  'forbid-only': true,
};
