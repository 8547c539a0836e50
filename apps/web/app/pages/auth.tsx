import { FormEvent, useState } from 'react';
import { LoginDocument, RegisterDocument, type Role } from '../api/generated';
import { useAuth } from '../lib/auth';
import { useMutation } from '../lib/hooks';
import { LOCALES, useI18n } from '../lib/i18n';
import { Link, navigate } from '../lib/router';
import { browserTimeZone, timeZones } from '../lib/time';
import { Checkbox, FormError, Page, SelectField, TextField, fieldError } from '../ui/kit';

function homeFor(roles: readonly Role[]): string {
  if (roles.includes('SWITCHER')) return '/profile';
  if (roles.includes('MENTOR')) return '/mentor-profile';
  if (roles.includes('ORGANIZER')) return '/communities';
  return '/';
}

export function SignInPage() {
  const { t } = useI18n();
  const { signedIn, expired } = useAuth();
  const login = useMutation(LoginDocument);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const data = await login.run({ email, password });
    if (data) {
      signedIn(data.login);
      navigate(new URLSearchParams(location.search).get('next') ?? '/', true);
    }
  };

  return (
    <Page title={t('auth.signIn')}>
      {expired && <p className="alert info">{t('auth.expired')}</p>}
      <form className="card narrow" onSubmit={submit} noValidate>
        <TextField label={t('auth.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(login.error, 'email')} />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(login.error, 'password')}
        />
        <FormError error={login.error} shown={['email', 'password']} />
        <button type="submit" disabled={login.loading}>
          {login.loading ? t('common.working') : t('auth.signIn')}
        </button>
        <p>
          {t('auth.noAccount')} <Link to="/signup">{t('auth.signUp')}</Link>
        </p>
      </form>
    </Page>
  );
}

const SIGNUP_ROLES: Role[] = ['SWITCHER', 'MENTOR', 'ORGANIZER'];

export function SignUpPage() {
  const { t, locale } = useI18n();
  const { signedIn } = useAuth();
  const register = useMutation(RegisterDocument);
  const [form, setForm] = useState({
    displayName: '',
    email: '',
    password: '',
    timeZone: browserTimeZone(),
    locale: locale as string,
    languages: locale === 'zh-CN' ? 'zh, en' : 'en',
  });
  const [roles, setRoles] = useState<Role[]>(['SWITCHER']);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const languages = form.languages
      .split(/[,\s]+/)
      .map((l) => l.trim())
      .filter(Boolean);
    const data = await register.run({ input: { ...form, languages, roles } });
    if (data) {
      signedIn(data.register);
      navigate(homeFor(data.register.user.roles), true);
    }
  };

  const shown = ['input.displayName', 'input.email', 'input.password', 'input.timeZone', 'input.locale', 'input.languages', 'input.roles'];
  return (
    <Page title={t('auth.signUp')}>
      <form className="card narrow" onSubmit={submit} noValidate>
        <TextField label={t('auth.displayName')} autoComplete="name" required value={form.displayName} onChange={set('displayName')} error={fieldError(register.error, 'input.displayName')} />
        <TextField label={t('auth.email')} type="email" autoComplete="email" required value={form.email} onChange={set('email')} error={fieldError(register.error, 'input.email')} />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set('password')}
          hint={t('auth.passwordHint')}
          error={fieldError(register.error, 'input.password')}
        />
        <fieldset className={fieldError(register.error, 'input.roles') ? 'invalid' : undefined}>
          <legend>{t('auth.roles')}</legend>
          {SIGNUP_ROLES.map((role) => (
            <Checkbox
              key={role}
              label={t(`role.${role}`)}
              checked={roles.includes(role)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
            />
          ))}
          {fieldError(register.error, 'input.roles') && (
            <p className="field-error" role="alert">
              {fieldError(register.error, 'input.roles')}
            </p>
          )}
        </fieldset>
        <TimeZoneField label={t('auth.timeZone')} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} error={fieldError(register.error, 'input.timeZone')} hint={t('auth.timeZoneHint')} />
        <SelectField label={t('settings.language')} value={form.locale} onChange={set('locale')} error={fieldError(register.error, 'input.locale')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`locale.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('settings.languages')} value={form.languages} onChange={set('languages')} hint={t('settings.languagesHint')} error={fieldError(register.error, 'input.languages')} />
        <FormError error={register.error} shown={shown} />
        <button type="submit" disabled={register.loading}>
          {register.loading ? t('common.working') : t('auth.createAccount')}
        </button>
        <p>
          {t('auth.haveAccount')} <Link to="/signin">{t('auth.signIn')}</Link>
        </p>
      </form>
    </Page>
  );
}

/** An IANA zone picker; the list comes from the browser, the detected zone first. */
export function TimeZoneField({ label, value, onChange, error, hint }: { label: string; value: string; onChange(zone: string): void; error?: string; hint?: string }) {
  const zones = timeZones();
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </SelectField>
  );
}
