import { Client } from 'pg';
import { TestApi, registerUser, startTestApi } from '@switchyard/testing';

const LIST = `query ($first: Int, $after: String, $field: String) {
  mentors(first: $first, after: $after, fieldSlug: $field) {
    edges { cursor node {
      headline capacity activeMentees acceptingMentees
      user { id displayName timeZone }
      fields { slug name }
      switchedFrom { slug name }
      skills { skill { slug name dimension } level }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('listing mentors', () => {
  let api: TestApi;
  let viewer: string;

  beforeAll(async () => {
    api = await startTestApi();
    viewer = (await registerUser(api, { roles: ['SWITCHER'], locale: 'zh-CN' })).accessToken;
    // 120 mentors with 2 fields, 6 skills and a mentorship each, straight into the database.
    await api.db.query(`
      WITH m AS (
        INSERT INTO users (email, password_hash, display_name, time_zone, roles)
        SELECT 'mentor' || i || '@example.org', 'x', 'Mentor ' || i, 'Europe/Berlin', '{MENTOR}' FROM generate_series(1, 120) i
        RETURNING id
      ), p AS (
        INSERT INTO mentor_profiles (user_id, headline, capacity, switched_from_field_id, created_at)
        SELECT id, 'Mentor', 5, (SELECT id FROM fields WHERE slug = 'backend-engineering'), now() + (row_number() OVER ()) * interval '1 ms' FROM m
        RETURNING user_id
      ), f AS (
        INSERT INTO mentor_fields (user_id, field_id)
        SELECT p.user_id, f.id FROM p CROSS JOIN (SELECT id FROM fields ORDER BY position LIMIT 2) f
      ), s AS (
        INSERT INTO mentor_skills (user_id, skill_id, level)
        SELECT p.user_id, s.id, 4 FROM p CROSS JOIN (SELECT id FROM skills ORDER BY position LIMIT 6) s
      )
      INSERT INTO mentorships (mentor_id, switcher_id, status) SELECT p.user_id, p.user_id, 'ACTIVE' FROM p`);
  });
  afterAll(() => api.close());

  it('lists 100 mentors with fields and skills in at most 5 SQL queries', async () => {
    // Warm the taxonomy cache, which every process loads once and shares.
    await api.gql(`{ fields { slug } }`, { token: viewer });
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      const res = await api.gql(LIST, { token: viewer, variables: { first: 100 } });
      expect(res.errors).toBeUndefined();
      const edges = res.data!.mentors.edges;
      expect(edges).toHaveLength(100);
      expect(edges[0].node).toMatchObject({ activeMentees: 1, switchedFrom: { slug: 'backend-engineering' } });
      expect(edges[0].node.fields).toHaveLength(2);
      expect(edges[0].node.skills).toHaveLength(6);
      expect(edges[0].node.skills[0].skill.name).toMatch(/[\u4e00-\u9fff]/);
      const statements = spy.mock.calls.map((call) => String(typeof call[0] === 'string' ? call[0] : (call[0] as { text?: string }).text));
      expect(statements.length).toBeLessThanOrEqual(5);
    } finally {
      spy.mockRestore();
    }
  });

  it('pages with cursors and filters by field', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const res: any = await api.gql(LIST, { token: viewer, variables: { first: 50, after } });
      res.data.mentors.edges.forEach((e: any) => seen.add(e.node.user.id));
      after = res.data.mentors.pageInfo.hasNextPage ? res.data.mentors.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(seen.size).toBe(120);
    expect(pages).toBe(3);

    const none = await api.gql(LIST, { token: viewer, variables: { first: 10, field: 'developer-relations' } });
    expect(none.data!.mentors.edges).toHaveLength(0);
    const bad = await api.gql(LIST, { token: viewer, variables: { first: 10, field: 'astrology' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['fieldSlug'] });
  });
});
