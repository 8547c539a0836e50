import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError } from '@switchyard/graphql';
import { PreferencesService } from './preferences/preferences.service';
import { NotificationData, NotificationKind, renderNotification } from './templates';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * Kinds that are session reminders: mailed only while `sessionReminders` is on
 * (SessionsService.remind also skips the in-app copy then).
 */
export const SESSION_REMINDER_KINDS: ReadonlySet<string> = new Set(['session.reminder']);

type Render = (locale: 'en' | 'zh-CN', timeZone: string) => { title: string; body: string };

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: PreferencesService,
  ) {}

  /**
   * Records a notification inside the caller's transaction, so it exists
   * exactly when the change that caused it commits, together with its email
   * (an outbox row the worker relays) when the user's preferences allow one.
   */
  async notify(manager: EntityManager, userId: string, kind: NotificationKind, data: NotificationData): Promise<void> {
    await this.record(manager, userId, kind, data, (locale, timeZone) => renderNotification(kind, data, locale, timeZone));
  }

  /**
   * Like notify, for features that keep their own texts: `render` gets the
   * recipient's locale and time zone. `kind` is a dotted name such as
   * `meetup.promoted`; data must hold ids and the few names a text needs.
   * The email's subject is the title and its text the body.
   */
  async notifyText(manager: EntityManager, userId: string, kind: string, data: Record<string, unknown>, render: Render): Promise<void> {
    await this.record(manager, userId, kind, data, render);
  }

  /** Whether a user wants something, read inside the caller's transaction. */
  async allows(manager: EntityManager, userId: string, preference: 'sessionReminders' | 'emailNotifications'): Promise<boolean> {
    return (await this.preferences.get(userId, manager))[preference];
  }

  private async record(manager: EntityManager, userId: string, kind: string, data: Record<string, unknown>, render: Render): Promise<void> {
    const [user] = await manager.query<{ locale: string; time_zone: string; email: boolean; session_reminders: boolean }[]>(
      `SELECT u.locale, u.time_zone, coalesce(p.email_notifications, true) AS email, coalesce(p.session_reminders, true) AS session_reminders
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    if (!user) return;
    const { title, body } = render(user.locale === 'zh-CN' ? 'zh-CN' : 'en', user.time_zone);
    const email = user.email && (!SESSION_REMINDER_KINDS.has(kind) || user.session_reminders);
    // The outbox row names the notification, not its text or the address:
    // the relay reads both when it sends, so a changed address is honoured.
    await manager.query(
      `WITH n AS (INSERT INTO notifications (user_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5) RETURNING id)
       INSERT INTO email_outbox (user_id, notification_id, kind) SELECT $1, n.id, $2 FROM n WHERE $6::boolean`,
      [userId, kind, title, body, JSON.stringify(data), email],
    );
  }

  async list(userId: string, options: { first?: number | null; unreadOnly?: boolean | null }): Promise<NotificationRow[]> {
    const first = options.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw BadUserInputError.field('first', 'must be between 1 and 100');
    const rows = await this.dataSource.query(
      `SELECT id, kind, title, body, data, created_at, read_at FROM notifications
        WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [userId, options.unreadOnly ?? false, first],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      kind: r.kind as string,
      title: r.title as string,
      body: r.body as string,
      data: r.data as Record<string, unknown>,
      createdAt: r.created_at as Date,
      readAt: r.read_at as Date | null,
    }));
  }

  /** Marks the caller's own notifications read; returns how many changed. */
  async markRead(userId: string, ids: string[]): Promise<number> {
    if (ids.length > 500) throw BadUserInputError.field('ids', 'must list at most 500 ids');
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length !== ids.length) throw BadUserInputError.field('ids', 'must be notification ids');
    const result = await this.dataSource.query(
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL',
      [userId, valid],
    );
    return result[1] as number;
  }
}
