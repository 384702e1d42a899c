import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { Api, Me, Role } from './api';
import { Loading } from './components/status';
import { href, useView, type View } from './router';
import { useShared } from './styles';

// Every page loads on demand: a person downloads only the pages their roles open.
const TraineeHome = lazy(() => import('./pages/trainee-home'));
const MyTrainees = lazy(() => import('./pages/my-trainees'));
const Practice = lazy(() => import('./pages/practice'));
const Upload = lazy(() => import('./pages/upload'));
const ClipPage = lazy(() => import('./pages/clip'));
const ClipViews = lazy(() => import('./pages/clip-views'));
const TraineePage = lazy(() => import('./pages/trainee'));
const Supervision = lazy(() => import('./pages/supervision'));
const Contracts = lazy(() => import('./pages/contracts'));
const AdminService = lazy(() => import('./pages/admin-service'));
const AdminPathways = lazy(() => import('./pages/admin-pathways'));
const AdminAudit = lazy(() => import('./pages/admin-audit'));
const External = lazy(() => import('./pages/external'));
const AdminReminders = lazy(() => import('./pages/admin-reminders'));
const MyReminders = lazy(() => import('./pages/my-reminders'));

interface NavItem {
  readonly label: string;
  readonly view: View;
  readonly pages: readonly View['page'][];
}

/** Everyone Attune reminds sees what it will remind them of. */
const myReminders: NavItem = { label: 'My reminders', view: { page: 'reminders' }, pages: ['reminders'] };

const navByRole: Record<Role, readonly NavItem[]> = {
  trainee: [
    { label: 'Cases and clips', view: { page: 'practice' }, pages: ['practice', 'clip'] },
    { label: 'Upload', view: { page: 'upload', caseId: null, cycleId: null }, pages: ['upload'] },
    { label: 'Who viewed my clips', view: { page: 'views' }, pages: ['views'] },
    { label: 'Contract', view: { page: 'contracts' }, pages: ['contracts'] },
    myReminders,
  ],
  supervisor: [
    { label: 'Trainees', view: { page: 'trainees' }, pages: ['trainees', 'trainee', 'clip', 'supervision'] },
    { label: 'Contracts', view: { page: 'contracts' }, pages: ['contracts'] },
    myReminders,
  ],
  line_manager: [
    { label: 'Contracts', view: { page: 'contracts' }, pages: ['contracts'] },
    { label: 'Reports', view: { page: 'trainees' }, pages: ['trainees', 'supervision'] },
    myReminders,
  ],
  service_admin: [
    { label: 'Service settings', view: { page: 'admin' }, pages: ['admin'] },
    { label: 'Pathways', view: { page: 'pathways' }, pages: ['pathways'] },
    { label: 'Audit log', view: { page: 'audit' }, pages: ['audit'] },
    { label: 'Reminders', view: { page: 'admin-reminders' }, pages: ['admin-reminders'] },
    myReminders,
  ],
  external_supervisor: [{ label: 'Stage meetings', view: { page: 'external' }, pages: ['external', 'clip'] }],
};

function navItems(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [{ label: 'Home', view: { page: 'home' }, pages: ['home'] }];
  for (const role of roles) {
    for (const item of navByRole[role]) {
      const existing = items.findIndex((i) => i.label === item.label || href(i.view) === href(item.view));
      if (existing === -1) items.push(item);
    }
  }
  return items;
}

/** Pages a role opens from links rather than the navigation: a trainee's supervision is reached from their home. */
const offNavByRole: Record<Role, readonly View['page'][]> = { trainee: ['supervision'], supervisor: [], line_manager: [], service_admin: [], external_supervisor: [] };

/** Which pages a person's roles open: the server still decides what each page may show. */
const pagesFor = (roles: readonly Role[]): Set<View['page']> => new Set(['home', 'not-found', ...roles.flatMap((r) => [...navByRole[r].flatMap((i) => i.pages), ...offNavByRole[r]])]);

