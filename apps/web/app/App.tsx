import { ReactNode, useState } from 'react';
import { useAuth } from './lib/auth';
import { LOCALES, type Locale, useI18n } from './lib/i18n';
import { Link, Redirect, matchPath, navigate, usePath } from './lib/router';
import { HomePage, NotificationsPage, SettingsPage } from './pages/account';
import { SignInPage, SignUpPage } from './pages/auth';
import { AvailabilityPage } from './pages/availability';
import { CohortPage } from './pages/cohort';
import { CommunitiesPage, CommunityPage } from './pages/communities';
import { MeetupsPage } from './pages/meetups';
import { MentorProfilePage } from './pages/mentor-profile';
import { RecommendationsPage } from './pages/mentors';
import { ReferralsPage } from './pages/referrals';
import { RequestsPage } from './pages/requests';
import { SessionsPage } from './pages/sessions';
import { SwitcherProfilePage } from './pages/switcher-profile';
import { Loading, Page } from './ui/kit';

type Route = [pattern: string, render: (params: Record<string, string>) => ReactNode];

const ROUTES: Route[] = [
  ['/', () => <HomePage />],
  ['/profile', () => <SwitcherProfilePage />],
  ['/mentors', () => <RecommendationsPage />],
  ['/requests', () => <RequestsPage />],
  ['/sessions', () => <SessionsPage />],
  ['/availability', () => <AvailabilityPage />],
  ['/mentor-profile', () => <MentorProfilePage />],
  ['/communities', () => <CommunitiesPage />],
  ['/communities/:id', ({ id }) => <CommunityPage key={id} id={id} />],
  ['/cohorts/:id', ({ id }) => <CohortPage key={id} id={id} />],
  ['/meetups', () => <MeetupsPage />],
  ['/referrals', () => <ReferralsPage />],
  ['/notifications', () => <NotificationsPage />],
  ['/settings', () => <SettingsPage />],
];

function Routes() {
  const path = usePath();
  const { t } = useI18n();
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <>{render(params)}</>;
  }
  return (
    <Page title={t('notFound.title')}>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}

function Navigation() {
  const { t } = useI18n();
  const { viewer, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  if (!viewer) return null;
  const has = (role: string) => viewer.roles.includes(role as never);
  const items: [string, string, boolean][] = [
    ['/', t('nav.home'), true],
    ['/profile', t('nav.profile'), has('SWITCHER')],
    ['/mentors', t('nav.mentors'), has('SWITCHER')],
    ['/mentor-profile', t('nav.mentorProfile'), has('MENTOR')],
    ['/availability', t('nav.availability'), has('MENTOR')],
    ['/requests', t('nav.requests'), has('SWITCHER') || has('MENTOR')],
    ['/sessions', t('nav.sessions'), has('SWITCHER') || has('MENTOR')],
    ['/communities', t('nav.communities'), true],
    ['/meetups', t('nav.meetups'), true],
    ['/referrals', t('nav.referrals'), has('SWITCHER') || has('MENTOR')],
    ['/notifications', t('nav.notifications'), true],
    ['/settings', t('nav.settings'), true],
  ];
  return (
    <nav aria-label={t('nav.label')}>
      <button type="button" className="menu-toggle secondary" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
        {t('nav.menu')}
      </button>
      <ul id="main-nav" className={open ? 'open' : undefined} onClick={() => setOpen(false)}>
        {items
          .filter(([, , show]) => show)
          .map(([to, label]) => (
            <li key={to}>
              <Link to={to}>{label}</Link>
            </li>
          ))}
        <li>
          <button
            type="button"
            className="link"
            onClick={async () => {
              await signOut();
              navigate('/signin');
            }}
          >
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}

function LocaleSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('settings.language')}</span>
      <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locale.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const { viewer, loading } = useAuth();
  const { t } = useI18n();
  const path = usePath();
  const publicPage = path === '/signin' || path === '/signup';

  let main: ReactNode;
  if (loading) main = <Loading />;
  else if (!viewer && !publicPage) {
    // Keep where the user was going, and come back after sign-in.
    main = <Redirect to={`/signin${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`} />;
  } else if (viewer && publicPage) {
    main = <Redirect to="/" />;
  } else main = path === '/signin' ? <SignInPage /> : path === '/signup' ? <SignUpPage /> : <Routes />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Switchyard
        </Link>
        <LocaleSwitch />
        <Navigation />
      </header>
      <main id="main">{main}</main>
    </>
  );
}
