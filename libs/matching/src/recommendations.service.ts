import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, Role, UsersService } from '@switchyard/identity';
import { MentorChanges, TaxonomyService, localName } from '@switchyard/profiles';
import { FeaturesRepository } from './features.repository';
import { RecommendationIndex } from './index/recommendation-index';
import { MentorFeatures, NameLookup } from './score/features';
import { DEFAULT_WEIGHTS, MentorMatch, ScoreOptions } from './score/score';

/** Monday 00:00 UTC of the week containing `now`: the overlap horizon starts there, so it changes once a week. */
export function horizonStart(now: Date): Date {
  const day = (now.getUTCDay() + 6) % 7; // 0 = Monday
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

/**
 * Mentor recommendations from an in-memory index of every mentor, built on
 * first use and kept current by mentor-change events (this process at once,
 * others through Redis). The horizon moves weekly; the index is rebuilt then.
 */
@Injectable()
export class RecommendationsService implements OnModuleInit {
  private readonly logger = new Logger(RecommendationsService.name);
  private state?: { weekStart: number; ready: Promise<RecommendationIndex> };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly features: FeaturesRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
    private readonly mentorChanges: MentorChanges,
  ) {}

  onModuleInit(): void {
    this.mentorChanges.listen((mentorId) => this.refresh(mentorId));
  }

  options(now = new Date()): ScoreOptions {
    return {
      weights: { ...DEFAULT_WEIGHTS, ...this.config.matching.weights },
      weekStart: horizonStart(now),
      weeks: this.config.matching.overlapWeeks,
      overlapTargetMinutes: this.config.matching.overlapTargetMinutes,
    };
  }

  async forViewer(request: FastifyRequest, viewer: AuthUser, first: number): Promise<MentorMatch[]> {
    if (!viewer.roles.includes(Role.SWITCHER)) throw new ForbiddenError('Recommendations are for switchers.');
    if (!Number.isInteger(first) || first < 1 || first > 50) throw BadUserInputError.field('first', 'must be between 1 and 50');
    const locale = await this.users.viewerLocale(request);
    return this.recommend(viewer.id, first, locale);
  }

  async recommend(switcherId: string, k: number, locale: 'en' | 'zh-CN'): Promise<MentorMatch[]> {
    const switcher = await this.features.switcher(switcherId);
    if (!switcher) throw new NotFoundError('Your switcher profile (create it with upsertSwitcherProfile to get recommendations)');
    // One instant for both, so the index and the options agree on the horizon even across Monday 00:00 UTC.
    const now = new Date();
    const [index, names] = await Promise.all([this.index(now), this.names(locale)]);
    return index.topK(switcher, k, this.options(now), names);
  }

  /** Display names of the top mentors for a switcher (for notifications). */
  async recommendNames(switcherId: string, count: number): Promise<string[]> {
    const { locale } = await this.users.get(switcherId);
    const matches = await this.recommend(switcherId, count, locale as 'en' | 'zh-CN');
    const mentors = await Promise.all(matches.map((m) => this.users.get(m.mentorId)));
    return mentors.map((m) => m.displayName);
  }

  private async names(locale: 'en' | 'zh-CN'): Promise<NameLookup> {
    const taxonomy = await this.taxonomy.snapshot();
    return {
      locale,
      skillName: (id) => {
        const skill = taxonomy.skillById.get(id);
        return skill ? localName(skill, locale) : id;
      },
      fieldName: (id) => {
        const field = taxonomy.fieldById.get(id);
        return field ? localName(field, locale) : id;
      },
    };
  }

  private index(now = new Date()): Promise<RecommendationIndex> {
    const weekStart = horizonStart(now).getTime();
    if (!this.state || this.state.weekStart !== weekStart) {
      const ready = this.build(new Date(weekStart));
      this.state = { weekStart, ready };
      ready.catch(() => {
        if (this.state?.ready === ready) this.state = undefined;
      });
    }
    return this.state.ready;
  }

  private async build(weekStart: Date): Promise<RecommendationIndex> {
    const started = Date.now();
    const [mentors, taxonomy] = await Promise.all([this.features.mentors(), this.taxonomy.snapshot()]);
    const index = new RecommendationIndex({
      weekStart,
      weeks: this.config.matching.overlapWeeks,
      skillIds: taxonomy.skills.map((s) => s.id),
      fieldIds: taxonomy.fields.map((f) => f.id),
    });
    for (const mentor of mentors) index.upsert(mentor);
    this.logger.log(`recommendation index: ${index.size} mentors in ${Date.now() - started} ms (horizon from ${weekStart.toISOString()})`);
    return index;
  }

  private async refresh(mentorId: string): Promise<void> {
    if (!this.state) return; // built from the database on first use
    const index = await this.state.ready.catch(() => undefined);
    if (!index) return;
    const [mentor] = await this.features.mentors([mentorId]);
    if (mentor) index.upsert(mentor as MentorFeatures);
    else index.remove(mentorId);
  }

}