/** The tab's navigation: links (not tabs), with the current page marked for screen readers. */
export function Nav({ me }: { me: Me }) {
  const styles = useStyles();
  const view = useView();
  const items = navItems(me.roles);
  const current = items.find((i) => href(i.view) === href(view)) ?? items.find((i) => i.pages.includes(view.page) && i.view.page !== 'home');
  return (
    <nav aria-label="Attune" className={styles.nav}>
      <ul className={styles.navList}>
        {items.map((item) => (
          <li key={item.label}>
            <a href={href(item.view)} className={styles.navLink} aria-current={item === current || (view.page === 'home' && item.view.page === 'home') ? 'page' : undefined} data-testid={`nav-${item.view.page}`}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page for the current route, loaded on demand; after a navigation, focus moves to its heading. */
export function Pages({ api, me }: { api: Api; me: Me }) {
  const view = useView();
  const shared = useShared();
  const key = href(view);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait for the lazy page to render its heading, then move focus there so a screen reader announces it.
    let tries = 0;
    const timer = window.setInterval(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1 || ++tries > 40) {
        window.clearInterval(timer);
        if (h1) {
          h1.tabIndex = -1;
          h1.focus({ preventScroll: false });
        }
      }
    }, 50);
    return () => window.clearInterval(timer);
  }, [key]);

  const allowed = pagesFor(me.roles);
  let page: ReactNode;
  if (!allowed.has(view.page)) {
    page = (
      <>
        <h1 className={shared.title}>Not available</h1>
        <p className={shared.text} data-testid="not-available">
          This page is not part of your roles in Attune. <a href={href({ page: 'home' })}>Go to your home page</a>.
        </p>
      </>
    );
  } else {
    page = <Page api={api} me={me} view={view} />;
  }
  return (
    <Suspense key={key} fallback={<Loading label="Loading…" />}>
      {page}
    </Suspense>
  );
}

function Page({ api, me, view }: { api: Api; me: Me; view: View }) {
  const shared = useShared();
  switch (view.page) {
    case 'home':
      return <Home api={api} me={me} />;
    case 'practice':
      return <Practice api={api} />;
    case 'upload':
      return <Upload api={api} caseId={view.caseId} cycleId={view.cycleId} />;
    case 'clip':
      return <ClipPage api={api} me={me} enrolmentId={view.enrolmentId} clipId={view.clipId} at={view.at} />;
    case 'views':
      return <ClipViews api={api} />;
    case 'trainees':
      return <MyTrainees api={api} me={me} standalone />;
    case 'trainee':
      return <TraineePage api={api} enrolmentId={view.enrolmentId} />;
    case 'supervision':
      return <Supervision api={api} me={me} enrolmentId={view.enrolmentId} />;
    case 'contracts':
      return <Contracts api={api} me={me} />;
    case 'admin':
      return <AdminService api={api} />;
    case 'pathways':
      return <AdminPathways api={api} />;
    case 'audit':
      return <AdminAudit api={api} />;
    case 'external':
      return <External api={api} />;
    case 'admin-reminders':
      return <AdminReminders api={api} />;
    case 'reminders':
      return <MyReminders api={api} />;
    case 'not-found':
      return (
        <>
          <h1 className={shared.title}>Page not found</h1>
          <p className={shared.text}>
            There is no such page in Attune. <a href={href({ page: 'home' })}>Go to your home page</a>.
          </p>
        </>
      );
  }
}

/** The first view: what each of the person's roles needs first. */
function Home({ api, me }: { api: Api; me: Me }) {
  const shared = useShared();
  const is = (r: Role): boolean => me.roles.includes(r);
  return (
    <>
      <h1 className={shared.title}>Hello, {me.displayName}</h1>
      {is('trainee') && <TraineeHome api={api} />}
      {(is('supervisor') || is('line_manager')) && <MyTrainees api={api} me={me} standalone={false} />}
      {is('line_manager') && <Contracts api={api} me={me} waitingOnly />}
      {is('service_admin') && <AdminService api={api} embedded />}
      {is('external_supervisor') && <External api={api} embedded />}
      {me.roles.length === 0 && (
        <p className={shared.text} data-testid="nothing-yet">
          There is nothing for you in Attune yet. When you enrol on a training pathway, or a trainee names you as their supervisor or line manager, it will
          appear here.
        </p>
      )}
    </>
  );
}

const useStyles = makeStyles({
  nav: { maxWidth: '1100px', margin: '0 auto', boxSizing: 'border-box', padding: `0 ${tokens.spacingHorizontalL}` },
  navList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  navLink: {
    ...typographyStyles.body1,
    display: 'inline-block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
    '&[aria-current="page"]': { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
  },
});
