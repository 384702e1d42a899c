import * as z from 'zod';
import { ContractDecline, ContractRefresh, ContractSubmit, ContractVersionShown } from './contracts';
import { CaseSubmit, CycleForm, CycleSubmit, NoData, SupervisionSubmit } from './practice';
import { ScheduleBook, ScheduleCancel, ScheduleMove, ScheduleMoveTo, ScheduleShow, ScheduleTimes } from './scheduling';
import { ReminderMute, ReminderRefresh, ReminderSnooze } from './reminders';
import { StageSubmit } from './stages';
import { RecordCosign, RecordEdit, RecordForm, RecordRefresh, RecordReturn, RecordSubmit } from './supervision-records';

/**
 * The card action contract: every `Action.Execute` verb Attune's cards carry, with the schema of its data
 * (the card's own data merged with the card's inputs, as Teams sends it). A card rendered with a verb or a
 * field that is not here fails the contract test; an invoke with a verb not here is refused.
 */
export const cardActionData = {
  'progress.show': NoData,
  'case.form': NoData,
  'case.submit': CaseSubmit,
  'cycle.form': CycleForm,
  'cycle.submit': CycleSubmit,
  'supervision.form': NoData,
  'supervision.submit': SupervisionSubmit,
  'record.form': RecordForm,
  'record.submit': RecordSubmit,
  'record.edit': RecordEdit,
  'record.cosign': RecordCosign,
  'record.return': RecordReturn,
  'record.refresh': RecordRefresh,
  'stage.form': NoData,
  'stage.submit': StageSubmit,
  'contract.form': NoData,
  'contract.create': ContractSubmit,
  'contract.sign': ContractVersionShown,
  'contract.decline': ContractDecline,
  'contract.edit': ContractVersionShown,
  'contract.revise': ContractSubmit,
  'contract.refresh': ContractRefresh,
  'contract.version': ContractVersionShown,
  'schedule.times': ScheduleTimes,
  'schedule.book': ScheduleBook,
  'schedule.move': ScheduleMove,
  'schedule.moveTo': ScheduleMoveTo,
  'schedule.cancel': ScheduleCancel,
  'schedule.show': ScheduleShow,
  'reminder.snooze': ReminderSnooze,
  'reminder.mute': ReminderMute,
  'reminder.refresh': ReminderRefresh,
} as const satisfies Readonly<Record<string, z.ZodObject>>;

export type CardVerb = keyof typeof cardActionData;

/** Every verb, in the order above. */
export const cardVerbs = Object.keys(cardActionData) as [CardVerb, ...CardVerb[]];

/** Each verb's data, as the handlers get it. */
export type CardActionData = { readonly [V in CardVerb]: z.output<(typeof cardActionData)[V]> };

/** A decoded card action, one member per verb: switching on `verb` gives that verb's data. */
export type CardAction = {
  readonly [V in CardVerb]: {
    readonly verb: V;
    readonly data: CardActionData[V];
    /** True when Teams refreshes the card by itself (refresh.userIds), not because someone clicked. */
    readonly automatic: boolean;
  };
}[CardVerb];

/** What an invoke that is not one of Attune's card actions is told. */
export const unknownAction = 'That card action is not one Attune knows. Type help to start again.';

/**
 * The value of an `adaptiveCard/action` invoke: the action (its verb, and its data, read per verb with
 * `cardActionData`) and what triggered it. Data that is not an object reads as none, as Teams sends none
 * for a button without data.
 */
export const CardActionInvoke = z.object(
  {
    action: z.object(
      {
        type: z.literal('Action.Execute', { error: unknownAction }),
        verb: z.enum(cardVerbs, { error: unknownAction }),
        data: z.record(z.string(), z.unknown()).catch({}),
      },
      { error: unknownAction },
    ),
    trigger: z.enum(['manual', 'automatic']).optional().catch(undefined),
  },
  { error: unknownAction },
);
