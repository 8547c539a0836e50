import { useState } from 'react';
import { MyRequestsDocument, RespondToRequestDocument, WithdrawRequestDocument, type MyRequestsQuery, type RequestStatus } from '../api/generated';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { Badge, Empty, ErrorMessage, FormError, Loading, Page, TextField, fieldError } from '../ui/kit';

type Request = MyRequestsQuery['myMentorshipRequests'][number];

const TONE: Record<RequestStatus, 'neutral' | 'good' | 'warn' | 'bad'> = { PENDING: 'warn', ACCEPTED: 'good', DECLINED: 'bad', WITHDRAWN: 'neutral', EXPIRED: 'neutral' };

export function RequestsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const requests = useQuery(MyRequestsDocument, {});
  const all = requests.data?.myMentorshipRequests ?? [];
  const incoming = all.filter((r) => r.mentor.id === viewer.id);
  const outgoing = all.filter((r) => r.switcher.id === viewer.id);
  const isMentor = viewer.roles.includes('MENTOR');
  const isSwitcher = viewer.roles.includes('SWITCHER');

  return (
    <Page title={t('requests.title')}>
      {requests.loading && !requests.data && <Loading />}
      <ErrorMessage error={requests.error} retry={() => void requests.reload()} />
      {requests.data && isMentor && (
        <section aria-labelledby="incoming-title">
          <h2 id="incoming-title">{t('requests.incoming')}</h2>
          {incoming.length === 0 ? <Empty>{t('requests.noIncoming')}</Empty> : (
            <ul className="cards">
              {incoming.map((r) => <IncomingRequest key={r.id} request={r} onChange={() => void requests.reload()} />)}
            </ul>
          )}
        </section>
      )}
      {requests.data && isSwitcher && (
        <section aria-labelledby="outgoing-title">
          <h2 id="outgoing-title">{t('requests.outgoing')}</h2>
          {outgoing.length === 0 ? (
            <Empty>
              {t('requests.noOutgoing')} <Link to="/mentors">{t('nav.mentors')}</Link>
            </Empty>
          ) : (
            <ul className="cards">
              {outgoing.map((r) => <OutgoingRequest key={r.id} request={r} onChange={() => void requests.reload()} />)}
            </ul>
          )}
        </section>
      )}
    </Page>
  );
}

function IncomingRequest({ request, onChange }: { request: Request; onChange(): void }) {
  const { t, locale, timeZone } = useI18n();
  const respond = useMutation(RespondToRequestDocument);
  const [note, setNote] = useState('');
  const answer = async (accept: boolean) => {
    if (await respond.run({ requestId: request.id, accept, note: note || null })) onChange();
  };
  return (
    <li className="card" aria-label={t('requests.from', { name: request.switcher.displayName })}>
      <h3>
        {request.switcher.displayName} <Badge tone={TONE[request.status]}>{t(`requestStatus.${request.status}`)}</Badge>
      </h3>
      <p className="muted">
        {t('requests.sent', { when: formatDateTime(request.createdAt, locale, timeZone) })} · {request.switcher.timeZone.replace(/_/g, ' ')}
      </p>
      {request.message && <blockquote>{request.message}</blockquote>}
      {request.status === 'PENDING' && (
        <>
          <p className="muted">{t('requests.expires', { when: formatDateTime(request.expiresAt, locale, timeZone) })}</p>
          <TextField label={t('requests.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={fieldError(respond.error, 'note')} />
          <FormError error={respond.error} shown={['note']} />
          <div className="actions">
            <button type="button" disabled={respond.loading} onClick={() => void answer(true)}>
              {t('requests.accept')}
            </button>
            <button type="button" className="secondary" disabled={respond.loading} onClick={() => void answer(false)}>
              {t('requests.decline')}
            </button>
          </div>
        </>
      )}
      {request.mentorship && <Link to="/sessions">{t('requests.toSessions')}</Link>}
    </li>
  );
}

function OutgoingRequest({ request, onChange }: { request: Request; onChange(): void }) {
  const { t, locale, timeZone } = useI18n();
  const withdraw = useMutation(WithdrawRequestDocument);
  return (
    <li className="card" aria-label={t('requests.to', { name: request.mentor.displayName })}>
      <h3>
        {request.mentor.displayName} <Badge tone={TONE[request.status]}>{t(`requestStatus.${request.status}`)}</Badge>
      </h3>
      <p className="muted">{t('requests.sent', { when: formatDateTime(request.createdAt, locale, timeZone) })}</p>
      {request.responseNote && <blockquote>{request.responseNote}</blockquote>}
      <FormError error={withdraw.error} shown={[]} />
      {request.status === 'PENDING' && (
        <button type="button" className="secondary" disabled={withdraw.loading} onClick={async () => (await withdraw.run({ requestId: request.id })) && onChange()}>
          {t('requests.withdraw')}
        </button>
      )}
      {request.mentorship && <Link to="/sessions">{t('requests.book')}</Link>}
    </li>
  );
}
