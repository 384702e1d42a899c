import assert from 'node:assert/strict';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { after, before, describe, it } from 'mocha';
import { LocalKeyFile } from '../../../src/adapters/keys/local-key-file';
import { clipContainerName, openClipStorage } from '../../../src/adapters/vault/open-clip-storage';
import { addComment, addMoment, addStill } from '../../../src/app/clips/annotations';
import { defaultClipSettings, type ClipDeps } from '../../../src/app/clips/deps';
import { startPlayback } from '../../../src/app/clips/playback';
import { commitUpload, putUploadBlock, startUpload } from '../../../src/app/clips/upload';
import type { Actor } from '../../../src/app/people';
import { demoPeople, demoTenantId } from '../../../src/app/seed-demo';
import { dataMap, dataMapEntryForBlob, dataMapEntryForTable } from '../../../src/domain/governance/data-map';
import { devSignIn, getJson, startTestApp, type TestApp } from '../../support/app';
import { makeTinyMp4 } from '../../fixtures/tiny-mp4';
import { chunked } from '../vault/clip-deps';

/** Columns every Table entity has, that hold nothing of Attune's. */
const systemColumns = new Set(['partitionKey', 'rowKey', 'timestamp', 'etag']);
/** Columns that hold a JSON record: its top-level fields are what the data map names. */
const jsonColumns = new Set(['data', 'entry']);

/** Every field stored in a row: its columns, with a JSON record column opened into its own fields. */
function storedFields(entity: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [column, value] of Object.entries(entity)) {
    if (systemColumns.has(column) || column.startsWith('odata.')) continue;
    if (jsonColumns.has(column) && typeof value === 'string') {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        out.push(...Object.keys(parsed));
        continue;
      }
    }
    out.push(column);
  }
  return out;
}

describe('data map against real storage (the app on Azurite, after its flows ran)', () => {
  let app: TestApp;
  let connection: string;
  const person = (key: keyof typeof demoPeople, role: Actor['roles'][number]): Actor => ({ person: { id: `${demoTenantId}:${demoPeople[key].objectId}`, tenantId: demoTenantId, objectId: demoPeople[key].objectId, displayName: demoPeople[key].displayName }, roles: [role] });

  before(async () => {
    app = await startTestApp({ env: { REMINDERS: 'true' } });
    connection = app.storage.connectionString!;
    // The clip flows, on the app's own tables and container: upload, moment, still, comment, playback, an upload left open.
    const clientFor = (t: string): TableClient => TableClient.fromConnectionString(connection, t, { allowInsecureConnection: true });
    const container = BlobServiceClient.fromConnectionString(connection).getContainerClient(clipContainerName);
    const storage = await openClipStorage({ clientFor, container, wrapper: LocalKeyFile.open({ file: null }) });
    const deps: ClipDeps = { ...app.app, ...storage, clipSettings: defaultClipSettings };
    const trainee = person('trainee', 'trainee');
    const supervisor = person('supervisor', 'supervisor');
    const enrolment = (await deps.store.enrolments.list()).map((e) => e.value).find((e) => e.traineeId === trainee.person.id)!;
    const clientCase = (await deps.store.cases.list(enrolment.id))[0]!.value;
    const data = makeTinyMp4({ seconds: 1 });
    const upload = await startUpload(deps, { actor: trainee, enrolmentId: enrolment.id, upload: { caseId: clientCase.id, kind: 'client_interaction', title: 'Clip', size: data.length } });
    await putUploadBlock(deps, { actor: trainee, enrolmentId: enrolment.id, uploadId: upload.id, index: '0', contentLength: data.length, body: chunked(data) });
    const clip = await commitUpload(deps, { actor: trainee, enrolmentId: enrolment.id, uploadId: upload.id });
    await addMoment(deps, { actor: trainee, enrolmentId: enrolment.id, clipId: clip.id, moment: { startMs: 0, endMs: 500, note: 'A look' } });
    await addStill(deps, { actor: trainee, enrolmentId: enrolment.id, clipId: clip.id, still: { atMs: 100, caption: 'Smile' } });
    await addComment(deps, { actor: supervisor, enrolmentId: enrolment.id, clipId: clip.id, comment: { atMs: 200, text: 'Lovely turn-taking' } });
    await startPlayback(deps, { actor: trainee, enrolmentId: enrolment.id, clipId: clip.id, purpose: 'own_practice' });
    await startUpload(deps, { actor: trainee, enrolmentId: enrolment.id, upload: { caseId: clientCase.id, kind: 'shared_review', title: 'Later', size: 10 } });
    // HTTP flows: sign-in, reads that are audited and counted.
    const token = await devSignIn(app.baseUrl, trainee.person.id);
    await getJson(`${app.baseUrl}/api/me`, token);
    await getJson(`${app.baseUrl}/api/me/progress`, token);
    const admin = await devSignIn(app.baseUrl, `${demoTenantId}:${demoPeople.admin.objectId}`);
    await getJson(`${app.baseUrl}/api/audit`, admin);
  });
  after(async () => app.stop());

  it('has an entry for every table, and for every field found in its rows', async () => {
    const tables = TableServiceClient.fromConnectionString(connection, { allowInsecureConnection: true });
    const missing: string[] = [];
    const seen = new Map<string, number>();
    for await (const t of tables.listTables()) {
      const name = t.name!;
      assert.ok(name.startsWith('attune'), `table ${name} is not one of Attune's`);
      const short = name.slice('attune'.length);
      const entry = dataMapEntryForTable(short);
      if (!entry) {
        missing.push(`table ${short}`);
        continue;
      }
      let rows = 0;
      for await (const e of TableClient.fromConnectionString(connection, name, { allowInsecureConnection: true }).listEntities()) {
        rows += 1;
        for (const field of storedFields(e)) if (!(field in entry.fields)) missing.push(`${short}.${field}`);
      }
      seen.set(short, rows);
    }
    assert.deepEqual([...new Set(missing)].sort(), [], 'add these to src/domain/governance/data-map.ts');
    // The flows above did fill the tables that matter, so this test is not vacuous.
    for (const t of ['people', 'services', 'enrolments', 'cases', 'cycles', 'supervision', 'supervisionrecords', 'contracts', 'clips', 'clipuploads', 'clipmoments', 'clipstills', 'clipcomments', 'clipkeys', 'clipblocks', 'clipgrants', 'audit', 'ratelimits']) {
      assert.ok((seen.get(t) ?? 0) > 0, `${t} has rows`);
    }
  });

  it('has an entry for every blob container and name, and every queue', async () => {
    const blobs = BlobServiceClient.fromConnectionString(connection);
    const missing: string[] = [];
    let count = 0;
    for await (const c of blobs.listContainers()) {
      for await (const b of blobs.getContainerClient(c.name).listBlobsFlat()) {
        count += 1;
        if (!dataMapEntryForBlob(c.name, b.name)) missing.push(`${c.name}/${b.name}`);
      }
    }
    assert.deepEqual(missing, [], 'add these to src/domain/governance/data-map.ts');
    assert.ok(count > 0, 'the clip was stored as a blob');
    const queues = QueueServiceClient.fromConnectionString(connection);
    for await (const q of queues.listQueues()) {
      assert.ok(dataMap.some((e) => e.location.kind === 'queue' && e.location.queue === q.name), `queue ${q.name} has an entry`);
    }
  });
});
