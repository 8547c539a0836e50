import { FormEvent, useEffect, useState } from 'react';
import {
  CohortDashboardDocument,
  CohortDocument,
  CohortEnrollmentsDocument,
  CompleteMilestoneDocument,
  DecideEnrollmentDocument,
  EnrollInCohortDocument,
  MatchRunDocument,
  MyMilestonesDocument,
  PublishMatchRunDocument,
  RunCohortMatchingDocument,
  type CohortEnrollmentsQuery,
  type EnrollmentRole,
  type MatchMode,
  type MatchRunFieldsFragment,
  type MyMilestonesQuery,
} from '../api/generated';
import { request } from '../api/client';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { formatDate } from '../lib/time';
import { Badge, Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextField, fieldError } from '../ui/kit';

export function CohortPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const cohort = useQuery(CohortDocument, { id });
  const c = cohort.data?.cohort;
  if (cohort.loading && !c) return <Page title={t('cohorts.title')}><Loading /></Page>;
  if (!c) return <Page title={t('cohorts.title')}><ErrorMessage error={cohort.error} retry={() => void cohort.reload()} /></Page>;
  return (
    <Page title={c.name}>
      <p className="muted">
        <Link to={`/communities/${c.community.id}`}>{c.community.name}</Link> · {c.targetField.name} · {formatDate(c.startsOn, locale)} – {formatDate(c.endsOn, locale)} ·{' '}
        {c.seats == null ? t('cohorts.seatsUnlimited', { taken: c.seatsTaken }) : t('cohorts.seats', { taken: c.seatsTaken, seats: c.seats })}
      </p>
      <ol className="phases" aria-label={t('cohorts.phases')}>
        {c.phases.map((p) => (
          <li key={p.stage}>
            <strong>{t(`stage.${p.stage}`)}</strong> {formatDate(p.startsOn, locale)} – {formatDate(p.endsOn, locale)}
          </li>
        ))}
      </ol>
      {c.viewerIsOrganizer ? <OrganizerCohort cohortId={c.id} onChange={() => void cohort.reload()} /> : <MemberCohort cohortId={c.id} enrollment={c.viewerEnrollment} onChange={() => void cohort.reload()} />}
    </Page>
  );
}

function MemberCohort({ cohortId, enrollment, onChange }: { cohortId: string; enrollment: { id: string; role: EnrollmentRole; status: string } | null; onChange(): void }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const enroll = useMutation(EnrollInCohortDocument);
  const roles = (['SWITCHER', 'MENTOR'] as EnrollmentRole[]).filter((r) => viewer.roles.includes(r));
  return (
    <>
      {enrollment ? (
        <p>
          {t('cohorts.yourEnrollment')}: <Badge>{t(`enrollmentStatus.${enrollment.status}` as 'enrollmentStatus.APPLIED')}</Badge> ({t(`role.${enrollment.role}`)})
        </p>
      ) : (
        <div className="actions">
          <FormError error={enroll.error} shown={[]} />
          {roles.map((role) => (
            <button key={role} type="button" disabled={enroll.loading} onClick={async () => (await enroll.run({ cohortId, as: role })) && onChange()}>
              {t(role === 'SWITCHER' ? 'cohorts.applySwitcher' : 'cohorts.applyMentor')}
            </button>
          ))}
        </div>
      )}
      {enrollment?.status === 'ADMITTED' && enrollment.role === 'SWITCHER' && <Milestones cohortId={cohortId} />}
    </>
  );
}

function Milestones({ cohortId }: { cohortId: string }) {
  const { t } = useI18n();
  const milestones = useQuery(MyMilestonesDocument, { cohortId });
  return (
    <section aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t('cohorts.milestones')}</h2>
      {milestones.loading && !milestones.data && <Loading />}
      <ErrorMessage error={milestones.error} retry={() => void milestones.reload()} />
      <ul className="cards">
        {milestones.data?.myMilestones.map((m) => (
          <MilestoneRow key={m.milestone.id} progress={m} onChange={() => void milestones.reload()} />
        ))}
      </ul>
    </section>
  );
}

