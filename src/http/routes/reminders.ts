import type { Request, Server } from 'restify';
import type { Actor } from '../../app/people';
import { changeReminderRules, previewReminderRule, viewAdminReminders, viewReminderRules, type ReminderViewDeps } from '../../app/reminders/admin-view';
import { cancelMySnoozes, changeMyReminderPreferences, unmuteMyReminderRule, viewMyReminders } from '../../app/reminders/my-reminders';
import { assertServiceAdmin } from '../../app/service-settings';
import { routes } from '../../contract/http/routes';
import type { ReminderCardView } from '../../domain/reminders/delivery';
import { encodeAdminReminders, encodeMyReminders, encodeReminderRules } from '../encode/reminders';
import type { Mount } from '../mount';

export interface ReminderRouteOptions {
  readonly deps: ReminderViewDeps;
  readonly caller: (req: Request) => Promise<Actor>;
  /**
   * Draws a reminder card (the bot's renderer, passed in by the composition root: src/app and src/http do
   * not import bot/). The preview answers the card JSON it returns.
   */
  readonly renderCard: (view: ReminderCardView) => { readonly type: 'AdaptiveCard' } & Record<string, unknown>;
}

/** The admin's reminders page (outbox, rules, previews) and each person's own reminders. */
export function mountReminderRoutes(server: Server, mount: Mount, o: ReminderRouteOptions): void {
  // An unmute or a snooze cancel has no body, and browsers send no Content-Length for it, which the JSON
  // body parser would refuse as an unknown type: mark it read (restify's own flags), as the clip routes do.
  server.pre((req, _res, next) => {
    if (req.method === 'DELETE' && req.getPath().startsWith('/api/me/reminders/') && !req.isChunked() && !req.headers['content-length']) Object.assign(req, { _readBody: true, _parsedBody: true });
    return next();
  });
  // A change is read only from a service admin: anyone else cannot see the service at all (404), whatever they send.
  const admin = async (req: Request): Promise<Actor> => {
    const actor = await o.caller(req);
    await assertServiceAdmin(o.deps, actor);
    return actor;
  };
  mount.json(routes.adminReminders, { auth: o.caller, handle: async ({ caller, query }) => ({ body: encodeAdminReminders(await viewAdminReminders(o.deps, { actor: caller, limit: query.limit ?? 50 })) }) });
  mount.json(routes.reminderRules, { auth: o.caller, handle: async ({ caller }) => ({ body: encodeReminderRules(await viewReminderRules(o.deps, caller)) }) });
  mount.json(routes.changeReminderRules, {
    auth: admin,
    handle: async ({ caller, body, headers }) => ({ body: encodeReminderRules(await changeReminderRules(o.deps, { actor: caller, rules: body.rules, etag: headers['if-match'] })) }),
  });
  mount.json(routes.reminderPreview, {
    auth: o.caller,
    handle: async ({ caller, params }) => {
      const view = await previewReminderRule(o.deps, { actor: caller, ruleId: params.ruleId });
      return { body: { ruleId: view.ruleId, card: o.renderCard(view) } };
    },
  });
  mount.json(routes.myReminders, { auth: o.caller, handle: async ({ caller }) => ({ body: encodeMyReminders(await viewMyReminders(o.deps, caller)) }) });
  mount.json(routes.changeMyReminderPreferences, { auth: o.caller, handle: async ({ caller, body }) => ({ body: encodeMyReminders(await changeMyReminderPreferences(o.deps, { actor: caller, change: body })) }) });
  mount.json(routes.unmuteReminderRule, { auth: o.caller, handle: async ({ caller, params }) => ({ body: encodeMyReminders(await unmuteMyReminderRule(o.deps, { actor: caller, ruleId: params.ruleId })) }) });
  mount.json(routes.cancelReminderSnoozes, { auth: o.caller, handle: async ({ caller, params }) => ({ body: encodeMyReminders(await cancelMySnoozes(o.deps, { actor: caller, ruleId: params.ruleId })) }) });
}
