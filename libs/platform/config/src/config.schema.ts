import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Switchyard reads, validated once at boot. Code
 * receives the typed `AppConfig`; nothing else reads `process.env`.
 */

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** An empty value (`MAIL_FROM=` in .env) means "use the default". */
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const urlWithProtocols = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/**
 * TRUST_PROXY follows Fastify's `trustProxy`: `true` trusts any proxy, a number
 * trusts that many hops, anything else is a comma-separated list of addresses
 * or CIDR ranges. Unset means the socket address is the client address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): boolean | number | string[] => {
    const v = value?.trim().toLowerCase();
    if (v === undefined || v === '' || v === 'false' || v === '0') return false;
    if (v === 'true' || v === '1' || v === 'yes') return true;
    if (/^\d+$/.test(v)) return Number(v);
    const entries = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (entries.every((e) => /^[0-9a-f:.]+(\/\d{1,3})?$/.test(e))) return entries;
    ctx.addIssue({ code: 'custom', message: 'must be true, false, a hop count or a comma-separated list of IPs/CIDRs' });
    return false;
  });

/** Weights of the match score's components; unset ones keep the documented defaults (libs/matching). */
export const MATCH_WEIGHT_VARIABLES = [
  'MATCH_WEIGHT_GAP_COVERAGE',
  'MATCH_WEIGHT_FIELD_FIT',
  'MATCH_WEIGHT_SAME_SWITCH',
  'MATCH_WEIGHT_TIME_OVERLAP',
  'MATCH_WEIGHT_LANGUAGE',
  'MATCH_WEIGHT_LOAD',
  'MATCH_WEIGHT_RELIABILITY',
] as const;