function MilestoneRow({ progress, onChange }: { progress: MyMilestonesQuery['myMilestones'][number]; onChange(): void }) {
  const { t } = useI18n();
  const complete = useMutation(CompleteMilestoneDocument);
  const [url, setUrl] = useState(progress.evidenceUrl ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await complete.run({ milestoneId: progress.milestone.id, evidenceUrl: url })) onChange();
  };
  return (
    <li className="card">
      <h3>
        {progress.milestone.title} <Badge tone={progress.status === 'VERIFIED' ? 'good' : progress.status === 'REJECTED' ? 'bad' : 'neutral'}>{t(`milestoneStatus.${progress.status}`)}</Badge>
      </h3>
      <p className="muted">{t(`stage.${progress.milestone.stage}`)}</p>
      {progress.milestone.description && <p>{progress.milestone.description}</p>}
      {progress.status !== 'VERIFIED' && (
        <form onSubmit={submit} noValidate className="inline">
          <TextField label={t('cohorts.evidence')} type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={fieldError(complete.error, 'evidenceUrl')} />
          <button type="submit" disabled={complete.loading}>
            {t('cohorts.submitMilestone')}
          </button>
        </form>
      )}
    </li>
  );
}

function OrganizerCohort({ cohortId, onChange }: { cohortId: string; onChange(): void }) {
  const dashboard = useQuery(CohortDashboardDocument, { cohortId });
  const enrollments = useQuery(CohortEnrollmentsDocument, { id: cohortId });
  const reload = () => {
    onChange();
    void dashboard.reload();
    void enrollments.reload();
  };
  return (
    <>
      <Dashboard data={dashboard.data?.cohortDashboard} error={dashboard.error} />
      <Enrollments list={enrollments.data?.cohort.enrollments} loading={enrollments.loading} onChange={reload} />
      <Matching cohortId={cohortId} latestRunId={dashboard.data?.cohortDashboard.match?.runId ?? null} onPublished={reload} />
    </>
  );
}

