// Runs Azurite in a child process that ends when its parent does: the parent holds our stdin open, and
// when it goes away — however it dies — stdin closes and this process exits, so no Azurite is orphaned.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
const entry = process.argv[2];
process.argv.splice(2, 1);
require(entry);
