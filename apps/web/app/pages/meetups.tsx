import { useState } from 'react';
import { CancelRsvpDocument, MeetupAttendeesDocument, RsvpDocument, UpcomingMeetupsDocument, type MeetupFieldsFragment } from '../api/generated';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { formatDateTime } from '../lib/time';
import { Badge, Empty, ErrorMessage, FormError, Loading, Page } from '../ui/kit';

export function MeetupsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('meetups.title')}>
      <p className="lead">{t('meetups.lead')}</p>
      <MeetupList communityId={null} />
    </Page>
  );
}

export function MeetupList({ communityId }: { communityId: string | null }) {
  const { t } = useI18n();
  const [after, setAfter] = useState<string | null>(null);
  const meetups = useQuery(UpcomingMeetupsDocument, { communityId, first: 20, after });
  const page = meetups.data?.upcomingMeetups;
  return (
    <>
      {meetups.loading && !page && <Loading />}
      <ErrorMessage error={meetups.error} retry={() => void meetups.reload()} />
      {page && page.edges.length === 0 && <Empty>{t('meetups.empty')}</Empty>}
      <ul className="cards">
        {page?.edges.map(({ node }) => (
          <MeetupCard key={node.id} meetup={node} />
        ))}
      </ul>
      {page?.pageInfo.hasNextPage && (
        <button type="button" className="secondary" onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}

function MeetupCard({ meetup: initial }: { meetup: MeetupFieldsFragment }) {
  const { t, locale, timeZone } = useI18n();
  const [meetup, setMeetup] = useState(initial);
  const rsvp = useMutation(RsvpDocument);
  const cancel = useMutation(CancelRsvpDocument);
  const [showAttendees, setShowAttendees] = useState(false);
  const mine = meetup.viewerRsvp && meetup.viewerRsvp.status !== 'CANCELLED' ? meetup.viewerRsvp : null;
  const full = meetup.goingCount >= meetup.capacity;
  const titleId = `meetup-${meetup.id}`;

  return (
    <li className="card meetup" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {meetup.title} <Badge>{t(`meetupKind.${meetup.kind}`)}</Badge>
      </h3>
      <p>
        <strong>{formatDateTime(meetup.startsAt, locale, timeZone)}</strong>
        {meetup.timeZone !== timeZone && <span className="muted"> · {t('meetups.localTime', { time: formatDateTime(meetup.startsAt, locale, meetup.timeZone) })}</span>}
      </p>
      <p className="muted">
        {meetup.community.name}
        {meetup.location && ` · ${meetup.location}`}
        {meetup.onlineUrl && (
          <>
            {' · '}
            <a href={meetup.onlineUrl} rel="noopener noreferrer" target="_blank">
              {t('meetups.online')}
            </a>
          </>
        )}
      </p>
      {meetup.description && <p>{meetup.description}</p>}
      <p>
        {t('meetups.going', { going: meetup.goingCount, capacity: meetup.capacity })}
        {meetup.waitlistCount > 0 && ` · ${t('meetups.waiting', { count: meetup.waitlistCount })}`}
        {full && !mine && ` · ${t('meetups.full')}`}
      </p>
      <div aria-live="polite">
        {mine?.status === 'GOING' && <p className="alert success">{t('meetups.youGo')}</p>}
        {mine?.status === 'WAITLISTED' && <p className="alert info">{t('meetups.youWait', { position: mine.waitlistPosition ?? '?' })}</p>}
      </div>
      <FormError error={rsvp.error ?? cancel.error} shown={[]} />
      <div className="actions">
        {!mine && meetup.rsvpOpen && (
          <button
            type="button"
            disabled={rsvp.loading}
            onClick={async () => {
              const data = await rsvp.run({ meetupId: meetup.id });
              if (data) setMeetup(data.rsvp.meetup);
            }}
          >
            {full ? t('meetups.joinWaitlist') : t('meetups.rsvp')}
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="secondary"
            disabled={cancel.loading}
            onClick={async () => {
              const data = await cancel.run({ meetupId: meetup.id });
              if (data) setMeetup(data.cancelRsvp.meetup);
            }}
          >
            {mine.status === 'GOING' ? t('meetups.cancelRsvp') : t('meetups.leaveWaitlist')}
          </button>
        )}
        {meetup.community.viewerIsOrganizer && (
          <button type="button" className="secondary" aria-expanded={showAttendees} onClick={() => setShowAttendees(!showAttendees)}>
            {t('meetups.attendees')}
          </button>
        )}
      </div>
      {showAttendees && <Attendees meetupId={meetup.id} />}
    </li>
  );
}

function Attendees({ meetupId }: { meetupId: string }) {
  const { t } = useI18n();
  const attendees = useQuery(MeetupAttendeesDocument, { id: meetupId });
  const list = attendees.data?.meetup.attendees ?? [];
  const going = list.filter((a) => a.status === 'GOING');
  const waiting = list.filter((a) => a.status === 'WAITLISTED').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  if (attendees.loading && !attendees.data) return <Loading />;
  return (
    <div className="columns">
      <ErrorMessage error={attendees.error} />
      <section>
        <h4>{t('meetups.goingList', { count: going.length })}</h4>
        {going.length === 0 ? <Empty>{t('meetups.nobody')}</Empty> : <ul>{going.map((a) => <li key={a.user.id}>{a.user.displayName}</li>)}</ul>}
      </section>
      <section>
        <h4>{t('meetups.waitlist', { count: waiting.length })}</h4>
        {waiting.length === 0 ? (
          <Empty>{t('meetups.nobody')}</Empty>
        ) : (
          <ol>
            {waiting.map((a) => (
              <li key={a.user.id}>{a.user.displayName}</li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
