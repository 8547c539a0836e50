import { Client } from 'pg';
import { hashPassword } from '../libs/identity/src/password';
import { TAXONOMY } from '../libs/profiles/src/taxonomy/taxonomy.data';
import { insertTaxonomy } from '../libs/profiles/src/taxonomy/taxonomy.seed';
import { Community, DEFAULT_SEED, generateCommunity } from './demo/community';
import { loadCommunity } from './demo/load';
import { loadStories } from './demo/stories';

export const DEMO_PASSWORD = 'switchyard-demo';

/** The community `npm start` loads on first run. */
export const DEMO_SIZE = { mentors: 300, switchers: 1000 };

/**
 * Five easy-to-remember accounts, one story each, on top of the generated
 * community: the ones `npm start` prints.
 */
export const DEMO_USERS = [
  { key: 'lin', email: 'lin.wei@demo.switchyard.dev', displayName: 'Lin Wei', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'], roles: ['SWITCHER'] },
  { key: 'maya', email: 'maya.patel@demo.switchyard.dev', displayName: 'Maya Patel', timeZone: 'Europe/London', locale: 'en', languages: ['en', 'hi'], roles: ['SWITCHER'] },
  { key: 'chen', email: 'chen.jing@demo.switchyard.dev', displayName: 'Chen Jing', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'], roles: ['MENTOR'] },
  { key: 'sam', email: 'sam.rivera@demo.switchyard.dev', displayName: 'Sam Rivera', timeZone: 'America/New_York', locale: 'en', languages: ['en', 'es'], roles: ['MENTOR', 'ORGANIZER'] },
  { key: 'ana', email: 'ana.souza@demo.switchyard.dev', displayName: 'Ana Souza', timeZone: 'America/Sao_Paulo', locale: 'en', languages: ['pt', 'en'], roles: ['ORGANIZER'] },
] as const;

const DAY = 24 * 3600 * 1000;

/** Profiles of the named accounts, in the generator's format. */
export function namedCommunity(now: Date): Community {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const rate = (userKey: string, levels: Record<string, number>, daysAgo: number) =>
    Object.entries(levels).map(([skill, level]) => ({ userKey, skill, level, ratedAt: at(daysAgo) }));
  return {
    users: DEMO_USERS.map((u) => ({ ...u, key: `named-${u.key}`, languages: [...u.languages], roles: [...u.roles] })),
    switcherProfiles: [
      {
        userKey: 'named-lin',
        currentField: 'backend-engineering',
        targetField: 'ai-product-management',
        stage: 'KNOWLEDGE',
        goals: '六个月内转型为 AI 产品经理：先补齐需求文档和商业化能力，再主导一个大模型功能上线。',
        weeklyHours: 8,
        preferredWindows: [
          { weekday: 2, start: '20:00', end: '22:00' },
          { weekday: 4, start: '20:00', end: '22:00' },
          { weekday: 6, start: '09:30', end: '12:00' },
        ],
      },
      {
        userKey: 'named-maya',
        currentField: 'data-analysis',
        targetField: 'ai-product-management',
        stage: 'VALIDATION',
        goals: 'Turn my churn-model side project into a case study and land an AI PM role in fintech.',
        weeklyHours: 6,
        preferredWindows: [
          { weekday: 1, start: '18:30', end: '20:30' },
          { weekday: 3, start: '18:30', end: '20:30' },
          { weekday: 7, start: '10:00', end: '12:00' },
        ],
      },
    ],
    ratings: [
      // Lin a month ago, then today: PRD writing and prompting moved up.
      ...rate('named-lin', { 'prd-writing': 0, 'prompt-engineering': 2 }, 30),
      ...rate(
        'named-lin',
        {
          'backend-development': 5,
          'system-design': 4,
          'cloud-devops': 4,
          'python-programming': 4,
          'llm-principles': 3,
          'ml-workflow': 2,
          'prompt-engineering': 3,
          'model-selection': 2,
          'prd-writing': 1,
          'user-story-mapping': 1,
          'ab-testing': 2,
          'monetisation-models': 0,
          'layered-communication': 1,
          'stakeholder-management': 1,
        },
        1,
      ),
      ...rate(
        'named-maya',
        {
          'sql-analytics': 5,
          statistics: 4,
          'data-visualisation': 4,
          'ab-testing': 4,
          'product-metrics': 3,
          'ml-workflow': 2,
          'llm-principles': 1,
          'prd-writing': 2,
          'stakeholder-management': 3,
          'monetisation-models': 2,
        },
        3,
      ),
    ],
    mentorProfiles: [
      {
        userKey: 'named-chen',
        headline: '大模型应用团队 AI 产品负责人 · 前后端工程师',
        bio: '做了八年 Java 后端后转型产品，现在负责企业知识库问答产品。擅长帮工程师补齐商业化和跨团队沟通。',
        fields: ['ai-product-management', 'product-management'],
        switchedFrom: 'backend-engineering',
        yearsExperience: 11,
        capacity: 4,
        acceptingMentees: true,
        skills: [
          { skill: 'prd-writing', level: 5 },
          { skill: 'user-story-mapping', level: 4 },
          { skill: 'monetisation-models', level: 4 },
          { skill: 'ai-stack-positioning', level: 5 },
          { skill: 'layered-communication', level: 5 },
          { skill: 'model-expectation-management', level: 5 },
          { skill: 'model-selection', level: 4 },
          { skill: 'ai-experience-metrics', level: 4 },
          { skill: 'ab-testing', level: 4 },
          { skill: 'backend-development', level: 4 },
        ],
      },
      {
        userKey: 'named-sam',
        headline: 'Group PM for AI assistants at a developer-tools company',
        bio: 'Ten years in product, the last four shipping LLM features. I run the monthly AI PM meetup in New York.',
        fields: ['ai-product-management', 'product-management', 'developer-relations'],
        switchedFrom: null,
        yearsExperience: 10,
        capacity: 3,
        acceptingMentees: true,
        skills: [
          { skill: 'roadmapping-prioritisation', level: 5 },
          { skill: 'user-pain-point-research', level: 5 },
          { skill: 'go-to-market', level: 4 },
          { skill: 'mvp-experiments', level: 5 },
          { skill: 'stakeholder-management', level: 5 },
          { skill: 'prd-writing', level: 4 },
          { skill: 'public-speaking-community', level: 4 },
          { skill: 'prompt-engineering', level: 3 },
        ],
      },
    ],
    availability: [
      { userKey: 'named-chen', weekday: 2, start: '20:00', end: '22:00', timeZone: 'Asia/Shanghai' },
      { userKey: 'named-chen', weekday: 4, start: '20:30', end: '22:00', timeZone: 'Asia/Shanghai' },
      { userKey: 'named-chen', weekday: 6, start: '09:00', end: '11:30', timeZone: 'Asia/Shanghai' },
      { userKey: 'named-sam', weekday: 1, start: '08:00', end: '09:30', timeZone: 'America/New_York' },
      { userKey: 'named-sam', weekday: 3, start: '08:00', end: '09:30', timeZone: 'America/New_York' },
      { userKey: 'named-sam', weekday: 5, start: '12:00', end: '13:00', timeZone: 'America/New_York' },
    ],
  };
}

function merge(a: Community, b: Community): Community {
  return {
    users: [...a.users, ...b.users],
    switcherProfiles: [...a.switcherProfiles, ...b.switcherProfiles],
    ratings: [...a.ratings, ...b.ratings],
    mentorProfiles: [...a.mentorProfiles, ...b.mentorProfiles],
    availability: [...a.availability, ...b.availability],
  };
}

/**
 * Loads the demo community into an empty database (no users but
 * administrators); returns the number of users loaded, or 0 when there was
 * already data. Deterministic for a given day.
 */
export async function seedDemoData(databaseUrl: string, now: Date = startOfDayUtc(new Date())): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Serialises concurrent first starts against one database.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['switchyard:demo-data']);
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE NOT ('ADMIN' = ANY(roles))");
    if (rows[0].n > 0) return 0;
    await insertTaxonomy(client, TAXONOMY);
    const community = merge(namedCommunity(now), generateCommunity({ ...DEMO_SIZE, seed: DEFAULT_SEED, now }));
    const result = await loadCommunity(client, community, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    await client.query('BEGIN');
    try {
      await loadStories(client, now);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    return result.users;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['switchyard:demo-data']).catch(() => undefined);
    await client.end();
  }
}

export function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
