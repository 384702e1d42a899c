import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import fc from 'fast-check';
import { caseCodeProblems, looksLikeDate, normaliseCaseCode } from '../../../src/domain/case-code';

describe('case codes', () => {
  describe('caseCodeProblems', () => {
    it('accepts pseudonymous codes: a short prefix and a number', () => {
      for (const code of ['FAM-0142', 'fam-0142', 'VIG-12', 'C-2041', 'AB12', 'CASE-77', 'X1-Y2-Z3']) assert.deepEqual(caseCodeProblems(code), [], code);
    });

    it('refuses names, whether typed as words or joined to a number', () => {
      for (const code of ['Smith', 'Jo-Ann', 'SMITH-01', 'smith2', 'Jo-12', 'Jane Smith', 'MacDonald1']) assert.match(caseCodeProblems(code).join(), /name|no spaces/, code);
    });

    it('refuses dates of birth in the usual ways of writing them', () => {
      for (const code of ['12/03/2019', '12-03-2019', '2019-03-12', 'F-12.3.19', '20190312', '12032019', '12MAR19', 'MAR2019', 'FAM-12-03', '3JAN']) {
        assert.ok(caseCodeProblems(code).length > 0, code);
      }
      for (const code of ['12-03-2019', '20190312', '12MAR19']) assert.match(caseCodeProblems(code).join(), /date/, code);
    });

    it('refuses codes with no digit, other characters, or the wrong length', () => {
      assert.match(caseCodeProblems('FAM').join(), /at least one digit/);
      assert.match(caseCodeProblems('FAM_0142').join(), /letters, digits and hyphens/);
      assert.match(caseCodeProblems('<b>1</b>').join(), /letters, digits and hyphens/);
      assert.match(caseCodeProblems('F1').join(), /3 to 20/);
      assert.match(caseCodeProblems('F'.repeat(21)).join(), /3 to 20/);
      assert.match(caseCodeProblems('  ').join(), /Enter a case code/);
    });

    it('refuses every real date written day-first, month-first or year-first (property)', () => {
      const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
      fc.assert(
        fc.property(date, fc.constantFrom('-', '/', '.'), fc.boolean(), (d, sep, yearFirst) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()].map((n) => String(n).padStart(2, '0'));
          const text = yearFirst ? `${y}${sep}${m}${sep}${day}` : `${day}${sep}${m}${sep}${y}`;
          return caseCodeProblems(text).length > 0 && caseCodeProblems(`${y}${m}${day}`).length > 0;
        }),
      );
    });
  });

  describe('looksLikeDate', () => {
    it('leaves plain case numbers alone', () => {
      for (const code of ['FAM-0142', 'FAM-9999', 'C-31-40', 'A-00-00']) assert.equal(looksLikeDate(code), false, code);
    });
  });

  describe('normaliseCaseCode', () => {
    it('trims and upper-cases, so a code is the same however it is typed', () => {
      assert.equal(normaliseCaseCode('  fam-0142 '), 'FAM-0142');
    });
  });
});
