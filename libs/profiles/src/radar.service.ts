import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UsersService } from '@switchyard/identity';
import { SwitcherProfileType } from './profile.types';
import { ProfilesService } from './profiles.service';
import { radarAxes } from './radar-axes';
import { renderRadarSvg } from './radar/radar-svg';
import { localName } from './taxonomy/taxonomy.types';

@Injectable()
export class RadarService {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
  ) {}

  /** The switcher's current vs required levels for their target field, in the viewer's language. */
  async render(request: FastifyRequest, profile: SwitcherProfileType): Promise<string> {
    const [view, ratings, user] = await Promise.all([
      this.profiles.view(request),
      this.profiles.latestRatingsLoader(request).load(profile.userId),
      this.users.loader(request).load(profile.userId),
    ]);
    const field = view.snapshot.fieldById.get(profile.targetFieldId)!;
    const levels = new Map([...ratings].map(([id, r]) => [id, r.level]));
    return renderRadarSvg({
      title: `${user?.displayName ?? ''} → ${localName(field, view.locale)}`,
      axes: radarAxes(field, view.snapshot, levels, view.locale),
      locale: view.locale,
    });
  }
}
