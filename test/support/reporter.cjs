// Mocha's spec reporter, closed by the one line CI reads: `tests: N passed, N failed, N skipped`.
// (Mocha itself ends with `N passing`, which CI does not recognise.) Failures include failed hooks.
const { reporters } = require('mocha');

class SpecWithTally extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    // Registered after the spec reporter's own summary, so this is the last line of the run.
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      console.log(`tests: ${passes} passed, ${failures} failed, ${pending} skipped`);
    });
  }
}

module.exports = SpecWithTally;
