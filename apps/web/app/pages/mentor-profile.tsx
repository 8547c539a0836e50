import { FormEvent, useEffect, useState } from 'react';
import { MyMentorProfileDocument, SkillsListDocument, TaxonomyDocument, UpsertMentorProfileDocument } from '../api/generated';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { Checkbox, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextArea, TextField, fieldError } from '../ui/kit';

export function MentorProfilePage() {
  const { t } = useI18n();
  const profile = useQuery(MyMentorProfileDocument, {});
  const taxonomy = useQuery(TaxonomyDocument, {});
  const skills = useQuery(SkillsListDocument, {});
  const upsert = useMutation(UpsertMentorProfileDocument);
  const [saved, setSaved] = useState<{ activeMentees: number; capacity: number } | null>(null);
  const [form, setForm] = useState({ headline: '', bio: '', capacity: '3', yearsExperience: '', switchedFrom: '', accepting: true, fields: [] as string[] });
  const [levels, setLevels] = useState<Record<string, number>>({});
  const current = profile.data?.me.mentorProfile;

  useEffect(() => {
    if (!current) return;
    setForm({
      headline: current.headline,
      bio: current.bio ?? '',
      capacity: String(current.capacity),
      yearsExperience: current.yearsExperience?.toString() ?? '',
      switchedFrom: current.switchedFrom?.slug ?? '',
      accepting: current.acceptingMentees,
      fields: current.fields.map((f) => f.slug),
    });
    setLevels(Object.fromEntries(current.skills.map((s) => [s.skill.slug, s.level])));
  }, [current]);

  if ((profile.loading && !profile.data) || (taxonomy.loading && !taxonomy.data)) return <Page title={t('mentorProfile.title')}><Loading /></Page>;
  if (profile.error || taxonomy.error) return <Page title={t('mentorProfile.title')}><ErrorMessage error={profile.error ?? taxonomy.error} /></Page>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const data = await upsert.run({
      input: {
        headline: form.headline,
        bio: form.bio || null,
        capacity: Number(form.capacity),
        yearsExperience: form.yearsExperience === '' ? null : Number(form.yearsExperience),
        switchedFromFieldSlug: form.switchedFrom || null,
        acceptingMentees: form.accepting,
        fieldSlugs: form.fields,
        skills: Object.entries(levels)
          .filter(([, level]) => level > 0)
          .map(([skillSlug, level]) => ({ skillSlug, level })),
      },
    });
    if (data) setSaved(data.upsertMentorProfile);
  };
  const fields = taxonomy.data?.fields ?? [];
  const shown = ['input.headline', 'input.bio', 'input.capacity', 'input.yearsExperience', 'input.switchedFromFieldSlug', 'input.fieldSlugs', 'input.skills'];

  return (
    <Page title={t('mentorProfile.title')}>
      <form className="card" onSubmit={submit} noValidate>
        <TextField label={t('mentorProfile.headline')} value={form.headline} maxLength={200} onChange={(e) => setForm({ ...form, headline: e.target.value })} error={fieldError(upsert.error, 'input.headline')} />
        <TextArea label={t('mentorProfile.bio')} value={form.bio} maxLength={4000} onChange={(e) => setForm({ ...form, bio: e.target.value })} error={fieldError(upsert.error, 'input.bio')} />
        <fieldset>
          <legend>{t('mentorProfile.fields')}</legend>
          {fields.map((f) => (
            <Checkbox key={f.slug} label={f.name} checked={form.fields.includes(f.slug)} onChange={(e) => setForm({ ...form, fields: e.target.checked ? [...form.fields, f.slug] : form.fields.filter((s) => s !== f.slug) })} />
          ))}
          {fieldError(upsert.error, 'input.fieldSlugs') && <p className="field-error" role="alert">{fieldError(upsert.error, 'input.fieldSlugs')}</p>}
        </fieldset>
        <SelectField label={t('mentorProfile.switchedFrom')} value={form.switchedFrom} onChange={(e) => setForm({ ...form, switchedFrom: e.target.value })} error={fieldError(upsert.error, 'input.switchedFromFieldSlug')}>
          <option value="">{t('profile.none')}</option>
          {fields.map((f) => (
            <option key={f.slug} value={f.slug}>
              {f.name}
            </option>
          ))}
        </SelectField>
        <div className="inline">
          <TextField label={t('mentorProfile.capacity')} type="number" min={0} max={20} value={form.capacity} hint={t('mentorProfile.capacityHint', { active: current?.activeMentees ?? 0 })} onChange={(e) => setForm({ ...form, capacity: e.target.value })} error={fieldError(upsert.error, 'input.capacity')} />
          <TextField label={t('mentorProfile.years')} type="number" min={0} max={60} value={form.yearsExperience} onChange={(e) => setForm({ ...form, yearsExperience: e.target.value })} error={fieldError(upsert.error, 'input.yearsExperience')} />
        </div>
        <Checkbox label={t('mentorProfile.accepting')} checked={form.accepting} onChange={(e) => setForm({ ...form, accepting: e.target.checked })} />
        <fieldset>
          <legend>{t('mentorProfile.skills')}</legend>
          <div className="skill-grid">
            {skills.data?.skills.map((s) => (
              <SelectField key={s.slug} label={s.name} value={levels[s.slug] ?? 0} onChange={(e) => setLevels({ ...levels, [s.slug]: Number(e.target.value) })}>
                {[0, 1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
        </fieldset>
        <FormError error={upsert.error} shown={shown} />
        {saved && <Notice>{t('mentorProfile.saved', { active: saved.activeMentees, capacity: saved.capacity })}</Notice>}
        <button type="submit" disabled={upsert.loading}>
          {upsert.loading ? t('common.working') : t('common.save')}
        </button>
      </form>
    </Page>
  );
}