function Dashboard({ data, error }: { data: import('../api/generated').CohortDashboardQuery['cohortDashboard'] | undefined; error: import('../api/client').ApiError | undefined }) {
  const { t } = useI18n();
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  const count = (role: string, status: string) => data.enrollments.find((e) => e.role === role && e.status === status)?.count ?? 0;
  return (
    <section className="card" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('cohorts.dashboard')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('cohorts.admittedSwitchers')}</dt>
          <dd>{count('SWITCHER', 'ADMITTED')}</dd>
        </div>
        <div>
          <dt>{t('cohorts.admittedMentors')}</dt>
          <dd>{count('MENTOR', 'ADMITTED')}</dd>
        </div>
        <div>
          <dt>{t('cohorts.applied')}</dt>
          <dd>{count('SWITCHER', 'APPLIED') + count('MENTOR', 'APPLIED')}</dd>
        </div>
        <div>
          <dt>{t('cohorts.mentorships')}</dt>
          <dd>{data.mentorships}</dd>
        </div>
        <div>
          <dt>{t('cohorts.sessions')}</dt>
          <dd>
            {data.sessionsHeld} / {data.sessionsPlanned}
          </dd>
        </div>
        <div>
          <dt>{t('cohorts.quiet')}</dt>
          <dd>{data.switchersWithoutRecentSessionCount}</dd>
        </div>
      </dl>
      {data.milestones.length > 0 && (
        <table aria-label={t('cohorts.milestoneProgress')}>
          <thead>
            <tr>
              <th scope="col">{t('profile.stage')}</th>
              <th scope="col">{t('cohorts.expected')}</th>
              <th scope="col">{t('cohorts.completed')}</th>
              <th scope="col">{t('cohorts.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {data.milestones.map((m) => (
              <tr key={m.stage}>
                <th scope="row">{t(`stage.${m.stage}`)}</th>
                <td>{m.expected}</td>
                <td>{m.completed}</td>
                <td>{m.verified}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Enrollment = CohortEnrollmentsQuery['cohort']['enrollments'][number];

function Enrollments({ list, loading, onChange }: { list: Enrollment[] | undefined; loading: boolean; onChange(): void }) {
  const { t } = useI18n();
  const decide = useMutation(DecideEnrollmentDocument);
  if (!list) return loading ? <Loading /> : null;
  return (
    <section className="card" aria-labelledby="enrollments-title">
      <h2 id="enrollments-title">{t('cohorts.enrollments')}</h2>
      <FormError error={decide.error} shown={[]} />
      {list.length === 0 ? (
        <Empty>{t('cohorts.noEnrollments')}</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label={t('cohorts.enrollments')}>
            <thead>
              <tr>
                <th scope="col">{t('cohorts.person')}</th>
                <th scope="col">{t('cohorts.role')}</th>
                <th scope="col">{t('cohorts.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('cohorts.decision')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} data-enrollment={e.id}>
                  <th scope="row">{e.user.displayName}</th>
                  <td>{t(`role.${e.role}`)}</td>
                  <td>
                    <Badge tone={e.status === 'ADMITTED' ? 'good' : e.status === 'REJECTED' ? 'bad' : 'neutral'}>{t(`enrollmentStatus.${e.status}`)}</Badge>
                  </td>
                  <td className="actions">
                    {e.status === 'APPLIED' && (
                      <>
                        <button type="button" disabled={decide.loading} aria-label={t('cohorts.admitName', { name: e.user.displayName })} onClick={async () => (await decide.run({ enrollmentId: e.id, admit: true })) && onChange()}>
                          {t('cohorts.admit')}
                        </button>
                        <button
                          type="button"
                          className="secondary"
                          disabled={decide.loading}
                          aria-label={t('cohorts.rejectName', { name: e.user.displayName })}
                          onClick={async () => (await decide.run({ enrollmentId: e.id, admit: false })) && onChange()}
                        >
                          {t('cohorts.reject')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'PUBLISHED']);

function Matching({ cohortId, latestRunId, onPublished }: { cohortId: string; latestRunId: string | null; onPublished(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<MatchMode>('OPTIMAL');
  const [runs, setRuns] = useState<MatchRunFieldsFragment[]>([]);
  const start = useMutation(RunCohortMatchingDocument);
  const publish = useMutation(PublishMatchRunDocument);
  const [pollError, setPollError] = useState<import('../api/client').ApiError>();

  useEffect(() => {
    if (!latestRunId || runs.some((r) => r.id === latestRunId)) return;
    request(MatchRunDocument, { id: latestRunId })
      .then((d) => d.matchRun && setRuns((rs) => (rs.some((r) => r.id === d.matchRun!.id) ? rs : [d.matchRun!, ...rs])))
      .catch(() => undefined);
  }, [latestRunId, runs]);

  // Runs are solved by the worker: poll the unfinished ones until they settle.
  const pending = runs.filter((r) => !FINISHED.has(r.status)).map((r) => r.id).join(',');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(async () => {
      try {
        for (const id of pending.split(',')) {
          const data = await request(MatchRunDocument, { id });
          if (data.matchRun) setRuns((rs) => rs.map((r) => (r.id === id ? data.matchRun! : r)));
        }
        setPollError(undefined);
      } catch (e) {
        setPollError(e as import('../api/client').ApiError);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [pending]);

  const run = async () => {
    const data = await start.run({ cohortId, mode });
    if (data) setRuns((rs) => [data.runCohortMatching, ...rs.filter((r) => r.id !== data.runCohortMatching.id)]);
  };

  // The latest run of each mode, side by side.
  const shown = (['OPTIMAL', 'STABLE'] as MatchMode[]).map((m) => runs.find((r) => r.mode === m)).filter((r): r is MatchRunFieldsFragment => Boolean(r));
  const published = runs.some((r) => r.status === 'PUBLISHED');

  return (
    <section className="card" aria-labelledby="matching-title">
      <h2 id="matching-title">{t('matching.title')}</h2>
      <p className="hint">{t('matching.hint')}</p>
      {!published && (
        <div className="inline">
          <SelectField label={t('matching.mode')} value={mode} onChange={(e) => setMode(e.target.value as MatchMode)}>
            <option value="OPTIMAL">{t('matchMode.OPTIMAL')}</option>
            <option value="STABLE">{t('matchMode.STABLE')}</option>
          </SelectField>
          <button type="button" onClick={() => void run()} disabled={start.loading}>
            {t('matching.run')}
          </button>
        </div>
      )}
      <FormError error={start.error ?? publish.error ?? pollError} shown={[]} />
      {runs.length === 0 && <Empty>{t('matching.none')}</Empty>}
      <div className="columns">
        {shown.map((r) => (
          <RunView
            key={r.id}
            run={r}
            canPublish={!published && r.status === 'SUCCEEDED'}
            publishing={publish.loading}
            onPublish={async () => {
              const data = await publish.run({ matchRunId: r.id });
              if (data) {
                setRuns((rs) => rs.map((x) => (x.id === r.id ? data.publishMatchRun : x)));
                onPublished();
              }
            }}
          />
        ))}
      </div>
    </section>
  );
}

function RunView({ run, canPublish, publishing, onPublish }: { run: MatchRunFieldsFragment; canPublish: boolean; publishing: boolean; onPublish(): void }) {
  const { t } = useI18n();
  const fmt = (n: number | null | undefined, digits = 1) => (n == null ? '—' : n.toFixed(digits));
  const label = t('matching.runOf', { mode: t(`matchMode.${run.mode}`) });
  return (
    <article className="run" aria-label={label} data-run-status={run.status}>
      <h3>
        {label} <Badge tone={run.status === 'FAILED' ? 'bad' : run.status === 'PUBLISHED' || run.status === 'SUCCEEDED' ? 'good' : 'warn'}>{t(`runStatus.${run.status}`)}</Badge>
      </h3>
      {!FINISHED.has(run.status) && <Loading label={t('matching.solving')} />}
      {run.error && <p className="alert error">{run.error}</p>}
      {FINISHED.has(run.status) && run.status !== 'FAILED' && (
        <>
          <dl className="stats">
            <div>
              <dt>{t('matching.total')}</dt>
              <dd>{fmt(run.totalScore)}</dd>
            </div>
            <div>
              <dt>{t('matching.mean')}</dt>
              <dd>{fmt(run.meanScore)}</dd>
            </div>
            <div>
              <dt>{t('matching.min')}</dt>
              <dd>{fmt(run.minScore)}</dd>
            </div>
            <div>
              <dt>{t('matching.p10')}</dt>
              <dd>{fmt(run.p10Score)}</dd>
            </div>
            <div>
              <dt>{t('matching.unmatched')}</dt>
              <dd>{run.unmatchedSwitchers ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('matching.blocking')}</dt>
              <dd>{run.blockingPairs ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('matching.greedy')}</dt>
              <dd>{fmt(run.greedyTotalScore)}</dd>
            </div>
            <div>
              <dt>{t('matching.duration')}</dt>
              <dd>{run.durationMs == null ? '—' : `${run.durationMs} ms`}</dd>
            </div>
          </dl>
          <table aria-label={t('matching.pairs')}>
            <thead>
              <tr>
                <th scope="col">{t('role.SWITCHER')}</th>
                <th scope="col">{t('role.MENTOR')}</th>
                <th scope="col">{t('matching.score')}</th>
              </tr>
            </thead>
            <tbody>
              {run.pairs.map((p) => (
                <tr key={`${p.switcher.id}-${p.mentor.id}`}>
                  <th scope="row">{p.switcher.displayName}</th>
                  <td>{p.mentor.displayName}</td>
                  <td>{p.score.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {run.status === 'PUBLISHED' && <Notice>{t('matching.published')}</Notice>}
      {canPublish && (
        <button type="button" onClick={onPublish} disabled={publishing}>
          {t('matching.publish', { mode: t(`matchMode.${run.mode}`) })}
        </button>
      )}
    </article>
  );
}
