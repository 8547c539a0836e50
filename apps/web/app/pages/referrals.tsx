import { FormEvent, useState } from 'react';
import {
  CreateReferralOpeningDocument,
  MyReferralRequestsDocument,
  ReferralOpeningsDocument,
  RequestReferralDocument,
  TaxonomyDocument,
  UpdateReferralRequestDocument,
  type MyReferralRequestsQuery,
  type OpeningFieldsFragment,
  type ReferralStatus,
} from '../api/generated';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { formatDate } from '../lib/time';
import { Badge, Checkbox, Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextArea, TextField, fieldError } from '../ui/kit';

const percent = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 100)}%`);

export function ReferralsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const requests = useQuery(MyReferralRequestsDocument, {});
  const isMentor = viewer.roles.includes('MENTOR');
  const all = requests.data?.myReferralRequests ?? [];
  const onMine = all.filter((r) => r.opening.referrer.id === viewer.id);
  const made = all.filter((r) => r.switcher.id === viewer.id);
  return (
    <Page title={t('referrals.title')}>
      {isMentor && <CreateOpening />}
      {isMentor && (
        <section aria-labelledby="incoming-referrals">
          <h2 id="incoming-referrals">{t('referrals.incoming')}</h2>
          {requests.loading && !requests.data && <Loading />}
          <ErrorMessage error={requests.error} retry={() => void requests.reload()} />
          {requests.data && onMine.length === 0 && <Empty>{t('referrals.noIncoming')}</Empty>}
          <ul className="cards">
            {onMine.map((r) => (
              <IncomingReferral key={r.id} request={r} onChange={() => void requests.reload()} />
            ))}
          </ul>
        </section>
      )}
      {viewer.roles.includes('SWITCHER') && (
        <>
          <Openings onRequested={() => void requests.reload()} />
          <section aria-labelledby="my-referrals">
            <h2 id="my-referrals">{t('referrals.mine')}</h2>
            {requests.data && made.length === 0 && <Empty>{t('referrals.noneMade')}</Empty>}
            <ul className="cards">
              {made.map((r) => (
                <li key={r.id} className="card">
                  <h3>
                    {r.opening.title} · {r.opening.company} <Badge>{t(`referralStatus.${r.status}`)}</Badge>
                  </h3>
                  <p className="muted">{t('referrals.readiness', { value: percent(r.readiness) })}</p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}

function Openings({ onRequested }: { onRequested(): void }) {
  const { t } = useI18n();
  const openings = useQuery(ReferralOpeningsDocument, { first: 20 });
  const list = openings.data?.referralOpenings.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="openings-title">
      <h2 id="openings-title">{t('referrals.openings')}</h2>
      <p className="hint">{t('referrals.openingsHint')}</p>
      {openings.loading && !openings.data && <Loading />}
      <ErrorMessage error={openings.error} retry={() => void openings.reload()} />
      {openings.data && list.length === 0 && <Empty>{t('referrals.noOpenings')}</Empty>}
      <ol className="cards">
        {list.map((o) => (
          <Opening key={o.id} opening={o} onRequested={onRequested} />
        ))}
      </ol>
    </section>
  );
}

function Opening({ opening, onRequested }: { opening: OpeningFieldsFragment; onRequested(): void }) {
  const { t, locale } = useI18n();
  const ask = useMutation(RequestReferralDocument);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await ask.run({ openingId: opening.id, note: note || null })) {
      setDone(true);
      onRequested();
    }
  };
  return (
    <li className="card">
      <h3>
        {opening.title} · {opening.company}
      </h3>
      <p className="muted">
        {opening.field.name} · {opening.remote ? t('referrals.remote') : opening.location} · {t('referrals.by', { name: opening.referrer.displayName })}
        {opening.closesOn && ` · ${t('referrals.closes', { date: formatDate(opening.closesOn, locale) })}`}
      </p>
      <p>
        <strong>{t('referrals.readiness', { value: percent(opening.viewerReadiness) })}</strong> · {opening.skills.map((s) => s.name).join(', ')}
      </p>
      {opening.viewerRequest || done ? (
        <Badge>{t(`referralStatus.${opening.viewerRequest?.status ?? 'REQUESTED'}`)}</Badge>
      ) : (
        <form onSubmit={submit} noValidate>
          <TextArea label={t('referrals.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={fieldError(ask.error, 'note')} />
          <FormError error={ask.error} shown={['note']} />
          <button type="submit" disabled={ask.loading}>
            {t('referrals.ask')}
          </button>
        </form>
      )}
    </li>
  );
}

const NEXT: Partial<Record<ReferralStatus, ReferralStatus[]>> = {
  REQUESTED: ['ACCEPTED', 'DECLINED'],
  ACCEPTED: ['SUBMITTED', 'REJECTED'],
  SUBMITTED: ['INTERVIEWING', 'REJECTED'],
  INTERVIEWING: ['OFFER', 'REJECTED'],
  OFFER: ['HIRED', 'REJECTED'],
};

function IncomingReferral({ request, onChange }: { request: MyReferralRequestsQuery['myReferralRequests'][number]; onChange(): void }) {
  const { t } = useI18n();
  const update = useMutation(UpdateReferralRequestDocument);
  const [note, setNote] = useState('');
  const next = NEXT[request.status] ?? [];
  return (
    <li className="card">
      <h3>
        {request.switcher.displayName} → {request.opening.title} <Badge>{t(`referralStatus.${request.status}`)}</Badge>
      </h3>
      <p>{t('referrals.readiness', { value: percent(request.readiness) })}</p>
      {request.note && <blockquote>{request.note}</blockquote>}
      {next.length > 0 && (
        <>
          <TextField label={t('referrals.replyNote')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={fieldError(update.error, 'note')} />
          <FormError error={update.error} shown={['note']} />
          <div className="actions">
            {next.map((status) => (
              <button key={status} type="button" className={status === 'DECLINED' || status === 'REJECTED' ? 'secondary' : undefined} disabled={update.loading} onClick={async () => (await update.run({ requestId: request.id, status, note: note || null })) && onChange()}>
                {t(`referralStatus.${status}`)}
              </button>
            ))}
          </div>
        </>
      )}
    </li>
  );
}

function CreateOpening() {
  const { t } = useI18n();
  const taxonomy = useQuery(TaxonomyDocument, {});
  const create = useMutation(CreateReferralOpeningDocument);
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(false);
  const [form, setForm] = useState({ company: '', title: '', fieldSlug: '', skills: [] as string[], location: '', remote: true, closesOn: '' });
  const field = taxonomy.data?.fields.find((f) => f.slug === form.fieldSlug);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await create.run({
      input: { company: form.company, title: form.title, fieldSlug: form.fieldSlug, skillSlugs: form.skills, location: form.location || null, remote: form.remote, closesOn: form.closesOn || null },
    });
    if (data) {
      setCreated(true);
      setOpen(false);
    }
  };
  if (!open) {
    return (
      <>
        {created && <Notice>{t('referrals.created')}</Notice>}
        <button type="button" onClick={() => setOpen(true)}>
          {t('referrals.create')}
        </button>
      </>
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-opening">
      <h2 id="create-opening">{t('referrals.create')}</h2>
      <TextField label={t('referrals.company')} value={form.company} maxLength={200} onChange={(e) => setForm({ ...form, company: e.target.value })} error={fieldError(create.error, 'input.company')} />
      <TextField label={t('referrals.jobTitle')} value={form.title} maxLength={200} onChange={(e) => setForm({ ...form, title: e.target.value })} error={fieldError(create.error, 'input.title')} />
      <SelectField label={t('profile.targetField')} value={form.fieldSlug} onChange={(e) => setForm({ ...form, fieldSlug: e.target.value, skills: [] })} error={fieldError(create.error, 'input.fieldSlug')}>
        <option value="">{t('profile.choose')}</option>
        {taxonomy.data?.fields.map((f) => (
          <option key={f.slug} value={f.slug}>
            {f.name}
          </option>
        ))}
      </SelectField>
      {field && (
        <fieldset>
          <legend>{t('referrals.skills')}</legend>
          {field.requirements.map((r) => (
            <Checkbox key={r.skill.slug} label={r.skill.name} checked={form.skills.includes(r.skill.slug)} onChange={(e) => setForm({ ...form, skills: e.target.checked ? [...form.skills, r.skill.slug] : form.skills.filter((s) => s !== r.skill.slug) })} />
          ))}
          {fieldError(create.error, 'input.skillSlugs') && <p className="field-error" role="alert">{fieldError(create.error, 'input.skillSlugs')}</p>}
        </fieldset>
      )}
      <Checkbox label={t('referrals.remote')} checked={form.remote} onChange={(e) => setForm({ ...form, remote: e.target.checked })} />
      <TextField label={t('referrals.location')} value={form.location} maxLength={200} onChange={(e) => setForm({ ...form, location: e.target.value })} error={fieldError(create.error, 'input.location')} />
      <TextField label={t('referrals.closesOn')} type="date" value={form.closesOn} onChange={(e) => setForm({ ...form, closesOn: e.target.value })} error={fieldError(create.error, 'input.closesOn')} />
      <FormError error={create.error} shown={['input.company', 'input.title', 'input.fieldSlug', 'input.skillSlugs', 'input.location', 'input.closesOn']} />
      <div className="actions">
        <button type="submit" disabled={create.loading}>
          {t('referrals.createSubmit')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
