import { FormEvent, useMemo, useState } from 'react';
import {
  AvailableSlotsDocument,
  BookSessionDocument,
  CancelSessionDocument,
  MyMentorshipsDocument,
  MySessionsDocument,
  RescheduleSessionDocument,
  SubmitSessionFeedbackDocument,
  type SessionFieldsFragment,
} from '../api/generated';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { dayKey, formatDateTime, formatDay, formatTime } from '../lib/time';
import { Badge, Checkbox, Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextField, fieldError } from '../ui/kit';

const DAY = 86_400_000;

export function SessionsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  // Fixed for the page's life so the query does not re-run on every render.
  const range = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 90 * DAY).toISOString() }), []);
  const sessions = useQuery(MySessionsDocument, range);
  const mentorships = useQuery(MyMentorshipsDocument, {});
  const now = Date.now();
  const all = sessions.data?.mySessions ?? [];
  const upcoming = all.filter((s) => Date.parse(s.end) > now && s.status === 'SCHEDULED');
  const past = all.filter((s) => Date.parse(s.end) <= now && s.status !== 'CANCELLED').reverse();
  const asSwitcher = (mentorships.data?.myMentorships ?? []).filter((m) => m.switcher.id === viewer.id && m.status === 'ACTIVE');
  const reload = () => void Promise.all([sessions.reload(), mentorships.reload()]);

  return (
    <Page title={t('sessions.title')}>
      {(sessions.loading && !sessions.data) || (mentorships.loading && !mentorships.data) ? <Loading /> : null}
      <ErrorMessage error={sessions.error ?? mentorships.error} retry={reload} />
      {asSwitcher.length > 0 && (
        <section aria-labelledby="book-title">
          <h2 id="book-title">{t('sessions.book')}</h2>
          <ul className="cards">
            {asSwitcher.map((m) => (
              <li key={m.id} className="card">
                <BookWith mentorshipId={m.id} mentorId={m.mentor.id} mentorName={m.mentor.displayName} mentorTimeZone={m.mentor.timeZone} onBooked={reload} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {sessions.data && (
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{t('sessions.upcoming')}</h2>
          {upcoming.length === 0 ? (
            <Empty>
              {t('sessions.none')} {viewer.roles.includes('SWITCHER') && <Link to="/mentors">{t('nav.mentors')}</Link>}
            </Empty>
          ) : (
            <ul className="cards" aria-label={t('sessions.upcoming')}>
              {upcoming.map((s) => (
                <SessionCard key={s.id} session={s} onChange={reload} />
              ))}
            </ul>
          )}
        </section>
      )}
      {past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">{t('sessions.past')}</h2>
          <ul className="cards">
            {past.map((s) => (
              <PastSession key={s.id} session={s} />
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}

function BookWith({ mentorshipId, mentorId, mentorName, mentorTimeZone, onBooked }: { mentorshipId: string; mentorId: string; mentorName: string; mentorTimeZone: string; onBooked(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const book = useMutation(BookSessionDocument);
  const [booked, setBooked] = useState<SessionFieldsFragment | null>(null);
  // One key per opened picker: a retried click books once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  return (
    <>
      <h3>{t('sessions.with', { name: mentorName })}</h3>
      {booked && <Notice>{t('sessions.booked')}</Notice>}
      <FormError error={book.error} shown={[]} />
      {open ? (
        <SlotPicker
          mentorId={mentorId}
          mentorTimeZone={mentorTimeZone}
          busy={book.loading}
          onCancel={() => setOpen(false)}
          onPick={async (start) => {
            const data = await book.run({ mentorshipId, start, idempotencyKey: key });
            if (data) {
              setBooked(data.bookSession);
              setOpen(false);
              setKey(crypto.randomUUID());
              onBooked();
            }
          }}
        />
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t('sessions.findSlot', { name: mentorName })}
        </button>
      )}
    </>
  );
}

/** Open slots of the next two weeks, shown in the viewer's zone with the mentor's wall time beside each. */
function SlotPicker({ mentorId, mentorTimeZone, onPick, onCancel, busy }: { mentorId: string; mentorTimeZone: string; onPick(start: string): void; onCancel(): void; busy: boolean }) {
  const { t, locale, timeZone } = useI18n();
  const range = useMemo(() => ({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString() }), []);
  const slots = useQuery(AvailableSlotsDocument, { mentorId, ...range, timeZone });
  const days = useMemo(() => {
    const byDay = new Map<string, { start: string; end: string }[]>();
    for (const slot of slots.data?.availableSlots ?? []) {
      const key = dayKey(slot.start, timeZone);
      byDay.set(key, [...(byDay.get(key) ?? []), slot]);
    }
    return [...byDay.values()];
  }, [slots.data, timeZone]);
  const sameZone = mentorTimeZone === timeZone;

  return (
    <div className="slots" role="group" aria-label={t('sessions.slots')}>
      <p className="hint">{sameZone ? t('sessions.slotsHintSame', { zone: timeZone }) : t('sessions.slotsHint', { zone: timeZone, mentorZone: mentorTimeZone })}</p>
      {slots.loading && <Loading />}
      <ErrorMessage error={slots.error} retry={() => void slots.reload()} />
      {slots.data && days.length === 0 && <Empty>{t('sessions.noSlots')}</Empty>}
      {days.map((day) => (
        <div key={day[0].start} className="slot-day">
          <h4>{formatDay(day[0].start, locale, timeZone)}</h4>
          <ul className="slot-list">
            {day.map((slot) => (
              <li key={slot.start}>
                <button type="button" className="slot" disabled={busy} onClick={() => onPick(slot.start)} data-start={slot.start}>
                  <span className="slot-local">
                    {formatTime(slot.start, locale, timeZone)}–{formatTime(slot.end, locale, timeZone, true)}
                  </span>
                  {!sameZone && <span className="slot-other">{t('sessions.mentorTime', { time: formatTime(slot.start, locale, mentorTimeZone, true) })}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <button type="button" className="secondary" onClick={onCancel}>
        {t('common.close')}
      </button>
    </div>
  );
}

function SessionCard({ session, onChange }: { session: SessionFieldsFragment; onChange(): void }) {
  const { t, locale, timeZone } = useI18n();
  const viewer = useViewer();
  const other = session.mentor.id === viewer.id ? session.switcher : session.mentor;
  const [mode, setMode] = useState<'view' | 'reschedule' | 'cancel'>('view');
  const [reason, setReason] = useState('');
  const reschedule = useMutation(RescheduleSessionDocument);
  const cancel = useMutation(CancelSessionDocument);
  const otherZone = other.timeZone;

  return (
    <li className="card session" aria-label={t('sessions.with', { name: other.displayName })}>
      <h3>{t('sessions.with', { name: other.displayName })}</h3>
      <p>
        <strong>{formatDateTime(session.start, locale, timeZone)}</strong>
        {otherZone !== timeZone && <span className="muted"> · {t('sessions.theirTime', { name: other.displayName, time: formatDateTime(session.start, locale, otherZone) })}</span>}
      </p>
      <p className="muted">
        {t('sessions.minutes', { minutes: session.durationMinutes })} · <Badge>{t(`sessionStatus.${session.status}`)}</Badge> · <a href={session.icsUrl}>{t('sessions.ics')}</a>
      </p>
      <FormError error={reschedule.error ?? cancel.error} shown={['reason']} />
      {mode === 'view' && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setMode('reschedule')}>
            {t('sessions.reschedule')}
          </button>
          <button type="button" className="secondary" onClick={() => setMode('cancel')}>
            {t('sessions.cancel')}
          </button>
        </div>
      )}
      {mode === 'reschedule' && (
        <SlotPicker
          mentorId={session.mentor.id}
          mentorTimeZone={session.mentorTimeZone}
          busy={reschedule.loading}
          onCancel={() => setMode('view')}
          onPick={async (start) => {
            if (await reschedule.run({ sessionId: session.id, start })) {
              setMode('view');
              onChange();
            }
          }}
        />
      )}
      {mode === 'cancel' && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await cancel.run({ sessionId: session.id, reason: reason || null })) onChange();
          }}
        >
          <TextField label={t('sessions.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={fieldError(cancel.error, 'reason')} />
          <div className="actions">
            <button type="submit" className="danger" disabled={cancel.loading}>
              {t('sessions.confirmCancel')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              {t('common.back')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function PastSession({ session }: { session: SessionFieldsFragment }) {
  const { t, locale, timeZone } = useI18n();
  const viewer = useViewer();
  const other = session.mentor.id === viewer.id ? session.switcher : session.mentor;
  const feedback = useMutation(SubmitSessionFeedbackDocument);
  const [form, setForm] = useState({ rating: '5', comment: '', noShow: false });
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await feedback.run({ sessionId: session.id, rating: Number(form.rating), comment: form.comment || null, noShow: form.noShow })) setSent(true);
  };
  return (
    <li className="card">
      <h3>{t('sessions.with', { name: other.displayName })}</h3>
      <p>{formatDateTime(session.start, locale, timeZone)}</p>
      {sent ? (
        <Notice>{t('sessions.thanks')}</Notice>
      ) : (
        <form onSubmit={submit} aria-label={t('sessions.feedback')}>
          <SelectField label={t('sessions.rating')} value={form.rating} onChange={(e) => setForm({ ...form, rating: e.target.value })} error={fieldError(feedback.error, 'rating')}>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {'★'.repeat(n)} ({n})
              </option>
            ))}
          </SelectField>
          <TextField label={t('sessions.comment')} value={form.comment} maxLength={2000} onChange={(e) => setForm({ ...form, comment: e.target.value })} error={fieldError(feedback.error, 'comment')} />
          <Checkbox label={t('sessions.noShow', { name: other.displayName })} checked={form.noShow} onChange={(e) => setForm({ ...form, noShow: e.target.checked })} />
          <FormError error={feedback.error} shown={['rating', 'comment']} />
          <button type="submit" disabled={feedback.loading}>
            {t('sessions.sendFeedback')}
          </button>
        </form>
      )}
    </li>
  );
}
