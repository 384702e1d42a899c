export {};
// Benchmarks, by name: `npm run bench -- vault`. Each prints JSON lines {"bench", "metric", "value"} on stdout
// (progress goes to stderr). Benchmarks are never part of `npm test`, and no test asserts a timing.
const benches: Record<string, () => Promise<void>> = {
  vault: async () => (await import('./vault')).runVaultBench(),
  tab: async () => (await import('./tab')).runTabBench(),
  reminders: async () => (await import('./reminders')).runRemindersBench(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = names.length ? names : Object.keys(benches);
for (const name of chosen) {
  const bench = benches[name];
  if (!bench) {
    console.error(`No benchmark called "${name}". Known: ${Object.keys(benches).join(', ')}`);
    process.exit(1);
  }
  await bench();
}
