import { FormEvent, useEffect, useMemo, useState } from 'react';
import {
  MySwitcherProfileDocument,
  RateSkillsDocument,
  TaxonomyDocument,
  UpsertSwitcherProfileDocument,
  type GapFieldsFragment,
  type MySwitcherProfileQuery,
  type Stage,
  type TaxonomyQuery,
} from '../api/generated';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextArea, TextField, fieldError } from '../ui/kit';

const STAGES: Stage[] = ['KNOWLEDGE', 'VALIDATION', 'LEAP'];

export function SwitcherProfilePage() {
  const { t } = useI18n();
  const profile = useQuery(MySwitcherProfileDocument, {});
  const taxonomy = useQuery(TaxonomyDocument, {});
  const [gap, setGap] = useState<GapFieldsFragment | null>(null);

  const current = profile.data?.me.switcherProfile ?? null;
  useEffect(() => {
    if (current) setGap(current);
  }, [current]);

  if ((profile.loading && !profile.data) || (taxonomy.loading && !taxonomy.data)) return <Page title={t('profile.title')}><Loading /></Page>;
  if (profile.error || taxonomy.error) {
    return (
      <Page title={t('profile.title')}>
        <ErrorMessage error={profile.error ?? taxonomy.error} retry={() => void Promise.all([profile.reload(), taxonomy.reload()])} />
      </Page>
    );
  }
  const fields = taxonomy.data?.fields ?? [];
  const target = fields.find((f) => f.slug === current?.targetField.slug);

  return (
    <Page title={t('profile.title')}>
      <div className="columns">
        <ProfileForm
          fields={fields}
          initial={current}
          onSaved={(saved) => {
            setGap(saved);
            void profile.reload();
          }}
        />
        {gap && target && <GapPanel gap={gap} />}
      </div>
      {gap && target && <SkillRatings key={target.slug} requirements={target.requirements} gap={gap} onRated={setGap} />}
      {!current && <Empty>{t('profile.startHint')}</Empty>}
    </Page>
  );
}

type Fields = TaxonomyQuery['fields'];
type Current = NonNullable<MySwitcherProfileQuery['me']['switcherProfile']>;

