import { FormEvent, useState } from 'react';
import {
  CommunitiesDocument,
  CommunityDocument,
  CreateCohortDocument,
  CreateCommunityDocument,
  CreateMeetupDocument,
  JoinCommunityDocument,
  TaxonomyDocument,
  type MeetupKind,
  type Visibility,
} from '../api/generated';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link, navigate } from '../lib/router';
import { formatDate } from '../lib/time';
import { Badge, Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextArea, TextField, fieldError } from '../ui/kit';
import { TimeZoneField } from './auth';
import { MeetupList } from './meetups';

export function CommunitiesPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [after, setAfter] = useState<string | null>(null);
  const communities = useQuery(CommunitiesDocument, { first: 50, after });
  const page = communities.data?.communities;
  return (
    <Page title={t('communities.title')}>
      {viewer.roles.includes('ORGANIZER') && <CreateCommunity />}
      {communities.loading && !page && <Loading />}
      <ErrorMessage error={communities.error} retry={() => void communities.reload()} />
      {page && page.edges.length === 0 && <Empty>{t('communities.empty')}</Empty>}
      <ul className="cards">
        {page?.edges.map(({ node }) => (
          <li key={node.id} className="card">
            <h2>
              <Link to={`/communities/${node.id}`}>{node.name}</Link>
            </h2>
            <p className="muted">
              {t(`visibility.${node.visibility}`)} · {t('communities.members', { count: node.memberCount })}
              {node.viewerIsOrganizer && (
                <>
                  {' '}
                  · <Badge tone="good">{t('communities.youOrganize')}</Badge>
                </>
              )}
              {node.viewerMembership && (
                <>
                  {' '}
                  · <Badge>{t(`membership.${node.viewerMembership}`)}</Badge>
                </>
              )}
            </p>
            {node.description && <p>{node.description}</p>}
          </li>
        ))}
      </ul>
      {page?.pageInfo.hasNextPage && (
        <button type="button" className="secondary" onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}

function CreateCommunity() {
  const { t } = useI18n();
  const create = useMutation(CreateCommunityDocument);
  const [form, setForm] = useState({ name: '', description: '', visibility: 'PUBLIC' as Visibility });
  const [open, setOpen] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await create.run({ input: { name: form.name, description: form.description || null, visibility: form.visibility } });
    if (data) navigate(`/communities/${data.createCommunity.id}`);
  };
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('communities.create')}
      </button>
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-community-title">
      <h2 id="create-community-title">{t('communities.create')}</h2>
      <TextField label={t('communities.name')} value={form.name} maxLength={120} required onChange={(e) => setForm({ ...form, name: e.target.value })} error={fieldError(create.error, 'input.name')} />
      <TextArea label={t('communities.description')} value={form.description} maxLength={2000} onChange={(e) => setForm({ ...form, description: e.target.value })} error={fieldError(create.error, 'input.description')} />
      <SelectField label={t('communities.visibility')} value={form.visibility} onChange={(e) => setForm({ ...form, visibility: e.target.value as Visibility })} error={fieldError(create.error, 'input.visibility')}>
        <option value="PUBLIC">{t('visibility.PUBLIC')}</option>
        <option value="INVITE_ONLY">{t('visibility.INVITE_ONLY')}</option>
      </SelectField>
      <FormError error={create.error} shown={['input.name', 'input.description', 'input.visibility']} />
      <div className="actions">
        <button type="submit" disabled={create.loading}>
          {create.loading ? t('common.working') : t('communities.createSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function CommunityPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const community = useQuery(CommunityDocument, { id });
  const join = useMutation(JoinCommunityDocument);
  const c = community.data?.community;
  if (community.loading && !c) return <Page title={t('communities.title')}><Loading /></Page>;
  if (!c) return <Page title={t('communities.title')}><ErrorMessage error={community.error} retry={() => void community.reload()} /></Page>;
  return (
    <Page title={c.name}>
      <p className="muted">
        {t(`visibility.${c.visibility}`)} · {t('communities.members', { count: c.memberCount })} · {t('communities.organizers')}: {c.organizers.map((o) => o.displayName).join(', ')}
      </p>
      {c.description && <p>{c.description}</p>}
      {!c.viewerMembership && !c.viewerIsOrganizer && (
        <>
          <FormError error={join.error} shown={[]} />
          <button type="button" disabled={join.loading} onClick={async () => (await join.run({ communityId: c.id })) && void community.reload()}>
            {c.visibility === 'PUBLIC' ? t('communities.join') : t('communities.askToJoin')}
          </button>
        </>
      )}
      {c.viewerMembership === 'PENDING' && <p className="alert info">{t('communities.pending')}</p>}
      <section aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t('cohorts.title')}</h2>
        {c.cohorts.length === 0 ? (
          <Empty>{t('cohorts.empty')}</Empty>
        ) : (
          <ul className="cards">
            {c.cohorts.map((k) => (
              <li key={k.id} className="card">
                <h3>
                  <Link to={`/cohorts/${k.id}`}>{k.name}</Link>
                </h3>
                <p className="muted">
                  {k.targetField.name} · {formatDate(k.startsOn, locale)} – {formatDate(k.endsOn, locale)} ·{' '}
                  {k.seats == null ? t('cohorts.seatsUnlimited', { taken: k.seatsTaken }) : t('cohorts.seats', { taken: k.seatsTaken, seats: k.seats })}
                </p>
                {k.viewerEnrollment && <Badge>{t(`enrollmentStatus.${k.viewerEnrollment.status}`)}</Badge>}
              </li>
            ))}
          </ul>
        )}
        {c.viewerIsOrganizer && <CreateCohort communityId={c.id} />}
      </section>
      <section aria-labelledby="meetups-title">
        <h2 id="meetups-title">{t('meetups.title')}</h2>
        <MeetupList communityId={c.id} />
        {c.viewerIsOrganizer && <CreateMeetup communityId={c.id} />}
      </section>
    </Page>
  );
}

function CreateCohort({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const taxonomy = useQuery(TaxonomyDocument, {});
  const create = useMutation(CreateCohortDocument);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', targetFieldSlug: '', startsOn: '', endsOn: '', seats: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await create.run({
      input: { communityId, name: form.name, targetFieldSlug: form.targetFieldSlug, startsOn: form.startsOn, endsOn: form.endsOn, seats: form.seats === '' ? null : Number(form.seats) },
    });
    if (data) navigate(`/cohorts/${data.createCohort.id}`);
  };
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('cohorts.create')}
      </button>
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-cohort-title">
      <h3 id="create-cohort-title">{t('cohorts.create')}</h3>
      <TextField label={t('cohorts.name')} value={form.name} maxLength={120} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fieldError(create.error, 'input.name')} />
      <SelectField label={t('profile.targetField')} value={form.targetFieldSlug} onChange={(e) => setForm({ ...form, targetFieldSlug: e.target.value })} error={fieldError(create.error, 'input.targetFieldSlug')}>
        <option value="">{t('profile.choose')}</option>
        {taxonomy.data?.fields.map((f) => (
          <option key={f.slug} value={f.slug}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <div className="inline">
        <TextField label={t('cohorts.startsOn')} type="date" value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} error={fieldError(create.error, 'input.startsOn')} />
        <TextField label={t('cohorts.endsOn')} type="date" value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} error={fieldError(create.error, 'input.endsOn')} />
      </div>
      <TextField label={t('cohorts.seatsLabel')} type="number" min={1} max={1000} value={form.seats} onChange={(e) => setForm({ ...form, seats: e.target.value })} hint={t('cohorts.seatsHint')} error={fieldError(create.error, 'input.seats')} />
      <FormError error={create.error} shown={['input.name', 'input.targetFieldSlug', 'input.startsOn', 'input.endsOn', 'input.seats']} />
      <div className="actions">
        <button type="submit" disabled={create.loading}>
          {create.loading ? t('common.working') : t('cohorts.createSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

const KINDS: MeetupKind[] = ['WORKSHOP', 'TALK', 'HACKATHON', 'OTHER'];

/** Turns a wall-clock 'YYYY-MM-DDTHH:mm' typed for a zone into an instant with an offset. */
function wallToIso(local: string, zone: string): string | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(local)) return null;
  // Find the offset the zone has at that wall time (two passes settle DST edges).
  const asUtc = Date.parse(`${local}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - instant;
  };
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  return new Date(instant).toISOString();
}

function CreateMeetup({ communityId }: { communityId: string }) {
  const { t, timeZone } = useI18n();
  const create = useMutation(CreateMeetupDocument);
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(false);
  const [form, setForm] = useState({ title: '', kind: 'WORKSHOP' as MeetupKind, startsAt: '', endsAt: '', timeZone, location: '', onlineUrl: '', capacity: '20', description: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(false);
    const data = await create.run({
      input: {
        communityId,
        title: form.title,
        kind: form.kind,
        description: form.description || null,
        startsAt: wallToIso(form.startsAt, form.timeZone) ?? form.startsAt,
        endsAt: wallToIso(form.endsAt, form.timeZone) ?? form.endsAt,
        timeZone: form.timeZone,
        location: form.location || null,
        onlineUrl: form.onlineUrl || null,
        capacity: Number(form.capacity),
      },
    });
    if (data) {
      setCreated(true);
      setOpen(false);
    }
  };
  if (!open) {
    return (
      <>
        {created && <Notice>{t('meetups.created')}</Notice>}
        <button type="button" onClick={() => setOpen(true)}>
          {t('meetups.create')}
        </button>
      </>
    );
  }
  const shown = ['input.title', 'input.kind', 'input.startsAt', 'input.endsAt', 'input.timeZone', 'input.location', 'input.onlineUrl', 'input.capacity', 'input.description'];
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-meetup-title">
      <h3 id="create-meetup-title">{t('meetups.create')}</h3>
      <TextField label={t('meetups.titleLabel')} value={form.title} maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} error={fieldError(create.error, 'input.title')} />
      <SelectField label={t('meetups.kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as MeetupKind })}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`meetupKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TimeZoneField label={t('meetups.zone')} value={form.timeZone} onChange={(zone) => setForm({ ...form, timeZone: zone })} error={fieldError(create.error, 'input.timeZone')} />
      <div className="inline">
        <TextField label={t('meetups.startsAt')} type="datetime-local" value={form.startsAt} onChange={(e) => setForm({ ...form, startsAt: e.target.value })} error={fieldError(create.error, 'input.startsAt')} />
        <TextField label={t('meetups.endsAt')} type="datetime-local" value={form.endsAt} onChange={(e) => setForm({ ...form, endsAt: e.target.value })} error={fieldError(create.error, 'input.endsAt')} />
      </div>
      <TextField label={t('meetups.location')} value={form.location} maxLength={300} onChange={(e) => setForm({ ...form, location: e.target.value })} error={fieldError(create.error, 'input.location')} />
      <TextField label={t('meetups.onlineUrl')} type="url" value={form.onlineUrl} onChange={(e) => setForm({ ...form, onlineUrl: e.target.value })} error={fieldError(create.error, 'input.onlineUrl')} />
      <TextField label={t('meetups.capacity')} type="number" min={1} max={10000} value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} error={fieldError(create.error, 'input.capacity')} />
      <TextArea label={t('communities.description')} value={form.description} maxLength={5000} onChange={(e) => setForm({ ...form, description: e.target.value })} error={fieldError(create.error, 'input.description')} />
      <FormError error={create.error} shown={shown} />
      <div className="actions">
        <button type="submit" disabled={create.loading}>
          {t('meetups.createSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
