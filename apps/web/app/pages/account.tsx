import { FormEvent, useEffect, useState } from 'react';
import {
  MarkNotificationsReadDocument,
  MyCohortEnrollmentsDocument,
  NotificationsDocument,
  RotateCalendarFeedUrlDocument,
  SettingsDocument,
  UpdateMeDocument,
  UpdateNotificationPreferencesDocument,
  type SettingsQuery,
} from '../api/generated';
import { useAuth, useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { LOCALES, type Locale, useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { formatDate, formatDateTime, weekdayName } from '../lib/time';
import { Badge, Checkbox, Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextField, fieldError } from '../ui/kit';
import { TimeZoneField } from './auth';

export function HomePage() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const enrollments = useQuery(MyCohortEnrollmentsDocument, {});
  const links: [string, string, boolean][] = [
    ['/profile', t('home.profile'), viewer.roles.includes('SWITCHER')],
    ['/mentors', t('home.mentors'), viewer.roles.includes('SWITCHER')],
    ['/mentor-profile', t('home.mentorProfile'), viewer.roles.includes('MENTOR')],
    ['/availability', t('home.availability'), viewer.roles.includes('MENTOR')],
    ['/requests', t('home.requests'), viewer.roles.includes('SWITCHER') || viewer.roles.includes('MENTOR')],
    ['/sessions', t('home.sessions'), viewer.roles.includes('SWITCHER') || viewer.roles.includes('MENTOR')],
    ['/communities', t('home.communities'), true],
    ['/meetups', t('home.meetups'), true],
    ['/referrals', t('home.referrals'), viewer.roles.includes('SWITCHER') || viewer.roles.includes('MENTOR')],
  ];
  return (
    <Page title={t('home.title', { name: viewer.displayName })}>
      <ul className="tiles">
        {links
          .filter(([, , show]) => show)
          .map(([to, label]) => (
            <li key={to}>
              <Link to={to}>{label}</Link>
            </li>
          ))}
      </ul>
      <section aria-labelledby="my-cohorts">
        <h2 id="my-cohorts">{t('home.cohorts')}</h2>
        {enrollments.loading && !enrollments.data && <Loading />}
        <ErrorMessage error={enrollments.error} retry={() => void enrollments.reload()} />
        {enrollments.data?.myCohortEnrollments.length === 0 && <Empty>{t('home.noCohorts')}</Empty>}
        <ul>
          {enrollments.data?.myCohortEnrollments.map((e) => (
            <li key={e.id}>
              <Link to={`/cohorts/${e.cohort.id}`}>{e.cohort.name}</Link> ({e.cohort.community.name}, {formatDate(e.cohort.startsOn, locale)}) ·{' '}
              <Badge>{t(`enrollmentStatus.${e.status}`)}</Badge>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const settings = useQuery(SettingsDocument, {});
  return (
    <Page title={t('settings.title')}>
      <div className="columns">
        <AccountForm />
        <div>
          {settings.loading && !settings.data && <Loading />}
          <ErrorMessage error={settings.error} retry={() => void settings.reload()} />
          {settings.data && <Preferences initial={settings.data.notificationPreferences} />}
          {settings.data && <CalendarFeed url={settings.data.me.calendarFeedUrl ?? null} />}
        </div>
      </div>
    </Page>
  );
}

function AccountForm() {
  const { t, setLocale } = useI18n();
  const viewer = useViewer();
  const { setViewer } = useAuth();
  const update = useMutation(UpdateMeDocument);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({ displayName: viewer.displayName, timeZone: viewer.timeZone, locale: viewer.locale, languages: viewer.languages.join(', ') });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const languages = form.languages.split(/[,\s]+/).filter(Boolean);
    const data = await update.run({ input: { displayName: form.displayName, timeZone: form.timeZone, locale: form.locale, languages } });
    if (data) {
      setSaved(true);
      setViewer(data.updateMe);
      if (data.updateMe.locale === 'en' || data.updateMe.locale === 'zh-CN') void setLocale(data.updateMe.locale as Locale);
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="account-title">
      <h2 id="account-title">{t('settings.account')}</h2>
      <TextField label={t('auth.displayName')} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} error={fieldError(update.error, 'input.displayName')} />
      <p className="muted">
        {t('auth.email')}: {viewer.email}
      </p>
      <TimeZoneField label={t('auth.timeZone')} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} error={fieldError(update.error, 'input.timeZone')} />
      <SelectField label={t('settings.language')} value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value })} error={fieldError(update.error, 'input.locale')}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`locale.${l}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('settings.languages')} value={form.languages} hint={t('settings.languagesHint')} onChange={(e) => setForm({ ...form, languages: e.target.value })} error={fieldError(update.error, 'input.languages')} />
      <FormError error={update.error} shown={['input.displayName', 'input.timeZone', 'input.locale', 'input.languages']} />
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={update.loading}>
        {t('common.save')}
      </button>
    </form>
  );
}

type Prefs = SettingsQuery['notificationPreferences'];

function Preferences({ initial }: { initial: Prefs }) {
  const { t, locale } = useI18n();
  const update = useMutation(UpdateNotificationPreferencesDocument);
  const [prefs, setPrefs] = useState<Prefs>(initial);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [prefs]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await update.run({ input: prefs });
    if (data) {
      setPrefs(data.updateNotificationPreferences);
      setSaved(true);
    }
  };
  const toggle = (key: 'referralDigest' | 'meetupDigest' | 'sessionReminders' | 'emailNotifications') => (
    <Checkbox label={t(`prefs.${key}`)} checked={prefs[key]} onChange={(e) => setPrefs({ ...prefs, [key]: e.target.checked })} />
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('prefs.title')}</h2>
      {toggle('emailNotifications')}
      {toggle('sessionReminders')}
      {toggle('referralDigest')}
      {toggle('meetupDigest')}
      <div className="inline">
        <SelectField label={t('prefs.weekday')} value={prefs.digestWeekday} onChange={(e) => setPrefs({ ...prefs, digestWeekday: Number(e.target.value) })} error={fieldError(update.error, 'input.digestWeekday')}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <option key={d} value={d}>
              {weekdayName(d, locale, 'long')}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('prefs.hour')} value={prefs.digestHour} onChange={(e) => setPrefs({ ...prefs, digestHour: Number(e.target.value) })} error={fieldError(update.error, 'input.digestHour')}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, '0')}:00
            </option>
          ))}
        </SelectField>
      </div>
      <p className="hint">{t('prefs.hint')}</p>
      <FormError error={update.error} shown={['input.digestWeekday', 'input.digestHour']} />
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={update.loading}>
        {t('common.save')}
      </button>
    </form>
  );
}

function CalendarFeed({ url: initial }: { url: string | null }) {
  const { t } = useI18n();
  const [url, setUrl] = useState(initial);
  const rotate = useMutation(RotateCalendarFeedUrlDocument);
  const [copied, setCopied] = useState(false);
  return (
    <section className="card" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      <p className="hint">{t('feed.hint')}</p>
      {url && <TextField label={t('feed.url')} value={url} readOnly onFocus={(e) => e.target.select()} />}
      <FormError error={rotate.error} shown={[]} />
      <div className="actions">
        {url && (
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(url).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('feed.copied') : t('feed.copy')}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={rotate.loading}
          onClick={async () => {
            const data = await rotate.run({});
            if (data) {
              setUrl(data.rotateCalendarFeedUrl);
              setCopied(false);
            }
          }}
        >
          {t('feed.rotate')}
        </button>
      </div>
    </section>
  );
}

export function NotificationsPage() {
  const { t, locale, timeZone } = useI18n();
  const notifications = useQuery(NotificationsDocument, { first: 50, unreadOnly: false });
  const mark = useMutation(MarkNotificationsReadDocument);
  const list = notifications.data?.notifications ?? [];
  const unread = list.filter((n) => !n.readAt).map((n) => n.id);
  return (
    <Page
      title={t('notifications.title')}
      actions={
        unread.length > 0 ? (
          <button type="button" className="secondary" disabled={mark.loading} onClick={async () => (await mark.run({ ids: unread })) != null && void notifications.reload()}>
            {t('notifications.markAll')}
          </button>
        ) : undefined
      }
    >
      <p className="muted">
        <Link to="/settings">{t('notifications.prefs')}</Link>
      </p>
      {notifications.loading && !notifications.data && <Loading />}
      <ErrorMessage error={notifications.error ?? mark.error} retry={() => void notifications.reload()} />
      {notifications.data && list.length === 0 && <Empty>{t('notifications.empty')}</Empty>}
      <ul className="cards">
        {list.map((n) => (
          <li key={n.id} className={`card${n.readAt ? '' : ' unread'}`}>
            <h2 className="h3">
              {n.title} {!n.readAt && <Badge tone="warn">{t('notifications.new')}</Badge>}
            </h2>
            <p>{n.body}</p>
            <p className="muted">{formatDateTime(n.createdAt, locale, timeZone)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
