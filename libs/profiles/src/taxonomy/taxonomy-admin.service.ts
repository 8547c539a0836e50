import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, Connection, FieldProblem, decodeCursor, pageSize, toConnection } from '@switchyard/graphql';
import { AuthUser } from '@switchyard/identity';
import { FieldInput, FieldRequirementInput, SkillInput } from './taxonomy-admin.inputs';
import { TaxonomyService } from './taxonomy.service';
import { TaxonomySnapshot } from './taxonomy.types';

export interface TaxonomyChange {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/**
 * Administrators' changes to skills, fields and requirement profiles. Each
 * change and its audit row (who, when, what before and after) commit together.
 */
@Injectable()
export class TaxonomyAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async upsertSkill(actor: AuthUser, input: SkillInput): Promise<string> {
    const [dimension] = await this.dataSource.query('SELECT id FROM skill_dimensions WHERE slug = $1', [input.dimensionSlug]);
    if (!dimension) throw BadUserInputError.field('input.dimensionSlug', `"${input.dimensionSlug}" is not a known skill dimension`);
    const id = await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(
        `SELECT s.id, s.slug, d.slug AS dimension, s.name_en, s.name_zh FROM skills s JOIN skill_dimensions d ON d.id = s.dimension_id
          WHERE s.slug = $1 FOR UPDATE OF s`,
        [input.slug],
      );
      const [row] = await manager.query(
        `INSERT INTO skills (slug, dimension_id, name_en, name_zh, position)
         VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position) + 1, 0) FROM skills))
         ON CONFLICT (slug) DO UPDATE SET dimension_id = EXCLUDED.dimension_id, name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh
         RETURNING id`,
        [input.slug, dimension.id, input.nameEn, input.nameZh],
      );
      const after = { id: row.id, slug: input.slug, dimension: input.dimensionSlug, name_en: input.nameEn, name_zh: input.nameZh };
      await this.audit(manager, actor, before ? 'skill.updated' : 'skill.created', input.slug, before ?? null, after);
      return row.id as string;
    });
    await this.taxonomy.invalidate();
    return id;
  }

  async upsertField(actor: AuthUser, input: FieldInput): Promise<string> {
    const snapshot = await this.taxonomy.snapshot();
    const requirements = input.requirements ? this.resolveRequirements(snapshot, input.requirements, 'input.requirements') : undefined;
    const id = await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query('SELECT id, slug, name_en, name_zh FROM fields WHERE slug = $1 FOR UPDATE', [input.slug]);
      const [row] = await manager.query(
        `INSERT INTO fields (slug, name_en, name_zh, position)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position) + 1, 0) FROM fields))
         ON CONFLICT (slug) DO UPDATE SET name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh
         RETURNING id`,
        [input.slug, input.nameEn, input.nameZh],
      );
      await this.audit(manager, actor, before ? 'field.updated' : 'field.created', input.slug, before ?? null, {
        id: row.id,
        slug: input.slug,
        name_en: input.nameEn,
        name_zh: input.nameZh,
      });
      if (requirements) await this.replaceRequirements(manager, actor, row.id, input.slug, requirements);
      return row.id as string;
    });
    await this.taxonomy.invalidate();
    return id;
  }

  async setFieldRequirements(actor: AuthUser, fieldSlug: string, input: FieldRequirementInput[]): Promise<string> {
    const snapshot = await this.taxonomy.snapshot();
    const field = snapshot.field(fieldSlug);
    if (!field) throw BadUserInputError.field('fieldSlug', `"${fieldSlug}" is not a known field`);
    const requirements = this.resolveRequirements(snapshot, input, 'requirements');
    await this.dataSource.transaction((manager) => this.replaceRequirements(manager, actor, field.id, field.slug, requirements));
    await this.taxonomy.invalidate();
    return field.id;
  }

  async changes(options: { first?: number | null; after?: string | null }): Promise<Connection<TaxonomyChange>> {
    const limit = pageSize(options.first);
    const after = decodeCursor(options.after);
    const rows = await this.dataSource.query<{ id: string; at: Date; actor_id: string | null; action: string; subject: string; before: unknown; after: unknown }[]>(
      `SELECT id::text, at, actor_id, action, subject, before, after FROM taxonomy_audit
        WHERE $1::bigint IS NULL OR id < $1
        ORDER BY id DESC LIMIT $2`,
      [after?.[0] ?? null, limit + 1],
    );
    const changes = rows.map((r) => ({ id: r.id, at: r.at, actorId: r.actor_id, action: r.action, subject: r.subject, before: r.before, after: r.after }));
    return toConnection(changes, limit, (c) => [c.id]);
  }

  private resolveRequirements(snapshot: TaxonomySnapshot, input: FieldRequirementInput[], path: string) {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const resolved = input.map((r, i) => {
      const skill = snapshot.skill(r.skillSlug);
      if (!skill) problems.push({ field: `${path}.${i}.skillSlug`, message: `"${r.skillSlug}" is not a known skill` });
      else if (seen.has(skill.id)) problems.push({ field: `${path}.${i}.skillSlug`, message: `"${r.skillSlug}" appears more than once` });
      if (!Number.isInteger(r.level) || r.level < 0 || r.level > 5) problems.push({ field: `${path}.${i}.level`, message: 'must be between 0 and 5' });
      if (!(r.weight >= 0 && r.weight <= 10)) problems.push({ field: `${path}.${i}.weight`, message: 'must be between 0 and 10' });
      if (skill) seen.add(skill.id);
      return { skillId: skill?.id ?? '', slug: r.skillSlug, level: r.level, weight: r.weight };
    });
    if (problems.length) throw new BadUserInputError(problems);
    return resolved;
  }

  private async replaceRequirements(
    manager: EntityManager,
    actor: AuthUser,
    fieldId: string,
    fieldSlug: string,
    requirements: { skillId: string; slug: string; level: number; weight: number }[],
  ): Promise<void> {
    const before = await manager.query(
      `SELECT s.slug AS skill, r.level, r.weight::float AS weight FROM field_requirements r JOIN skills s ON s.id = r.skill_id
        WHERE r.field_id = $1 ORDER BY s.slug`,
      [fieldId],
    );
    await manager.query('DELETE FROM field_requirements WHERE field_id = $1', [fieldId]);
    await manager.query(
      'INSERT INTO field_requirements (field_id, skill_id, level, weight) SELECT $1, * FROM unnest($2::uuid[], $3::smallint[], $4::numeric[])',
      [fieldId, requirements.map((r) => r.skillId), requirements.map((r) => r.level), requirements.map((r) => r.weight)],
    );
    const after = [...requirements].sort((a, b) => a.slug.localeCompare(b.slug)).map((r) => ({ skill: r.slug, level: r.level, weight: r.weight }));
    await this.audit(manager, actor, 'field.requirements.set', fieldSlug, before, after);
  }

  private async audit(manager: EntityManager, actor: AuthUser, action: string, subject: string, before: unknown, after: unknown): Promise<void> {
    await manager.query('INSERT INTO taxonomy_audit (actor_id, action, subject, before, after) VALUES ($1, $2, $3, $4, $5)', [
      actor.id,
      action,
      subject,
      before === null ? null : JSON.stringify(before),
      JSON.stringify(after),
    ]);
  }
}
