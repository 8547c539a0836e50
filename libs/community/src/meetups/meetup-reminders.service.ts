import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { NotificationsService } from '@switchyard/notifications';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { MEETUP_COLUMNS, MeetupRow, MeetupStatus } from './meetup.types';
import { meetupTexts } from './meetup-texts';
import { meetupReminderJobId, planReminders } from './reminder-plan';

/** The sweeper runs this often; a reminder whose job was lost is sent up to this late. */
export const MEETUP_SWEEP_EVERY_MS = 10 * 60_000;

type ReminderSubject = Pick<MeetupRow, 'id' | 'version' | 'starts_at' | 'status'>;

/**
 * Meetup reminders: delayed jobs per offset keyed by meetup, version and
 * offset, re-checked when they run, with a ledger row as the claim so a
 * duplicate job (retry, sweeper re-creation) sends nothing twice.
 */
@Injectable()
export class MeetupRemindersService {
  private readonly logger = new Logger(MeetupRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.community) private readonly queue: Queue,
    private readonly notifications: NotificationsService,
  ) {}

  /** Queues the meetup's reminders; failures are logged, as the sweeper re-creates them. */
  async schedule(meetup: ReminderSubject, now = Date.now(), lateGraceMs = 0): Promise<number> {
    if (meetup.status !== MeetupStatus.SCHEDULED) return 0;
    let added = 0;
    for (const { minutesBefore, delay } of planReminders(meetup.starts_at, this.config.scheduling.reminderMinutes, now, lateGraceMs)) {
      try {
        await this.add(
          'meetup-reminder',
          { meetupId: meetup.id, version: meetup.version, minutesBefore },
          { delay, jobId: meetupReminderJobId(meetup.id, meetup.version, minutesBefore) },
        );
        added += 1;
      } catch (error) {
        this.logger.warn(`could not queue a reminder of meetup ${meetup.id}: ${(error as Error).message}`);
      }
    }
    return added;
  }

  /** Best effort: a reminder job that still runs re-reads the meetup and sends nothing. */
  async unschedule(meetup: Pick<MeetupRow, 'id' | 'version'>): Promise<void> {
    await Promise.all(
      this.config.scheduling.reminderMinutes.map((m) => this.queue.remove(meetupReminderJobId(meetup.id, meetup.version, m)).catch(() => 0)),
    );
  }

  /**
   * Sends one reminder to every GOING attendee if the meetup still stands as
   * planned (same version, not cancelled, not started) and no ledger row
   * exists yet. The ledger insert and the notifications commit together.
   */
  async remind(meetupId: string, version: number, minutesBefore: number, now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: a concurrent cancel waits for this send, or this send sees the cancel.
      const [meetup] = await manager.query<MeetupRow[]>(`SELECT ${MEETUP_COLUMNS} FROM meetups WHERE id = $1 FOR SHARE`, [meetupId]);
      if (!meetup || meetup.status !== MeetupStatus.SCHEDULED || meetup.version !== version) return 0;
      if (meetup.starts_at.getTime() <= now.getTime()) return 0;
      const attendees = await manager.query<{ user_id: string }[]>(
        `SELECT user_id FROM meetup_rsvps WHERE meetup_id = $1 AND status = 'GOING' ORDER BY queue_seq`,
        [meetupId],
      );
      const claimed = await manager.query(
        `INSERT INTO meetup_reminders (meetup_id, version, minutes_before, recipients) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING meetup_id`,
        [meetupId, version, minutesBefore, attendees.length],
      );
      if (claimed.length === 0) return 0;
      const render = meetupTexts.reminder({ title: meetup.title, startsAt: meetup.starts_at }, now);
      const data = { meetupId, communityId: meetup.community_id, startsAt: meetup.starts_at.toISOString(), minutesBefore, version };
      for (const { user_id } of attendees) await this.notifications.notifyText(manager, user_id, 'meetup.reminder', data, render);
      return attendees.length;
    });
  }

  /**
   * The safety net: re-queues reminders of meetups starting within the
   * longest offset whose ledger rows are missing. Same job ids, so jobs that
   * still exist are not duplicated; the ledger stops a second send.
   */
  async sweep(now = new Date()): Promise<{ reminders: number }> {
    const offsets = this.config.scheduling.reminderMinutes;
    const longest = Math.max(...offsets);
    const due = await this.dataSource.query<ReminderSubject[]>(
      `SELECT id, version, starts_at, status FROM meetups m
        WHERE status = 'SCHEDULED' AND starts_at > $1 AND starts_at <= $1 + $2 * interval '1 minute'
          AND (SELECT count(*) FROM meetup_reminders r WHERE r.meetup_id = m.id AND r.version = m.version) < $3
        ORDER BY starts_at LIMIT 5000`,
      [now, longest + 60, offsets.length],
    );
    let reminders = 0;
    for (const row of due) reminders += await this.schedule(row, now.getTime(), MEETUP_SWEEP_EVERY_MS + 60_000);
    return { reminders };
  }

  private add<N extends JobName<'community'>>(name: N, data: JobPayload<'community', N>, opts: { delay?: number; jobId: string }) {
    return this.queue.add(name, data, opts);
  }
}
