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

/** The tab's supervision page of one enrolment, for the link in a meeting invitation: in Teams when the app id is known, else on the web. */
export function supervisionLink(s: LinkSettings, enrolmentId: string): string | null {
  const page = `supervision/${enrolmentId}`;
  const web = s.publicUrl ? `${s.publicUrl.replace(/\/+$/, '')}/tab/index.html#/${page}` : null;
  if (!s.teamsAppId) return web;
  const params = new URLSearchParams({ label: 'Supervision', context: JSON.stringify({ subEntityId: page }) });
  if (web) params.set('webUrl', web);
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(s.teamsAppId)}/${homeTabEntityId}?${params.toString()}`;
}

export function uploadLink(s: LinkSettings): { url: string; opensInTeams: boolean } | null {
  const web = s.publicUrl ? `${s.publicUrl.replace(/\/+$/, '')}/tab/index.html#/${uploadPage}` : null;
  if (s.teamsAppId) {
    const params = new URLSearchParams({ label: 'Upload a clip', context: JSON.stringify({ subEntityId: uploadPage }) });
    if (web) params.set('webUrl', web);
    return { url: `https://teams.microsoft.com/l/entity/${encodeURIComponent(s.teamsAppId)}/${homeTabEntityId}?${params.toString()}`, opensInTeams: true };
  }
  return web ? { url: web, opensInTeams: false } : null;
}

/** The tab's page of one clip (`#/clips/{enrolment}/{clip}`): in Teams when the app id is known, else on the web. */
export function clipLink(s: LinkSettings, enrolmentId: string, clipId: string): string | null {
  const page = `clips/${encodeURIComponent(enrolmentId)}/${encodeURIComponent(clipId)}`;
  const web = s.publicUrl ? `${s.publicUrl.replace(/\/+$/, '')}/tab/index.html#/${page}` : null;
  if (!s.teamsAppId) return web;
  const params = new URLSearchParams({ label: 'Clip', context: JSON.stringify({ subEntityId: page }) });
  if (web) params.set('webUrl', web);
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(s.teamsAppId)}/${homeTabEntityId}?${params.toString()}`;
}