const WEIGHT_KEYS = {
  MATCH_WEIGHT_GAP_COVERAGE: 'gapCoverage',
  MATCH_WEIGHT_FIELD_FIT: 'fieldFit',
  MATCH_WEIGHT_SAME_SWITCH: 'sameSwitch',
  MATCH_WEIGHT_TIME_OVERLAP: 'timeOverlap',
  MATCH_WEIGHT_LANGUAGE: 'language',
  MATCH_WEIGHT_LOAD: 'load',
  MATCH_WEIGHT_RELIABILITY: 'reliability',
} as const;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: optionalString.refine(
      (v) => v === undefined || urlWithProtocols(['redis:', 'rediss:']).safeParse(v).success,
      'must be a URL starting with redis:// or rediss://',
    ),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "_" or "-"')
      .default('switchyard'),
    JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BOOTSTRAP_ADMIN_EMAIL: optionalString.refine((v) => v === undefined || z.email().safeParse(v).success, 'must be an email address'),
    BOOTSTRAP_ADMIN_PASSWORD: optionalString.refine(
      (v) => v === undefined || ([...v].length >= 12 && [...v].length <= 128),
      'must be 12-128 characters',
    ),
    TRUST_PROXY: trustProxy,
    SMTP_URL: optionalString.refine((v) => v === undefined || urlWithProtocols(['smtp:', 'smtps:']).safeParse(v).success, 'must be a URL starting with smtp:// or smtps://'),
    MAIL_FROM: blankAsUnset(
      z
        .string()
        .trim()
        .max(200, 'must be at most 200 characters')
        .refine((v) => /^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(v), 'must be an address such as "Switchyard <no-reply@example.org>"')
        .default('Switchyard <no-reply@localhost>'),
    ),
    MAIL_DIR: blankAsUnset(z.string().trim().default('.data/mail')),
    UNSUBSCRIBE_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
    EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
    EMAIL_RELAY_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    EMAIL_CLAIM_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
    RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: positiveInt(5),
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: positiveInt(10),
    RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: positiveInt(10),
    RATE_LIMIT_REQUESTS_PER_USER_PER_MINUTE: positiveInt(600),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    WORKER_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(10000),
    MENTORSHIP_REQUEST_TTL_HOURS: z.coerce.number().min(0.0001).max(24 * 60).default(168),
    MAX_PENDING_MENTORSHIP_REQUESTS: z.coerce.number().int().min(1).max(50).default(3),
    ...Object.fromEntries(MATCH_WEIGHT_VARIABLES.map((name) => [name, z.coerce.number().min(0).max(100).optional()])),
    MATCH_OVERLAP_WEEKS: z.coerce.number().int().min(1).max(12).default(4),
    MATCH_OVERLAP_TARGET_MINUTES: z.coerce.number().int().min(15).max(2400).default(180),
    PUBLIC_URL: optionalString.refine(
      (v) => v === undefined || urlWithProtocols(['http:', 'https:']).safeParse(v).success,
      'must be an http:// or https:// URL',
    ),
    SESSIONS_AHEAD: z.coerce.number().int().min(1).max(12).default(4),
    SESSION_REMINDER_MINUTES: z
      .string()
      .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be a comma-separated list of minutes, e.g. "1440,60"')
      .default('1440,60')
      .transform((v) => [...new Set(v.split(',').map((m) => Number(m.trim())))].sort((a, b) => b - a))
      .refine((list) => list.length <= 5 && list.every((m) => m > 0 && m <= 7 * 24 * 60), 'must list 1-5 values above 0 and at most 10080'),
    DEMO_DATA: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  })
  .superRefine((c, ctx) => {
    if ((c.BOOTSTRAP_ADMIN_EMAIL === undefined) !== (c.BOOTSTRAP_ADMIN_PASSWORD === undefined)) {
      const missing = c.BOOTSTRAP_ADMIN_EMAIL === undefined ? 'BOOTSTRAP_ADMIN_EMAIL' : 'BOOTSTRAP_ADMIN_PASSWORD';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other BOOTSTRAP_ADMIN_* variable' });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;

/** Which process is booting decides which optional variables become required. */
export type ProcessRole = 'api' | 'worker' | 'tool';

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  logLevel: RawConfig['LOG_LEVEL'];
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    bootstrapAdmin?: { email: string; password: string };
  };
  trustProxy: boolean | number | string[];
  smtpUrl?: string;
  mail: {
    /** Without smtpUrl, messages are written as .eml files under `dir` (absolute). */
    smtpUrl?: string;
    from: string;
    dir: string;
    /** Sends of one message before it is FAILED (transient errors only; permanent ones fail at once). */
    maxAttempts: number;
    /** First retry delay; each later one doubles, with jitter. */
    retryBaseMs: number;
    /** How often the worker looks for due outbox rows. */
    relayIntervalMs: number;
    /** A row claimed for sending this long ago (a killed worker) is claimed again. */
    claimTimeoutMs: number;
  };
  /**
   * Key material of unsubscribe links: UNSUBSCRIBE_SECRET, else JWT_SECRET;
   * empty when neither is set (the worker then sends mail without links).
   */
  unsubscribeSecret: string;
  rateLimits: {
    loginPerIpPerMinute: number;
    loginFailuresPerAccountPerHour: number;
    registerPerIpPerHour: number;
    requestsPerUserPerMinute: number;
  };
  /** `processes`: worker processes `npm start` runs (each with `concurrency` jobs per queue). */
  worker: { concurrency: number; processes: number };
  shutdownTimeoutMs: number;
  /** `npm start` loads demo accounts into an empty database. */
  demoData: boolean;
  mentorship: { requestTtlMs: number; maxPendingRequests: number };
  /** Base of absolute links in invites, feeds and emails (no trailing slash). */
  publicUrl: string;
  scheduling: {
    /** How many future sessions background scheduling keeps booked per mentorship. */
    sessionsAhead: number;
    /** Reminder offsets before a session, largest first. */
    reminderMinutes: number[];
  };
  matching: {
    /** Only the weights the operator set; the rest keep the scorer's defaults. */
    weights: Partial<Record<(typeof WEIGHT_KEYS)[keyof typeof WEIGHT_KEYS], number>>;
    overlapWeeks: number;
    overlapTargetMinutes: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError that lists every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>, role: ProcessRole = 'api'): AppConfig {
  const parsed = configSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const message = issue.code === 'invalid_type' && env[name] === undefined ? 'is required' : issue.message;
        return `${name} ${message}`;
      });
  if (parsed.success && role !== 'tool' && parsed.data.REDIS_URL === undefined) {
    problems.push('REDIS_URL is required');
  }
  if (parsed.success && role === 'api' && parsed.data.JWT_SECRET === undefined) {
    problems.push('JWT_SECRET is required (at least 32 random characters, e.g. `openssl rand -base64 48`)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    isProduction: c.NODE_ENV === 'production',
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    database: { url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE },
    redis: { url: c.REDIS_URL ?? '', prefix: c.REDIS_PREFIX },
    auth: {
      jwtSecret: c.JWT_SECRET ?? '',
      accessTokenTtlSeconds: c.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: c.REFRESH_TOKEN_TTL_DAYS,
      bootstrapAdmin:
        c.BOOTSTRAP_ADMIN_EMAIL && c.BOOTSTRAP_ADMIN_PASSWORD
          ? { email: c.BOOTSTRAP_ADMIN_EMAIL, password: c.BOOTSTRAP_ADMIN_PASSWORD }
          : undefined,
    },
    trustProxy: c.TRUST_PROXY,
    smtpUrl: c.SMTP_URL,
    mail: {
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM,
      dir: resolve(c.MAIL_DIR),
      maxAttempts: c.EMAIL_MAX_ATTEMPTS,
      retryBaseMs: c.EMAIL_RETRY_BASE_MS,
      relayIntervalMs: c.EMAIL_RELAY_INTERVAL_MS,
      claimTimeoutMs: c.EMAIL_CLAIM_TIMEOUT_SECONDS * 1000,
    },
    unsubscribeSecret: c.UNSUBSCRIBE_SECRET ?? c.JWT_SECRET ?? '',
    rateLimits: {
      loginPerIpPerMinute: c.RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE,
      loginFailuresPerAccountPerHour: c.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR,
      registerPerIpPerHour: c.RATE_LIMIT_REGISTER_PER_IP_PER_HOUR,
      requestsPerUserPerMinute: c.RATE_LIMIT_REQUESTS_PER_USER_PER_MINUTE,
    },
    worker: { concurrency: c.WORKER_CONCURRENCY, processes: c.WORKER_PROCESSES },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    demoData: c.DEMO_DATA,
    matching: {
      weights: Object.fromEntries(
        MATCH_WEIGHT_VARIABLES.filter((name) => (c as Record<string, unknown>)[name] !== undefined).map((name) => [
          WEIGHT_KEYS[name],
          (c as Record<string, unknown>)[name] as number,
        ]),
      ),
      overlapWeeks: c.MATCH_OVERLAP_WEEKS,
      overlapTargetMinutes: c.MATCH_OVERLAP_TARGET_MINUTES,
    },
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    scheduling: { sessionsAhead: c.SESSIONS_AHEAD, reminderMinutes: c.SESSION_REMINDER_MINUTES },
    mentorship: { requestTtlMs: Math.round(c.MENTORSHIP_REQUEST_TTL_HOURS * 3600 * 1000), maxPendingRequests: c.MAX_PENDING_MENTORSHIP_REQUESTS },
  };
}
