import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions, isEmail } from 'class-validator';
import { LOCALES, SELF_CHOSEN_ROLES } from '../role';
import { timeZoneProblem } from '../time-zone';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Emails compare case-insensitively and without surrounding blanks. */
export const NormalizeEmail = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC').toLowerCase() : value));

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export const IsEmailAddress = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isEmailAddress',
      validator: {
        validate: (value) => typeof value === 'string' && value.length <= 254 && isEmail(value),
        defaultMessage: () => 'must be a valid email address',
      },
    },
    options,
  );

/** Length in characters (code points), not UTF-16 units, so a password of emoji counts fairly. */
export const IsPassword = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPassword',
      validator: {
        validate: (value) => typeof value === 'string' && [...value].length >= PASSWORD_MIN && [...value].length <= PASSWORD_MAX,
        defaultMessage: () => `must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters long`,
      },
    },
    options,
  );

export const IsTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => typeof value === 'string' && timeZoneProblem(value) === undefined,
        defaultMessage: (args) => timeZoneProblem(String(args?.value ?? '')) ?? 'must be an IANA time zone name',
      },
    },
    options,
  );

export const IsLocale = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLocale',
      validator: {
        validate: (value) => (LOCALES as readonly unknown[]).includes(value),
        defaultMessage: () => `must be one of ${LOCALES.join(', ')}`,
      },
    },
    options,
  );

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const IsLanguageList = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLanguageList',
      validator: {
        validate: (value) =>
          Array.isArray(value) &&
          value.length <= 10 &&
          new Set(value).size === value.length &&
          value.every((v) => typeof v === 'string' && LANGUAGE_TAG.test(v)),
        defaultMessage: () => 'must be at most 10 distinct language codes such as "en" or "zh"',
      },
    },
    options,
  );

export const IsSelfChosenRoles = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isSelfChosenRoles',
      validator: {
        validate: (value) =>
          Array.isArray(value) && value.length > 0 && value.every((role) => SELF_CHOSEN_ROLES.includes(role)),
        defaultMessage: (args) =>
          Array.isArray(args?.value) && args.value.includes('ADMIN')
            ? 'ADMIN cannot be chosen; administrators are set up by the operator'
            : `must name at least one of ${SELF_CHOSEN_ROLES.join(', ')}`,
      },
    },
    options,
  );

export const IsDisplayName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDisplayName',
      validator: {
        // eslint-disable-next-line no-control-regex
        validate: (value) => typeof value === 'string' && value.length >= 1 && value.length <= 80 && !/[\u0000-\u001f\u007f]/.test(value),
        defaultMessage: () => 'must be 1-80 characters without control characters',
      },
    },
    options,
  );
