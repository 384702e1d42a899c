import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'mocha';
import { proposeLineManager } from '../../src/app/contracts/line-manager';
import { myContracts } from '../../src/app/contracts/my-contracts';
import { startContract } from '../../src/app/contracts/start-contract';
import { identify } from '../../src/app/people';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { AttuneError } from '../../src/domain/errors';
import { personId, type PersonRef } from '../../src/domain/people';
import type { Enrolment } from '../../src/domain/practice';
import { enrolmentPartition } from '../../src/ports/data-store';
import type { DirectoryManager, DirectoryPort } from '../../src/ports/directory';
import { cardIn, cardText, dataFor, startBotHarness, type BotHarness, type OtherPerson } from './bot-harness';

const ref = (key: keyof typeof demoPeople): PersonRef => ({ tenantId: demoTenantId, objectId: demoPeople[key].objectId });

describe('The line manager proposed from the directory when a contract is drafted (seeded Azurite, bot on TestAdapter)', () => {
  let h: BotHarness;
  /** What the directory answers for the trainee being tested; each test sets it. */
  let answer: () => Promise<DirectoryManager | null> = () => Promise.resolve(null);
  const directory: DirectoryPort = { managerOf: () => answer() };
  const isaiah = personId(ref('lineManager'));
  const patti = personId(ref('admin'));

  before(async () => {
    h = await startBotHarness({ directory });
  });
  after(async () => h.stop());

  /** A new trainee with no contract, whose enrolment has Isaiah as line manager. */
  async function newTrainee(): Promise<{ who: OtherPerson; enrolment: Enrolment }> {
    const objectId = randomUUID();
    const who: OtherPerson = { key: `trainee-${objectId.slice(0, 8)}`, objectId, displayName: 'Nestor Wilke' };
    const id = personId({ tenantId: demoTenantId, objectId });
    await h.app.store.people.create({ id, tenantId: demoTenantId, objectId, displayName: who.displayName });
    const enrolment: Enrolment = { id: `enrolment-${objectId}`, serviceId: 'demo-service', traineeId: id, supervisorId: personId(ref('supervisor')), lineManagerId: isaiah, pathway: { id: 'aviguk', version: 1 }, startedOn: '2026-06-01' };
    await h.app.store.enrolments.create(enrolment);
    return { who, enrolment };
  }
  const actorOf = async (who: OtherPerson) => (await identify(h.app, { tenantId: demoTenantId, objectId: who.objectId }))!;
  const managedBy = (person: PersonRef, displayName: string | null) => () => Promise.resolve({ person, displayName });
  const termsFor = (enrolment: Enrolment) => ({ startsOn: enrolment.startedOn, expectedMonths: 18, protectedMinutesPerWeek: 120, caseAccess: 'Two families a term.', supervisionArrangements: 'Monthly.', equipmentAndStorage: 'Service iPad; Attune only.', informationGovernance: 'Consent first.', avigukRegistration: true, changeOfRole: 'We review it.' });

  describe('proposeLineManager', () => {
    it("says the directory agrees when it names the enrolment's line manager", async () => {
      const { enrolment } = await newTrainee();
      answer = managedBy(ref('lineManager'), 'Isaiah Langer (Directory)');
      const p = await proposeLineManager(h.app, enrolment);
      assert.equal(p.kind, 'agreed');
      assert.equal(p.note, "Your line manager (from your organisation's directory): Isaiah Langer.");
    });

    it('offers both when the directory names someone else Attune knows', async () => {
      const { enrolment } = await newTrainee();
      answer = managedBy(ref('admin'), 'Patti F.');
      const p = await proposeLineManager(h.app, enrolment);
      assert.deepEqual(p.kind === 'choose' ? [p.enrolment, p.directory] : p, [
        { id: isaiah, displayName: 'Isaiah Langer' },
        { id: patti, displayName: 'Patti Fernandez' },
      ]);
      assert.match(p.note, /Attune has Isaiah Langer as your line manager; your organisation's directory names Patti Fernandez as your manager\. Choose who signs/);
    });

    it('keeps the enrolment\'s line manager, and says to ask the service lead, when the directory names someone Attune does not know', async () => {
      const { enrolment } = await newTrainee();
      answer = managedBy({ tenantId: demoTenantId, objectId: randomUUID() }, 'Lynne Robbins');
      const p = await proposeLineManager(h.app, enrolment);
      assert.equal(p.kind, 'directory_unknown');
      assert.match(p.note, /names Lynne Robbins as your manager, who cannot sign in Attune, so Isaiah Langer signs.*ask your service lead to add them/);
    });

    it('falls back to the enrolment\'s line manager, with a note, when the directory cannot be read or names no one', async () => {
      const { enrolment } = await newTrainee();
      answer = () => Promise.reject(new AttuneError('unavailable', 'Outlook could not be reached; the line manager could not be looked up.'));
      const down = await proposeLineManager(h.app, enrolment);
      assert.equal(down.kind, 'directory_unavailable');
      assert.match(down.note, /^Your line manager: Isaiah Langer\. Your organisation's directory could not be checked just now/);
      answer = () => Promise.resolve(null);
      assert.equal((await proposeLineManager(h.app, enrolment)).kind, 'not_in_directory');
    });
  });

  describe('startContract', () => {
    it("makes the directory's manager the line manager who signs, when the trainee confirms them, and records it", async () => {
      const { who, enrolment } = await newTrainee();
      answer = managedBy(ref('admin'), 'Patti F.');
      const outcome = await startContract(h.app, { actor: await actorOf(who), terms: termsFor(enrolment), lineManagerId: patti });
      assert.equal(outcome.kind, 'changed');
      assert.equal(outcome.value.contract.parties.line_manager, patti);
      assert.equal(outcome.value.names.line_manager, 'Patti Fernandez');
      assert.equal((await h.app.store.enrolments.get({ partition: enrolmentPartition, id: enrolment.id }))?.value.lineManagerId, patti);
      const audit = (await h.app.audit.page({ limit: 500 })).entries.filter((e) => e.action === 'change_line_manager' && e.object.id === enrolment.id);
      assert.equal(audit.length, 1);
    });

    it("refuses a line manager who is not one of the choices, and changes nothing", async () => {
      const { who, enrolment } = await newTrainee();
      const stranger = personId({ tenantId: demoTenantId, objectId: randomUUID() });
      answer = managedBy({ tenantId: demoTenantId, objectId: stranger.split(':')[1]! }, 'Lynne Robbins');
      for (const lineManagerId of [stranger, personId(ref('secondTrainee'))]) {
        await assert.rejects(startContract(h.app, { actor: await actorOf(who), terms: termsFor(enrolment), lineManagerId }), (e: unknown) => e instanceof AttuneError && e.code === 'invalid_input' && /service lead/.test(e.details.join(' ')));
      }
      assert.equal((await h.app.store.contracts.list(enrolment.id)).length, 0);
      assert.equal((await h.app.store.enrolments.get({ partition: enrolmentPartition, id: enrolment.id }))?.value.lineManagerId, isaiah);
    });

    it('drafts with the enrolment\'s line manager when the directory is down', async () => {
      const { who, enrolment } = await newTrainee();
      answer = () => Promise.reject(new Error('socket hang up'));
      const outcome = await startContract(h.app, { actor: await actorOf(who), terms: termsFor(enrolment) });
      assert.equal(outcome.value.contract.parties.line_manager, isaiah);
      const { canStart } = await myContracts(h.app, { actor: await actorOf(who) });
      assert.equal(canStart, null);
    });
  });

  describe('the bot\'s draft form', () => {
    it('shows the agreed line manager, with nothing to choose', async () => {
      const { who } = await newTrainee();
      answer = managedBy(ref('lineManager'), 'Isaiah Langer');
      await h.as(who).install();
      const form = cardIn((await h.as(who).say('contract')).find((r) => r.attachments));
      assert.match(cardText(form), /Your line manager \(from your organisation's directory\): Isaiah Langer\./);
      assert.ok(!cardText(form).includes('"id":"lineManagerId"'));
    });

    it('lets the trainee choose, and sends the contract to the one chosen', async () => {
      const { who, enrolment } = await newTrainee();
      answer = managedBy(ref('admin'), 'Patti F.');
      await h.as(who).install();
      const form = cardIn((await h.as(who).say('contract')).find((r) => r.attachments));
      assert.match(cardText(form), /Isaiah Langer \(your line manager in Attune\)/);
      assert.match(cardText(form), /Patti Fernandez \(your manager in your organisation's directory\)/);
      assert.equal(dataFor(form, 'contract.create').lineManagerId, isaiah, "the enrolment's line manager is chosen until the trainee changes it");
      const { card } = await h.as(who).invoke('contract.create', dataFor(form, 'contract.create', { lineManagerId: patti }));
      assert.match(cardText(card), /Line manager.*Patti Fernandez/);
      assert.equal((await h.app.store.contracts.list(enrolment.id))[0]?.value.parties.line_manager, patti);
    });

    it('shows the form again, with the choice kept, when the terms need attention', async () => {
      const { who } = await newTrainee();
      answer = managedBy(ref('admin'), null);
      await h.as(who).install();
      const form = cardIn((await h.as(who).say('contract')).find((r) => r.attachments));
      const { card } = await h.as(who).invoke('contract.create', dataFor(form, 'contract.create', { lineManagerId: patti, expectedMonths: '' }));
      assert.match(cardText(card), /need attention/);
      assert.equal(dataFor(card, 'contract.create').lineManagerId, patti);
    });

    it('drafts with a note when the directory cannot be read', async () => {
      const { who, enrolment } = await newTrainee();
      answer = () => Promise.reject(new AttuneError('unavailable', 'Outlook could not be reached.'));
      await h.as(who).install();
      const form = cardIn((await h.as(who).say('contract')).find((r) => r.attachments));
      assert.match(cardText(form), /directory could not be checked just now/);
      await h.as(who).invoke('contract.create', dataFor(form, 'contract.create'));
      assert.equal((await h.app.store.contracts.list(enrolment.id))[0]?.value.parties.line_manager, isaiah);
    });
  });
});
