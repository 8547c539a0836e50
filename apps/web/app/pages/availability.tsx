import { FormEvent, useEffect, useState } from 'react';
import { MyAvailabilityDocument, SetAvailabilityOverrideDocument, SetSchedulingSettingsDocument, SetWeeklyAvailabilityDocument, type MyAvailabilityQuery } from '../api/generated';
import { useViewer } from '../lib/auth';
import { useMutation, useQuery } from '../lib/hooks';
import { useI18n } from '../lib/i18n';
import { WeeklyWindow, formatDate, shiftWindow, weekdayName } from '../lib/time';
import { Empty, ErrorMessage, FormError, Loading, Notice, Page, SelectField, TextField, fieldError } from '../ui/kit';
import { TimeZoneField } from './auth';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function AvailabilityPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const availability = useQuery(MyAvailabilityDocument, { mentorId: viewer.id });
  const data = availability.data?.mentorAvailability;
  return (
    <Page title={t('availability.title')}>
      {availability.loading && !data && <Loading />}
      <ErrorMessage error={availability.error} retry={() => void availability.reload()} />
      {data && (
        <>
          <WeeklyEditor initial={data} fallbackZone={viewer.timeZone} />
          <div className="columns">
            <Overrides overrides={data.overrides} timeZone={data.timeZone} onChange={() => void availability.reload()} />
            <Settings settings={data.settings} />
          </div>
        </>
      )}
    </Page>
  );
}

function otherZone(zone: string): string {
  return zone === 'Asia/Shanghai' ? 'America/New_York' : 'Asia/Shanghai';
}

