import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { REDIS } from '@switchyard/redis';
import { DimensionInfo, FieldInfo, SkillInfo, TaxonomySnapshot } from './taxonomy.types';

/** A cached copy is trusted this long even if an invalidation message was missed. */
const MAX_AGE_MS = 60_000;

/**
 * The taxonomy is small and read by nearly every profile request, so each API
 * process keeps it in memory. Administrators' changes invalidate the copy here
 * at once and in every other process through Redis pub/sub; the age limit
 * covers a message lost while a subscriber was reconnecting.
 */
@Injectable()
export class TaxonomyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaxonomyService.name);
  private cached?: { loadedAt: number; snapshot: Promise<TaxonomySnapshot> };
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redis.prefix}:taxonomy-changed`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', () => {
      this.cached = undefined;
    });
    await this.subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`taxonomy invalidation channel unavailable (${error.message}); relying on the ${MAX_AGE_MS / 1000} s cache limit`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }

  snapshot(): Promise<TaxonomySnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.loadedAt > MAX_AGE_MS) {
      const snapshot = this.load();
      this.cached = { loadedAt: now, snapshot };
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = undefined;
      });
    }
    return this.cached.snapshot;
  }

  /** Drops this process's copy and tells the others to drop theirs. */
  async invalidate(): Promise<void> {
    this.cached = undefined;
    await this.redis.publish(this.channel, String(Date.now())).catch(() => undefined);
  }

  private async load(): Promise<TaxonomySnapshot> {
    const [dimensions, skills, fields, requirements] = await Promise.all([
      this.dataSource.query<{ id: string; slug: string; name_en: string; name_zh: string; position: number }[]>(
        'SELECT id, slug, name_en, name_zh, position FROM skill_dimensions ORDER BY position, slug',
      ),
      this.dataSource.query<{ id: string; slug: string; dimension_id: string; name_en: string; name_zh: string; position: number }[]>(
        'SELECT id, slug, dimension_id, name_en, name_zh, position FROM skills ORDER BY position, slug',
      ),
      this.dataSource.query<{ id: string; slug: string; name_en: string; name_zh: string; position: number }[]>(
        'SELECT id, slug, name_en, name_zh, position FROM fields ORDER BY position, slug',
      ),
      this.dataSource.query<{ field_id: string; skill_id: string; level: number; weight: number }[]>(
        `SELECT r.field_id, r.skill_id, r.level, r.weight
           FROM field_requirements r JOIN skills s ON s.id = r.skill_id
          ORDER BY r.field_id, s.position, s.slug`,
      ),
    ]);
    const requirementsByField = new Map<string, FieldInfo['requirements']>();
    for (const r of requirements) {
      const list = requirementsByField.get(r.field_id) ?? [];
      list.push({ skillId: r.skill_id, level: Number(r.level), weight: Number(r.weight) });
      requirementsByField.set(r.field_id, list);
    }
    return new TaxonomySnapshot(
      dimensions.map((d): DimensionInfo => ({ id: d.id, slug: d.slug, nameEn: d.name_en, nameZh: d.name_zh, position: d.position })),
      skills.map(
        (s): SkillInfo => ({ id: s.id, slug: s.slug, dimensionId: s.dimension_id, nameEn: s.name_en, nameZh: s.name_zh, position: s.position }),
      ),
      fields.map(
        (f): FieldInfo => ({
          id: f.id,
          slug: f.slug,
          nameEn: f.name_en,
          nameZh: f.name_zh,
          position: f.position,
          requirements: requirementsByField.get(f.id) ?? [],
        }),
      ),
    );
  }
}
