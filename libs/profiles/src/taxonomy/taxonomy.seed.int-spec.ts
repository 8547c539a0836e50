import { createTestDatabase, type TestDatabase } from '@switchyard/testing';
import { Client } from 'pg';
import { TAXONOMY } from './taxonomy.data';
import { insertTaxonomy } from './taxonomy.seed';

describe('insertTaxonomy', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    // The test template already holds the seeded taxonomy: start from an empty one.
    await db.query('TRUNCATE field_requirements, fields, skills, skill_dimensions CASCADE');
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('inserts dimensions, skills, fields and requirements in order', async () => {
    const requirements = TAXONOMY.fields.reduce((n, f) => n + f.requirements.length, 0);
    expect(await insertTaxonomy(client, TAXONOMY)).toEqual({
      dimensions: TAXONOMY.dimensions.length,
      skills: TAXONOMY.skills.length,
      fields: TAXONOMY.fields.length,
      requirements,
    });
    const fields = await db.query<{ slug: string; name_zh: string }>('SELECT slug::text, name_zh FROM fields ORDER BY position');
    expect(fields.map((f) => f.slug)).toEqual(TAXONOMY.fields.map((f) => f.slug));
    const [aiPm] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM field_requirements r JOIN fields f ON f.id = r.field_id WHERE f.slug = 'ai-product-management'`,
    );
    expect(aiPm.n).toBe(TAXONOMY.fields[0].requirements.length);
    const [skill] = await db.query<{ dimension: string; level: number; weight: number }>(
      `SELECT d.slug::text AS dimension, r.level, r.weight::float8 AS weight
         FROM skills s JOIN skill_dimensions d ON d.id = s.dimension_id
         JOIN field_requirements r ON r.skill_id = s.id JOIN fields f ON f.id = r.field_id
        WHERE s.slug = 'model-selection' AND f.slug = 'ai-product-management'`,
    );
    expect(skill).toEqual({ dimension: 'ai-technical-judgement', level: 4, weight: 9 });
  });

  it('is idempotent and leaves edited rows alone', async () => {
    await db.query(`UPDATE fields SET name_en = 'AI PM (edited)' WHERE slug = 'ai-product-management'`);
    await db.query(`DELETE FROM field_requirements WHERE skill_id = (SELECT id FROM skills WHERE slug = 'prd-writing')
                    AND field_id = (SELECT id FROM fields WHERE slug = 'product-management')`);
    // The removed requirement stays removed: the field exists, so its profile is the administrators'.
    expect(await insertTaxonomy(client, TAXONOMY)).toEqual({ dimensions: 0, skills: 0, fields: 0, requirements: 0 });
    const [field] = await db.query<{ name_en: string }>(`SELECT name_en FROM fields WHERE slug = 'ai-product-management'`);
    expect(field.name_en).toBe('AI PM (edited)');
    expect(await insertTaxonomy(client, TAXONOMY)).toEqual({ dimensions: 0, skills: 0, fields: 0, requirements: 0 });
  });

  it('matches slugs case-insensitively and adds only what is missing', async () => {
    const extra = {
      dimensions: [{ slug: 'AI-Technical-Judgement', en: 'x', zh: '某' }],
      skills: [{ slug: 'eval-harnesses', dimension: 'ai-technical-judgement', en: 'Evaluation harnesses', zh: '评测体系' }],
      fields: [
        { slug: 'AI-Product-Management', en: 'x', zh: '某', requirements: [{ skill: 'eval-harnesses', level: 3, weight: 5 }] },
        { slug: 'ai-evaluation', en: 'AI evaluation', zh: 'AI 评测', requirements: [{ skill: 'eval-harnesses', level: 4, weight: 2 }] },
      ],
    };
    // A new skill is added; an existing field's profile is not touched, a new field comes with its own.
    expect(await insertTaxonomy(client, extra)).toEqual({ dimensions: 0, skills: 1, fields: 1, requirements: 1 });
    const [req] = await db.query<{ field: string }>(
      `SELECT f.slug::text AS field FROM field_requirements r JOIN fields f ON f.id = r.field_id JOIN skills s ON s.id = r.skill_id WHERE s.slug = 'eval-harnesses'`,
    );
    expect(req.field).toBe('ai-evaluation');
  });

  it('refuses data that refers to unknown skills or dimensions', async () => {
    await expect(
      insertTaxonomy(client, { dimensions: [], skills: [{ slug: 'x', dimension: 'nope', en: 'x', zh: '某' }], fields: [] }),
    ).rejects.toThrow(/unknown dimension nope/);
    await expect(
      insertTaxonomy(client, { dimensions: [], skills: [], fields: [{ slug: 'f', en: 'f', zh: '某', requirements: [{ skill: 'nope', level: 1, weight: 1 }] }] }),
    ).rejects.toThrow(/unknown skill nope/);
  });
});
