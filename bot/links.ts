/**
 * Links from the bot into the tab. With the Teams app id, a deep link opens the Attune tab inside Teams on
 * the upload page (the tab reads `subEntityId` = "upload" from its Teams context, `page.subPageId` in teams-js);
 * with only the public URL, a plain link opens the tab in a browser at its `#/upload` route.
 */
export interface LinkSettings {
  /** PUBLIC_URL: the https base URL people reach Attune at. */
  readonly publicUrl: string | null;
  /** TEAMS_APP_ID: the app manifest's id, which Teams deep links name. */
  readonly teamsAppId: string | null;
}

/** The personal tab's entityId in appPackage/manifest.json. */
export const homeTabEntityId = 'home';
export const uploadPage = 'upload';

/**
 * A page of the tab (its hash route, e.g. `supervision/e1`): a Teams deep link to the personal tab with the page
 * as `subEntityId` when the app id is known (and the web address as its fallback), else the web address.
 */
function tabPageLink(s: LinkSettings, page: string, label: string): { url: string; opensInTeams: boolean } | null {
  const web = s.publicUrl ? `${s.publicUrl.replace(/\/+$/, '')}/tab/index.html#/${page}` : null;
  if (!s.teamsAppId) return web ? { url: web, opensInTeams: false } : null;
  const params = new URLSearchParams({ label, context: JSON.stringify({ subEntityId: page }) });
  if (web) params.set('webUrl', web);
  return { url: `https://teams.microsoft.com/l/entity/${encodeURIComponent(s.teamsAppId)}/${homeTabEntityId}?${params.toString()}`, opensInTeams: true };
}

/** The tab's supervision page of one enrolment, for the link in a meeting invitation. */
export const supervisionLink = (s: LinkSettings, enrolmentId: string): string | null => tabPageLink(s, `supervision/${enrolmentId}`, 'Supervision')?.url ?? null;

export const uploadLink = (s: LinkSettings): { url: string; opensInTeams: boolean } | null => tabPageLink(s, uploadPage, 'Upload a clip');

/** The tab's page of one clip (`#/clips/{enrolment}/{clip}`). */
export const clipLink = (s: LinkSettings, enrolmentId: string, clipId: string): string | null => tabPageLink(s, `clips/${encodeURIComponent(enrolmentId)}/${encodeURIComponent(clipId)}`, 'Clip')?.url ?? null;

/** The service admin's reminders page (`#/admin/reminders`): what was sent, waiting, and who cannot be reached. */
export const adminRemindersLink = (s: LinkSettings): string | null => tabPageLink(s, 'admin/reminders', 'Reminders')?.url ?? null;
