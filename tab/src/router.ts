import { useSyncExternalStore } from 'react';

/**
 * Where the person is in the tab, kept in the URL's hash (`#/clips/{enrolment}/{clip}`): Teams keeps the tab's
 * own URL, the browser's back button works, and the server serves one page for every view. Ids in the hash
 * are opaque record ids — never names, case codes or tokens.
 */
export type View =
  | { readonly page: 'home' }
  | { readonly page: 'practice' }
  | { readonly page: 'upload'; readonly caseId: string | null; readonly cycleId: string | null }
  | { readonly page: 'clip'; readonly enrolmentId: string; readonly clipId: string; readonly at: number | null }
  | { readonly page: 'views' }
  | { readonly page: 'trainees' }
  | { readonly page: 'trainee'; readonly enrolmentId: string }
  | { readonly page: 'supervision'; readonly enrolmentId: string }
  | { readonly page: 'contracts' }
  | { readonly page: 'admin' }
  | { readonly page: 'pathways' }
  | { readonly page: 'audit' }
  /** The service admin's reminders: by state, per rule, the rules and their cards. */
  | { readonly page: 'admin-reminders' }
  /** A person's own reminders: what is coming, their reminder times, mutes. */
  | { readonly page: 'reminders' }
  /** The external supervisor's stage meetings: summaries, shared clips, sign-off. */
  | { readonly page: 'external' }
  | { readonly page: 'not-found' };

const id = /^[A-Za-z0-9_-]{1,100}$/;

export function parseView(hash: string): View {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const q = new URLSearchParams(search);
  const qid = (name: string): string | null => {
    const v = q.get(name);
    return v && id.test(v) ? v : null;
  };
  const [first, second, third] = parts;
  switch (first) {
    case undefined:
      return { page: 'home' };
    case 'practice':
      return { page: 'practice' };
    case 'upload':
      return { page: 'upload', caseId: qid('case'), cycleId: qid('cycle') };
    case 'clips': {
      const at = Number(q.get('at'));
      if (second && third && id.test(second) && id.test(third)) return { page: 'clip', enrolmentId: second, clipId: third, at: q.has('at') && Number.isFinite(at) && at >= 0 ? at : null };
      return { page: 'not-found' };
    }
    case 'views':
      return { page: 'views' };
    case 'trainees':
      if (second === undefined) return { page: 'trainees' };
      return id.test(second) ? { page: 'trainee', enrolmentId: second } : { page: 'not-found' };
    case 'supervision':
      return second && third === undefined && id.test(second) ? { page: 'supervision', enrolmentId: second } : { page: 'not-found' };
    case 'contracts':
      return { page: 'contracts' };
    case 'external':
      return { page: 'external' };
    case 'reminders':
      return second === undefined ? { page: 'reminders' } : { page: 'not-found' };
    case 'admin':
      if (second === undefined) return { page: 'admin' };
      if (second === 'pathways') return { page: 'pathways' };
      if (second === 'audit') return { page: 'audit' };
      if (second === 'reminders' && third === undefined) return { page: 'admin-reminders' };
      return { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

/** The hash for a view: the one place links are spelt. */
export function href(view: View): string {
  const e = encodeURIComponent;
  switch (view.page) {
    case 'home':
      return '#/';
    case 'practice':
      return '#/practice';
    case 'upload': {
      const q = new URLSearchParams();
      if (view.caseId) q.set('case', view.caseId);
      if (view.cycleId) q.set('cycle', view.cycleId);
      const s = q.toString();
      return `#/upload${s ? `?${s}` : ''}`;
    }
    case 'clip':
      return `#/clips/${e(view.enrolmentId)}/${e(view.clipId)}${view.at !== null ? `?at=${Math.round(view.at * 1000) / 1000}` : ''}`;
    case 'views':
      return '#/views';
    case 'trainees':
      return '#/trainees';
    case 'trainee':
      return `#/trainees/${e(view.enrolmentId)}`;
    case 'supervision':
      return `#/supervision/${e(view.enrolmentId)}`;
    case 'contracts':
      return '#/contracts';
    case 'admin':
      return '#/admin';
    case 'pathways':
      return '#/admin/pathways';
    case 'audit':
      return '#/admin/audit';
    case 'admin-reminders':
      return '#/admin/reminders';
    case 'reminders':
      return '#/reminders';
    case 'external':
      return '#/external';
    case 'not-found':
      return '#/';
  }
}

/**
 * The view a Teams deep link asks for: its `subEntityId` (teams-js `page.subPageId`) is a route without the
 * `#/`, e.g. "upload" or "supervision/{enrolmentId}" (see bot/links.ts). Null when it names no page.
 */
export function viewOfSubPage(subPageId: string | null): View | null {
  if (!subPageId) return null;
  const view = parseView(`#/${subPageId.replace(/^[#/]+/, '')}`);
  return view.page === 'not-found' || view.page === 'home' ? null : view;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current view; re-renders when the hash changes. */
export function useView(): View {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseView(hash);
}

export function navigate(view: View): void {
  window.location.hash = href(view);
}
