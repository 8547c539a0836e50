import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BadUserInputError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, CurrentUser } from '@switchyard/identity';
import { ProfilesService } from './profiles.service';
import { RadarService } from './radar.service';

@Controller('profiles')
export class RadarController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly radar: RadarService,
  ) {}

  /** Same visibility as the switcher profile; send the access token as a Bearer header. */
  @Get(':userId/radar.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  // Private: it shows someone's self-assessment.
  @Header('cache-control', 'private, no-store')
  async radarSvg(@Param('userId') userId: string, @CurrentUser() viewer: AuthUser, @Req() request: FastifyRequest): Promise<string> {
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw BadUserInputError.field('userId', 'is not a user id');
    const profile = await this.profiles.visibleSwitcherProfile(request, viewer, userId);
    if (!profile) throw new NotFoundError('Switcher profile of user', userId);
    return this.radar.render(request, profile);
  }
}
