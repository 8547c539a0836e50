import { FormEvent, useState } from 'react';
import { RecommendationsDocument, RequestMentorshipDocument, type RecommendationsQuery } from '../api/generated';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { Empty, ErrorMessage, FormError, Loading, Notice, Page, TextArea, fieldError } from '../ui/kit';

type Match = RecommendationsQuery['mentorRecommendations'][number];

export function RecommendationsPage() {
  const { t } = useI18n();
  const recommendations = useQuery(RecommendationsDocument, { first: 10 });
  const list = recommendations.data?.mentorRecommendations ?? [];
  return (
    <Page title={t('mentors.title')}>
      <p className="lead">{t('mentors.lead')}</p>
      {recommendations.loading && !recommendations.data && <Loading />}
      <ErrorMessage error={recommendations.error} retry={() => void recommendations.reload()} />
      {recommendations.data && list.length === 0 && (
        <Empty>
          {t('mentors.empty')} <Link to="/profile">{t('mentors.completeProfile')}</Link>
        </Empty>
      )}
      <ol className="cards" aria-label={t('mentors.title')}>
        {list.map((match) => (
          <MatchCard key={match.mentor.id} match={match} />
        ))}
      </ol>
    </Page>
  );
}

function MatchCard({ match }: { match: Match }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const request = useMutation(RequestMentorshipDocument);
  const titleId = `mentor-${match.mentor.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await request.run({ mentorId: match.mentor.id, message: message || null });
    if (data) setSent(true);
  };

  return (
    <li className="card match" aria-labelledby={titleId}>
      <div className="match-head">
        <div>
          <h2 id={titleId}>{match.mentor.displayName}</h2>
          <p className="muted">
            {match.mentor.mentorProfile?.headline} · {match.mentor.timeZone.replace(/_/g, ' ')}
          </p>
        </div>
        <p className="score" aria-label={t('mentors.scoreLabel', { score: Math.round(match.score) })}>
          {Math.round(match.score)}
        </p>
      </div>
      <p>{match.explanation}</p>
      <table className="components" aria-label={t('mentors.components', { name: match.mentor.displayName })}>
        <thead>
          <tr>
            <th scope="col">{t('mentors.component')}</th>
            <th scope="col">{t('mentors.value')}</th>
            <th scope="col">{t('mentors.weight')}</th>
            <th scope="col">{t('mentors.why')}</th>
          </tr>
        </thead>
        <tbody>
          {match.components.map((c) => (
            <tr key={c.key} data-component={c.key}>
              <th scope="row">{c.label}</th>
              <td>
                <meter min={0} max={1} value={c.value} aria-hidden="true" /> {Math.round(c.value * 100)}%
              </td>
              <td>{c.weight.toFixed(2)}</td>
              <td>{c.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sent ? (
        <Notice>{t('mentors.requested')}</Notice>
      ) : open ? (
        <form onSubmit={submit} noValidate>
          <TextArea label={t('mentors.message')} value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} error={fieldError(request.error, 'message')} />
          <FormError error={request.error} shown={['message']} />
          <div className="actions">
            <button type="submit" disabled={request.loading}>
              {request.loading ? t('common.working') : t('mentors.send')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t('mentors.request', { name: match.mentor.displayName })}
        </button>
      )}
    </li>
  );
}
