import { Controller, Get, Header, Inject, Param, Query, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { isId, NotFoundError, Public, UnauthenticatedError } from '@switchyard/graphql';
import { Role } from '@switchyard/identity';
import { CalendarEvent, FeedTokens, sessionInvite } from '@switchyard/scheduling';
import { MeetupRow, MeetupStatus, meetupColumns } from './meetup.types';


/**
 * A meetup as an RFC 5545 invite, for people going and the community's
 * organizers. Calendar apps cannot send a Bearer header, so the link carries
 * the user's calendar feed token instead (same token as the session links).
 */
@Controller('calendar')
export class MeetupCalendarController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: FeedTokens,
  ) {}

  @Public()
  @Get('meetups/:file')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  async meetup(@Param('file') file: string, @Query('token') token: string | undefined, @Req() request: FastifyRequest): Promise<string> {
    const id = file.replace(/\.ics$/, '');
    const viewer = request.user ?? null;
    const viewerId = viewer?.id ?? (token ? await this.feeds.verify(token) : null);
    if (!viewerId) throw new UnauthenticatedError('Sign in or use the link with your calendar token.');
    if (!isId(id)) throw new NotFoundError('Meetup', id);
    const isAdmin = viewer?.roles.includes(Role.ADMIN) ?? false;
    // One answer for "no such meetup" and "not yours": nothing to learn by probing ids.
    const [row] = await this.dataSource.query<(MeetupRow & { community_name: string })[]>(
      `SELECT ${meetupColumns('m')}, c.name AS community_name
         FROM meetups m JOIN communities c ON c.id = m.community_id
        WHERE m.id = $1
          AND ($3 OR EXISTS (SELECT 1 FROM meetup_rsvps r WHERE r.meetup_id = m.id AND r.user_id = $2 AND r.status = 'GOING')
                  OR EXISTS (SELECT 1 FROM community_organizers co WHERE co.community_id = m.community_id AND co.user_id = $2))`,
      [id, viewerId, isAdmin],
    );
    if (!row) throw new NotFoundError('Meetup', id);
    return sessionInvite(this.event(row));
  }

  private event(row: MeetupRow & { community_name: string }): CalendarEvent {
    const host = new URL(this.config.publicUrl).hostname;
    // Attendees stay private: the invite names the community, the address is the platform's.
    const mailbox = `meetups@${host.includes('.') ? host : `${host}.invalid`}`;
    const place = [row.location ? `Where: ${row.location}` : null, row.online_url ? `Online: ${row.online_url}` : null].filter(Boolean).join('\n');
    const description = [
      row.description,
      place,
      `Times are in UTC. The meetup is in ${row.time_zone}.`,
      row.status === MeetupStatus.CANCELLED ? `Cancelled${row.cancel_reason ? `: ${row.cancel_reason}` : '.'}` : null,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      uid: `meetup-${row.id}@switchyard`,
      sequence: row.version,
      start: row.starts_at,
      end: row.ends_at,
      status: row.status === MeetupStatus.CANCELLED ? 'CANCELLED' : 'CONFIRMED',
      summary: row.title,
      description,
      organizer: { name: row.community_name, email: mailbox },
      attendees: [],
      organizerTimeZone: row.time_zone,
      url: row.online_url ?? `${this.config.publicUrl}/calendar/meetups/${row.id}.ics`,
      lastModified: row.updated_at,
    };
  }
}
