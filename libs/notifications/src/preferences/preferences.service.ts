import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';

export interface NotificationPreferences {
  referralDigest: boolean;
  meetupDigest: boolean;
  sessionReminders: boolean;
  emailNotifications: boolean;
  /** ISO weekday in the user's own zone. */
  digestWeekday: number;
  digestHour: number;
}

/**
 * What a user without a row has. SQL that reads preferences for many users
 * (digests) LEFT JOINs notification_preferences and COALESCEs to these.
 */
export const DEFAULT_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  referralDigest: true,
  meetupDigest: true,
  sessionReminders: true,
  emailNotifications: true,
  digestWeekday: 1,
  digestHour: 9,
});

const COLUMNS = {
  referralDigest: 'referral_digest',
  meetupDigest: 'meetup_digest',
  sessionReminders: 'session_reminders',
  emailNotifications: 'email_notifications',
  digestWeekday: 'digest_weekday',
  digestHour: 'digest_hour',
} as const satisfies Record<keyof NotificationPreferences, string>;

/** The preference an unsubscribe link turns off. */
export const UNSUBSCRIBE_PREFERENCE: Record<UnsubscribeKind, keyof NotificationPreferences> = {
  [UnsubscribeKind.REFERRAL]: 'referralDigest',
  [UnsubscribeKind.MEETUP]: 'meetupDigest',
  [UnsubscribeKind.SESSION_REMINDERS]: 'sessionReminders',
  [UnsubscribeKind.ALL]: 'emailNotifications',
};

type Row = Record<(typeof COLUMNS)[keyof typeof COLUMNS], unknown>;

function toPreferences(row: Row | undefined): NotificationPreferences {
  if (!row) return { ...DEFAULT_PREFERENCES };
  return Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, row[column]])) as unknown as NotificationPreferences;
}

const SELECT = `SELECT ${Object.values(COLUMNS).join(', ')} FROM notification_preferences WHERE user_id = $1`;

@Injectable()
export class PreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A user's preferences (defaults when they never changed any); pass the manager to read inside a transaction. */
  async get(userId: string, manager: EntityManager = this.dataSource.manager): Promise<NotificationPreferences> {
    const [row] = await manager.query<Row[]>(SELECT, [userId]);
    return toPreferences(row);
  }

  /**
   * Sets the given preferences and keeps the others, in one statement so two
   * concurrent updates of different fields both stick. Null when the user
   * does not exist (any more).
   */
  async update(
    userId: string,
    changes: Partial<Record<keyof NotificationPreferences, boolean | number | null>>,
  ): Promise<NotificationPreferences | null> {
    const keys = (Object.keys(COLUMNS) as (keyof NotificationPreferences)[]).filter((key) => changes[key] !== undefined && changes[key] !== null);
    const params: unknown[] = [userId, ...keys.map((key) => changes[key])];
    const columns = keys.map((key) => COLUMNS[key]);
    const updates = [...columns.map((column) => `${column} = EXCLUDED.${column}`), 'updated_at = now()'];
    // INSERT ... SELECT FROM users: a deleted account inserts nothing instead of failing on the foreign key.
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO notification_preferences (${['user_id', ...columns].join(', ')})
       SELECT ${['id', ...keys.map((key, i) => `$${i + 2}::${typeof DEFAULT_PREFERENCES[key] === 'boolean' ? 'boolean' : 'smallint'}`)].join(', ')} FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET ${updates.join(', ')}
       RETURNING ${Object.values(COLUMNS).join(', ')}`,
      params,
    );
    return row ? toPreferences(row) : null;
  }

  /** Turns off what an unsubscribe link names; false when the user no longer exists. */
  async unsubscribe(userId: string, kind: UnsubscribeKind): Promise<boolean> {
    return (await this.update(userId, { [UNSUBSCRIBE_PREFERENCE[kind]]: false })) !== null;
  }
}