function ProfileForm({ fields, initial, onSaved }: { fields: Fields; initial: Current | null; onSaved(gap: GapFieldsFragment): void }) {
  const { t } = useI18n();
  const upsert = useMutation(UpsertSwitcherProfileDocument);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    currentFieldSlug: initial?.currentField?.slug ?? '',
    targetFieldSlug: initial?.targetField.slug ?? '',
    stage: (initial?.stage ?? 'KNOWLEDGE') as Stage,
    goals: initial?.goals ?? '',
    weeklyHours: initial?.weeklyHours?.toString() ?? '',
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const data = await upsert.run({
      input: {
        targetFieldSlug: form.targetFieldSlug,
        currentFieldSlug: form.currentFieldSlug || null,
        stage: form.stage,
        goals: form.goals || null,
        weeklyHours: form.weeklyHours === '' ? null : Number(form.weeklyHours),
      },
    });
    if (data) {
      setSaved(true);
      onSaved(data.upsertSwitcherProfile);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">{t('profile.switch')}</h2>
      <SelectField label={t('profile.currentField')} value={form.currentFieldSlug} onChange={(e) => setForm({ ...form, currentFieldSlug: e.target.value })} error={fieldError(upsert.error, 'input.currentFieldSlug')}>
        <option value="">{t('profile.none')}</option>
        {fields.map((f) => (
          <option key={f.slug} value={f.slug}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('profile.targetField')} value={form.targetFieldSlug} onChange={(e) => setForm({ ...form, targetFieldSlug: e.target.value })} error={fieldError(upsert.error, 'input.targetFieldSlug')} required>
        <option value="">{t('profile.choose')}</option>
        {fields.map((f) => (
          <option key={f.slug} value={f.slug}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('profile.stage')} value={form.stage} onChange={(e) => setForm({ ...form, stage: e.target.value as Stage })} error={fieldError(upsert.error, 'input.stage')}>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {t(`stage.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextArea label={t('profile.goals')} value={form.goals} maxLength={2000} onChange={(e) => setForm({ ...form, goals: e.target.value })} error={fieldError(upsert.error, 'input.goals')} />
      <TextField
        label={t('profile.weeklyHours')}
        type="number"
        min={0}
        max={80}
        inputMode="numeric"
        value={form.weeklyHours}
        onChange={(e) => setForm({ ...form, weeklyHours: e.target.value })}
        error={fieldError(upsert.error, 'input.weeklyHours')}
      />
      <FormError error={upsert.error} shown={['input.currentFieldSlug', 'input.targetFieldSlug', 'input.stage', 'input.goals', 'input.weeklyHours']} />
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={upsert.loading}>
        {upsert.loading ? t('common.working') : t('profile.save')}
      </button>
    </form>
  );
}

function GapPanel({ gap }: { gap: GapFieldsFragment }) {
  const { t } = useI18n();
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(gap.radarSvg)}`, [gap.radarSvg]);
  const top = gap.skillGap.items.filter((i) => i.gap > 0);
  return (
    <section className="card" aria-labelledby="gap-title">
      <h2 id="gap-title">{t('profile.gapTitle')}</h2>
      <p>
        {t('profile.readiness', { percent: Math.round(gap.skillGap.readiness * 100) })} ·{' '}
        {t('profile.gapTotal', { total: gap.skillGap.total.toFixed(1), max: gap.skillGap.maxTotal.toFixed(1) })}
      </p>
      <figure className="radar">
        <img src={src} alt={t('profile.radarAlt')} width={360} height={360} />
        <figcaption>{t('profile.radarCaption')}</figcaption>
      </figure>
      <h3>{t('profile.gapList')}</h3>
      {top.length === 0 ? (
        <Empty>{t('profile.noGap')}</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label={t('profile.gapList')}>
            <thead>
              <tr>
                <th scope="col">{t('profile.skill')}</th>
                <th scope="col">{t('profile.required')}</th>
                <th scope="col">{t('profile.current')}</th>
                <th scope="col">{t('profile.gap')}</th>
                <th scope="col">{t('profile.weightedGap')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((item) => (
                <tr key={item.skill.slug}>
                  <th scope="row">{item.skill.name}</th>
                  <td>{item.required}</td>
                  <td>{item.current}</td>
                  <td>{item.gap}</td>
                  <td>{item.weightedGap.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/mentors">{t('profile.findMentors')}</Link>
      </p>
    </section>
  );
}

type Requirement = Fields[number]['requirements'][number];

function SkillRatings({ requirements, gap, onRated }: { requirements: Requirement[]; gap: GapFieldsFragment; onRated(gap: GapFieldsFragment): void }) {
  const { t } = useI18n();
  const rate = useMutation(RateSkillsDocument);
  const [saved, setSaved] = useState(false);
  const [levels, setLevels] = useState<Record<string, number>>(() => Object.fromEntries(gap.skills.map((s) => [s.skill.slug, s.level])));
  const groups = useMemo(() => {
    const byDimension = new Map<string, Requirement[]>();
    for (const r of requirements) byDimension.set(r.skill.dimensionName, [...(byDimension.get(r.skill.dimensionName) ?? []), r]);
    return [...byDimension.entries()];
  }, [requirements]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ratings = requirements.map((r) => ({ skillSlug: r.skill.slug, level: levels[r.skill.slug] ?? 0 }));
    const data = await rate.run({ ratings });
    if (data) {
      setSaved(true);
      onRated(data.rateSkills);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="ratings-title">
      <h2 id="ratings-title">{t('profile.rateTitle')}</h2>
      <p className="hint">{t('profile.rateHint')}</p>
      {groups.map(([dimension, items]) => (
        <fieldset key={dimension} className="skill-group">
          <legend>{dimension}</legend>
          {items.map((r) => (
            <div className="skill-row" key={r.skill.slug}>
              <label htmlFor={`skill-${r.skill.slug}`}>{r.skill.name}</label>
              <input
                id={`skill-${r.skill.slug}`}
                type="range"
                min={0}
                max={5}
                step={1}
                value={levels[r.skill.slug] ?? 0}
                aria-valuetext={t('profile.levelOf', { level: levels[r.skill.slug] ?? 0, required: r.level })}
                onChange={(e) => setLevels({ ...levels, [r.skill.slug]: Number(e.target.value) })}
              />
              <output htmlFor={`skill-${r.skill.slug}`}>
                {levels[r.skill.slug] ?? 0} / {r.level}
              </output>
            </div>
          ))}
        </fieldset>
      ))}
      <FormError error={rate.error} shown={[]} />
      {saved && <Notice>{t('profile.ratingsSaved')}</Notice>}
      <button type="submit" disabled={rate.loading}>
        {rate.loading ? t('common.working') : t('profile.saveRatings')}
      </button>
    </form>
  );
}