function WeeklyEditor({ initial, fallbackZone }: { initial: MyAvailabilityQuery['mentorAvailability']; fallbackZone: string }) {
  const { t, locale } = useI18n();
  const save = useMutation(SetWeeklyAvailabilityDocument);
  const [zone, setZone] = useState(initial.rules.length ? initial.timeZone : fallbackZone);
  const [preview, setPreview] = useState(otherZone(zone));
  const [rules, setRules] = useState<WeeklyWindow[]>(initial.rules.map(({ weekday, start, end }) => ({ weekday, start, end })));
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [rules, zone]);

  const update = (i: number, patch: Partial<WeeklyWindow>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save.run({ timeZone: zone, rules })) setSaved(true);
  };
  const shown = ['timeZone', 'rules', ...rules.flatMap((_, i) => [`rules.${i}.weekday`, `rules.${i}.start`, `rules.${i}.end`])];

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="weekly-title">
      <h2 id="weekly-title">{t('availability.weekly')}</h2>
      <p className="hint">{t('availability.weeklyHint')}</p>
      <TimeZoneField label={t('availability.zone')} value={zone} onChange={setZone} error={fieldError(save.error, 'timeZone')} />
      {rules.length === 0 && <Empty>{t('availability.noRules')}</Empty>}
      <ol className="rules">
        {rules.map((rule, i) => (
          <li key={i} className="rule-row">
            <SelectField label={t('availability.day')} value={rule.weekday} onChange={(e) => update(i, { weekday: Number(e.target.value) })} error={fieldError(save.error, `rules.${i}.weekday`)}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {weekdayName(d, locale, 'long')}
                </option>
              ))}
            </SelectField>
            <TextField label={t('availability.from')} type="time" step={900} value={rule.start} onChange={(e) => update(i, { start: e.target.value })} error={fieldError(save.error, `rules.${i}.start`)} />
            <TextField label={t('availability.to')} type="time" step={900} value={rule.end === '24:00' ? '00:00' : rule.end} onChange={(e) => update(i, { end: e.target.value === '00:00' ? '24:00' : e.target.value })} error={fieldError(save.error, `rules.${i}.end`)} />
            <button type="button" className="secondary" onClick={() => setRules(rules.filter((_, j) => j !== i))} aria-label={t('availability.remove', { n: i + 1 })}>
              {t('common.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => setRules([...rules, { weekday: rules.at(-1)?.weekday ?? 1, start: '18:00', end: '20:00' }])}>
        {t('availability.add')}
      </button>

      <section className="preview" aria-labelledby="preview-title">
        <h3 id="preview-title">{t('availability.previewTitle')}</h3>
        <TimeZoneField label={t('availability.previewZone')} value={preview} onChange={setPreview} />
        {rules.length > 0 && (
          <table aria-label={t('availability.previewTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('availability.inZone', { zone })}</th>
                <th scope="col">{t('availability.inZone', { zone: preview })}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, i) => {
                const shifted = /^\d\d:\d\d$/.test(rule.start) && /^\d\d:\d\d$/.test(rule.end) ? shiftWindow(rule, zone, preview) : null;
                return (
                  <tr key={i}>
                    <td>
                      {weekdayName(rule.weekday, locale)} {rule.start}–{rule.end}
                    </td>
                    <td data-testid="preview-cell">
                      {shifted
                        ? `${weekdayName(shifted.startWeekday, locale)} ${shifted.start}–${shifted.endWeekday !== shifted.startWeekday ? `${weekdayName(shifted.endWeekday, locale)} ` : ''}${shifted.end}`
                        : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <p className="hint">{t('availability.previewHint')}</p>
      </section>

      <FormError error={save.error} shown={shown} />
      {saved && <Notice>{t('availability.saved')}</Notice>}
      <button type="submit" disabled={save.loading}>
        {save.loading ? t('common.working') : t('availability.save')}
      </button>
    </form>
  );
}

type Override = MyAvailabilityQuery['mentorAvailability']['overrides'][number];

function Overrides({ overrides, timeZone, onChange }: { overrides: Override[]; timeZone: string; onChange(): void }) {
  const { t, locale } = useI18n();
  const save = useMutation(SetAvailabilityOverrideDocument);
  const [form, setForm] = useState({ date: '', mode: 'off', start: '10:00', end: '12:00' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input =
      form.mode === 'off'
        ? { date: form.date, available: false }
        : form.mode === 'hours'
          ? { date: form.date, available: true, start: form.start, end: form.end }
          : { date: form.date, available: true };
    if (await save.run({ input })) onChange();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="overrides-title">
      <h2 id="overrides-title">{t('availability.overrides')}</h2>
      <p className="hint">{t('availability.overridesHint', { zone: timeZone })}</p>
      {overrides.length === 0 ? (
        <Empty>{t('availability.noOverrides')}</Empty>
      ) : (
        <ul>
          {overrides.map((o) => (
            <li key={o.date}>
              {formatDate(o.date, locale)}: {o.available ? (o.start ? `${o.start}–${o.end}` : t('availability.weeklyHours')) : t('availability.dayOff')}
            </li>
          ))}
        </ul>
      )}
      <TextField label={t('availability.date')} type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} error={fieldError(save.error, 'input.date')} required />
      <SelectField label={t('availability.that')} value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value })} error={fieldError(save.error, 'input.available')}>
        <option value="off">{t('availability.dayOff')}</option>
        <option value="hours">{t('availability.otherHours')}</option>
        <option value="weekly">{t('availability.weeklyHours')}</option>
      </SelectField>
      {form.mode === 'hours' && (
        <div className="inline">
          <TextField label={t('availability.from')} type="time" step={900} value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} error={fieldError(save.error, 'input.start')} />
          <TextField label={t('availability.to')} type="time" step={900} value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} error={fieldError(save.error, 'input.end')} />
        </div>
      )}
      <FormError error={save.error} shown={['input.date', 'input.available', 'input.start', 'input.end']} />
      <button type="submit" disabled={save.loading}>
        {t('availability.saveOverride')}
      </button>
    </form>
  );
}

function Settings({ settings }: { settings: MyAvailabilityQuery['mentorAvailability']['settings'] }) {
  const { t } = useI18n();
  const save = useMutation(SetSchedulingSettingsDocument);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    notice: String(settings.minimumNoticeMinutes / 60),
    horizon: String(settings.horizonDays),
    buffer: String(settings.bufferMinutes),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await save.run({
      input: { minimumNoticeMinutes: Math.round(Number(form.notice) * 60), horizonDays: Number(form.horizon), bufferMinutes: Number(form.buffer) },
    });
    if (ok) setSaved(true);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <h2 id="settings-title">{t('availability.booking')}</h2>
      <TextField label={t('availability.notice')} type="number" min={0} step={0.25} value={form.notice} onChange={(e) => setForm({ ...form, notice: e.target.value })} error={fieldError(save.error, 'input.minimumNoticeMinutes')} />
      <TextField label={t('availability.horizon')} type="number" min={1} max={365} value={form.horizon} onChange={(e) => setForm({ ...form, horizon: e.target.value })} error={fieldError(save.error, 'input.horizonDays')} />
      <TextField label={t('availability.buffer')} type="number" min={0} step={5} value={form.buffer} onChange={(e) => setForm({ ...form, buffer: e.target.value })} error={fieldError(save.error, 'input.bufferMinutes')} />
      <FormError error={save.error} shown={['input.minimumNoticeMinutes', 'input.horizonDays', 'input.bufferMinutes']} />
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={save.loading}>
        {t('common.save')}
      </button>
    </form>
  );
}
