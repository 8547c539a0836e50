import { Client, type ClientBase } from 'pg';
import { TAXONOMY, type TaxonomyData } from './taxonomy.data';

export interface TaxonomyInsertResult {
  /** Rows inserted by this call (existing slugs and requirement pairs are left alone). */
  dimensions: number;
  skills: number;
  fields: number;
  requirements: number;
}

/**
 * Inserts the taxonomy's dimensions, skills and fields that are missing,
 * matched by slug (case-insensitively, the columns are citext), and the
 * requirement profile of each field it creates. Existing rows are never
 * updated, so administrators' later edits (names, levels, weights, removed
 * requirements) survive a re-run; running it twice inserts nothing the second
 * time. Array order becomes `position`.
 *
 * One statement per table; it does not open a transaction itself, so callers
 * that want all-or-nothing wrap it in theirs (a pg `Client` or pool client).
 */
export async function insertTaxonomy(client: Pick<ClientBase, 'query'>, data: TaxonomyData): Promise<TaxonomyInsertResult> {
  assertConsistent(data);
  const { dimensions, skills, fields } = data;

  const d = await client.query(
    `INSERT INTO skill_dimensions (slug, name_en, name_zh, position)
     SELECT t.slug::citext, t.en, t.zh, t.pos
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(slug, en, zh, pos)
     ON CONFLICT (slug) DO NOTHING`,
    [dimensions.map((x) => x.slug), dimensions.map((x) => x.en), dimensions.map((x) => x.zh), dimensions.map((_, i) => i)],
  );

  const s = await client.query(
    `INSERT INTO skills (slug, dimension_id, name_en, name_zh, position)
     SELECT t.slug::citext, dim.id, t.en, t.zh, t.pos
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS t(slug, dimension, en, zh, pos)
       JOIN skill_dimensions dim ON dim.slug = t.dimension::citext
     ON CONFLICT (slug) DO NOTHING`,
    [skills.map((x) => x.slug), skills.map((x) => x.dimension), skills.map((x) => x.en), skills.map((x) => x.zh), skills.map((_, i) => i)],
  );

  const f = await client.query(
    `INSERT INTO fields (slug, name_en, name_zh, position)
     SELECT t.slug::citext, t.en, t.zh, t.pos
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(slug, en, zh, pos)
     ON CONFLICT (slug) DO NOTHING
     RETURNING lower(slug::text) AS slug`,
    [fields.map((x) => x.slug), fields.map((x) => x.en), fields.map((x) => x.zh), fields.map((_, i) => i)],
  );

  // Requirement profiles are seeded only with their field: once a field exists
  // its profile belongs to the administrators, and a requirement they removed
  // must not come back at the next start.
  const created = new Set((f.rows as { slug: string }[]).map((row) => row.slug));
  const rows = fields
    .filter((field) => created.has(field.slug.toLowerCase()))
    .flatMap((field) => field.requirements.map((r) => ({ field: field.slug, ...r })));
  const r = await client.query(
    `INSERT INTO field_requirements (field_id, skill_id, level, weight)
     SELECT fld.id, sk.id, t.level, t.weight
       FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[]) AS t(field, skill, level, weight)
       JOIN fields fld ON fld.slug = t.field::citext
       JOIN skills sk ON sk.slug = t.skill::citext
     ON CONFLICT (field_id, skill_id) DO NOTHING`,
    [rows.map((x) => x.field), rows.map((x) => x.skill), rows.map((x) => x.level), rows.map((x) => x.weight)],
  );

  return { dimensions: d.rowCount ?? 0, skills: s.rowCount ?? 0, fields: f.rowCount ?? 0, requirements: r.rowCount ?? 0 };
}

/** The joins above would silently drop rows that name an unknown dimension or skill; refuse instead. */
function assertConsistent(data: TaxonomyData): void {
  const dimensions = new Set(data.dimensions.map((d) => d.slug.toLowerCase()));
  const skills = new Set(data.skills.map((s) => s.slug.toLowerCase()));
  const problems = [
    ...data.skills.filter((s) => !dimensions.has(s.dimension.toLowerCase())).map((s) => `skill ${s.slug}: unknown dimension ${s.dimension}`),
    ...data.fields.flatMap((f) =>
      f.requirements.filter((r) => !skills.has(r.skill.toLowerCase())).map((r) => `field ${f.slug}: unknown skill ${r.skill}`),
    ),
  ];
  if (problems.length > 0) throw new Error(`inconsistent taxonomy: ${problems.join('; ')}`);
}

/**
 * Loads the reviewed taxonomy data file into the database when entries are
 * missing (a new deployment, or a new skill shipped in a release). Existing
 * rows, including administrators' edits, are left alone.
 */
export async function seedTaxonomy(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Several API instances may boot at once.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['switchyard:taxonomy-seed']);
    const inserted = await insertTaxonomy(client, TAXONOMY);
    await client.query('COMMIT');
    return inserted.dimensions + inserted.skills + inserted.fields + inserted.requirements;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
