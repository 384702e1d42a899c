import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as z from 'zod';
import { openApiDocument, routes, routeTable } from '../../../src/contract/http';
import { parseInput } from '../../../src/contract/parse';
import { AttuneError } from '../../../src/domain/errors';
import { encodeContractView } from '../../../src/http/encode/contracts';
import { encodeRecordView } from '../../../src/http/encode/records';
import { restifyPath } from '../../../src/http/mount';
import type { ContractView } from '../../../src/app/contracts/contract-view';
import type { RecordView } from '../../../src/app/supervision-records/record-view';

const refusal = (fn: () => unknown): AttuneError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AttuneError) return e;
    throw e;
  }
  throw new Error('expected invalid_input');
};

describe('HTTP route table', () => {
  it('names each route once, by method and path and by operation id', () => {
    assert.equal(new Set(routeTable.map((r) => `${r.method} ${r.path}`)).size, routeTable.length);
    assert.equal(new Set(routeTable.map((r) => r.operationId)).size, routeTable.length);
  });

  it('has a params schema naming exactly the parameters of each path', () => {
    for (const r of routeTable) {
      const inPath = [...r.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();
      const inSchema = r.params instanceof z.ZodObject ? Object.keys(r.params.shape).sort() : [];
      assert.deepEqual(inSchema, inPath, r.operationId);
    }
  });

  it('turns contract paths into restify paths', () => {
    assert.equal(restifyPath(routes.putBlock.path), '/api/enrolments/:enrolmentId/clip-uploads/:uploadId/blocks/:index');
  });
});

describe('HTTP contract schemas', () => {
  it('gives one wrong field its own message, with the field in the details', () => {
    const e = refusal(() => parseInput(routes.devSignIn.body, { personId: 42 }));
    assert.equal(e.code, 'invalid_input');
    assert.equal(e.message, 'Choose a demo person to sign in as.');
    assert.deepEqual(e.details, ['personId: Choose a demo person to sign in as.']);
  });

  it('gives several wrong fields the route heading and a line for each', () => {
    const e = refusal(() => parseInput(routes.reviewRecord.body, { revision: 0, decision: 'maybe' }, routes.reviewRecord.heading));
    assert.equal(e.message, 'That review could not be read.');
    assert.deepEqual(e.details, ['revision: send the revision of the record you read.', 'decision: cosign or return.']);
  });

  it('reads page queries as the audit log asks for them', () => {
    assert.deepEqual(parseInput(routes.auditLog.query, { limit: '20', outcome: 'refused' }), { limit: 20, outcome: 'refused' });
    assert.equal(refusal(() => parseInput(routes.auditLog.query, { limit: '1000' })).message, 'limit must be a whole number from 1 to 500.');
  });

  it('ignores fields a body may not set', () => {
    const read = parseInput(routes.startUpload.body, { caseId: 'c', kind: 'client_interaction', title: 'Clip', size: 10, uploadedBy: 'someone:else' });
    assert.ok(!('uploadedBy' in read));
  });
});

describe('HTTP encoders', () => {
  const contract: ContractView = {
    enrolmentId: 'e1',
    contract: {
      id: 'v0001',
      enrolmentId: 'e1',
      version: 1,
      parties: { trainee: 't:1', supervisor: 't:2', line_manager: 't:3' },
      terms: { startsOn: '2026-01-01', expectedMonths: 18, protectedMinutesPerWeek: 60, caseAccess: 'a', supervisionArrangements: 'b', equipmentAndStorage: 'c', informationGovernance: 'd', avigukRegistration: true, changeOfRole: 'e' },
      state: { status: 'awaiting_signatures', signatures: { trainee: '2026-01-01T00:00:00.000Z' } },
    },
    latestVersion: 1,
    versions: [{ version: 1, status: 'awaiting_signatures' }],
    names: { trainee: 'Alex', supervisor: 'Sam', line_manager: 'Lee' },
    channelUserIds: { trainee: '29:secret', supervisor: null, line_manager: null },
  };

  it('keeps the bot’s channel ids out of a contract, even if an encoder let them through', () => {
    const wire = routes.myContracts.response.parse({ contracts: [{ ...encodeContractView(contract), channelUserIds: contract.channelUserIds }], canStart: null });
    assert.ok(!JSON.stringify(wire).includes('29:secret'));
    assert.equal(wire.contracts[0]?.names.trainee, 'Alex');
  });

  it('gives a supervision record its enrolment and no channel ids', () => {
    const view: RecordView = {
      record: {
        id: 'r1',
        enrolmentId: 'e1',
        sessionId: 's1',
        revision: 1,
        content: { learningQuestion: 'q', whatWasWorking: 'w', principles: ['guiding'], learningPoints: 'l', nextSteps: 'n', consentConfirmed: true },
        vocabulary: { id: 'attuned-interaction', version: 1 },
        state: { status: 'awaiting_cosign', submittedAt: '2026-01-01T00:00:00.000Z' },
      },
      session: { id: 's1', enrolmentId: 'e1', heldOn: '2026-01-01', minutes: 60, mode: 'teams', caseIds: [], clipIds: [] },
      traineeId: 't:1',
      traineeName: 'Alex',
      supervisorId: 't:2',
      supervisorName: 'Sam',
      caseCodes: ['AB12'],
      channelUserIds: ['29:secret'],
    };
    const wire = routes.recordsToCosign.response.parse({ records: [encodeRecordView(view)] });
    assert.equal(wire.records[0]?.enrolmentId, 'e1');
    assert.ok(!JSON.stringify(wire).includes('29:secret'));
  });
});

describe('openApiDocument', () => {
  it('is OpenAPI 3.1 with an operation per route, the same each time', () => {
    const doc = openApiDocument(routeTable, { version: '1' });
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0), routeTable.length);
    assert.deepEqual(openApiDocument(routeTable, { version: '1' }), doc);
  });
});
