import { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes, useEffect, useId, useRef } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../lib/i18n';

/** A page: sets the document title and moves focus to the heading, so screen readers announce the new page. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Switchyard`;
    heading.current?.focus();
  }, [title]);
  return (
    <section className="page">
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ErrorMessage({ error, retry }: { error: ApiError | undefined; retry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      <p>{messageOf(error, t)}</p>
      {retry && (
        <button type="button" className="secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

function messageOf(error: ApiError, t: ReturnType<typeof useI18n>['t']): string {
  switch (error.code) {
    case 'NETWORK':
      return t('error.network');
    case 'INTERNAL':
      return t('error.internal');
    case 'FORBIDDEN':
      return `${t('error.forbidden')} ${error.message}`;
    case 'NOT_FOUND':
      return t('error.notFound');
    case 'RATE_LIMITED':
      return t('error.rateLimited', { seconds: Number(error.extensions.retryAfterSeconds ?? 60) });
    default:
      return error.message;
  }
}

/**
 * The error of a form, minus what its fields already show next to themselves:
 * a BAD_USER_INPUT about a field on screen appears only there.
 */
export function FormError({ error, shown }: { error: ApiError | undefined; shown: string[] }) {
  if (!error) return null;
  if (error.code === 'BAD_USER_INPUT' && Object.keys(error.fields).length > 0 && Object.keys(error.fields).every((f) => shown.some((s) => matches(s, f)))) {
    return null;
  }
  return <ErrorMessage error={error} />;
}

function matches(shown: string, field: string): boolean {
  return shown === field || field.startsWith(`${shown}.`) || field.startsWith(`${shown}[`) || shown.endsWith(`.${field}`);
}

/** The message for an input path, for the field that shows it. */
export function fieldError(error: ApiError | undefined, path: string): string | undefined {
  if (!error || error.code !== 'BAD_USER_INPUT') return undefined;
  const direct = error.fieldError(path);
  if (direct) return direct;
  return Object.entries(error.fields).find(([key]) => key.startsWith(`${path}.`) || key.startsWith(`${path}[`))?.[1];
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
}

function FieldShell({ id, label, error, hint, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
    </FieldShell>
  );
}

export function TextArea({ label, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
    </FieldShell>
  );
}

export function SelectField({ label, error, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

export function Checkbox({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A polite live region for "saved" confirmations. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert success" role="status">
      {children}
    </p>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'good' | 'warn' | 'bad' }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}
