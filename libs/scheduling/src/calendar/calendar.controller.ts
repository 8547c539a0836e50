import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { isId, NotFoundError, Public, UnauthenticatedError } from '@switchyard/graphql';
import { SESSION_COLUMNS, SessionRow } from '../sessions/session.types';
import { CalendarEvent, sessionFeed, sessionInvite } from './ics';
import { FeedTokens } from './feed-tokens';

/** Past sessions a feed keeps: enough for a calendar's history, bounded for a big account. */
const FEED_PAST_DAYS = 90;

/**
 * Calendar files. Calendar apps cannot send a Bearer header, so both routes
 * also take the user's secret feed token; the session route accepts either.
 */
@Controller('calendar')
export class CalendarController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: FeedTokens,
  ) {}

  @Public()
  @Get('sessions/:file')
  @Header('content-type', 'text/calendar; charset=utf-8; method=REQUEST')
  @Header('cache-control', 'private, no-store')
  async session(@Param('file') file: string, @Query('token') token: string | undefined, @Req() request: FastifyRequest): Promise<string> {
    const id = file.replace(/\.ics$/, '');
    const viewerId = request.user?.id ?? (token ? await this.feeds.verify(token) : null);
    if (!viewerId) throw new UnauthenticatedError('Sign in or use the link with your calendar token.');
    if (!isId(id)) throw new NotFoundError('Session', id);
    const [event] = await this.events('s.id = $1 AND (s.mentor_id = $2 OR s.switcher_id = $2)', [id, viewerId]);
    if (!event) throw new NotFoundError('Session', id);
    return sessionInvite(event);
  }

  @Public()
  @Get('feed/:file')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  async feed(@Param('file') file: string): Promise<string> {
    const userId = await this.feeds.verify(file.replace(/\.ics$/, ''));
    // One answer for malformed, forged and revoked tokens: nothing to learn by probing.
    if (!userId) throw new NotFoundError('Calendar feed');
    const events = await this.events(
      `(s.mentor_id = $1 OR s.switcher_id = $1) AND s.starts_at > now() - $2 * interval '1 day'`,
      [userId, FEED_PAST_DAYS],
    );
    return sessionFeed('Switchyard sessions', events);
  }

  private async events(where: string, params: unknown[]): Promise<CalendarEvent[]> {
    const rows = await this.dataSource.query<(SessionRow & { mentor_name: string; switcher_name: string })[]>(
      `SELECT ${SESSION_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}, m.display_name AS mentor_name, w.display_name AS switcher_name
         FROM mentoring_sessions s JOIN users m ON m.id = s.mentor_id JOIN users w ON w.id = s.switcher_id
        WHERE ${where} ORDER BY s.starts_at LIMIT 2000`,
      params,
    );
    const host = new URL(this.config.publicUrl).hostname;
    // Participants' emails stay private: invites name people, the address is the platform's.
    const mailbox = `sessions@${host.includes('.') ? host : `${host}.invalid`}`;
    return rows.map((r) => ({
      uid: `${r.id}@switchyard`,
      sequence: r.sequence,
      start: r.starts_at,
      end: r.ends_at,
      status: r.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
      summary: `Mentoring session: ${r.mentor_name} & ${r.switcher_name}`,
      description: `Times are in UTC. The mentor (organiser) is in ${r.mentor_time_zone}.${r.cancel_reason ? `\nCancelled: ${r.cancel_reason}` : ''}`,
      organizer: { name: r.mentor_name, email: mailbox },
      attendees: [{ name: r.switcher_name, email: mailbox }],
      organizerTimeZone: r.mentor_time_zone,
      url: `${this.config.publicUrl}/calendar/sessions/${r.id}.ics`,
      lastModified: r.updated_at,
    }));
  }
}
