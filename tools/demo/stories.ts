import { DateTime } from 'luxon';
import { Client } from 'pg';
import { DEFAULT_MILESTONES } from '../../libs/community/src/cohorts/default-milestones';
import { addDays, splitPhases } from '../../libs/community/src/cohorts/phases';

const DAY = 24 * 3600 * 1000;

/**
 * What makes the demo feel lived-in beyond profiles: two communities, three
 * cohorts in different phases, mentorships with held and upcoming sessions,
 * meetups with a waitlist, and referral openings with requests at several
 * stages. Plain SQL over the loaded users (named accounts by email, generated
 * ones in email order), deterministic for a given day. Runs inside the
 * caller's transaction.
 */
export interface StoriesResult {
  communities: number;
  cohorts: number;
  mentorships: number;
  sessions: number;
  meetups: number;
  rsvps: number;
  openings: number;
  referralRequests: number;
}

interface Person {
  id: string;
  capacity?: number;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function loadStories(client: Client, now: Date): Promise<StoriesResult> {
  const named = async (local: string): Promise<string> => {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [`${local}@demo.switchyard.dev`]);
    if (!rows[0]) throw new Error(`demo account ${local} is missing`);
    return rows[0].id;
  };
  const [lin, maya, chen, sam, ana] = [await named('lin.wei'), await named('maya.patel'), await named('chen.jing'), await named('sam.rivera'), await named('ana.souza')];
  const namedIds = [lin, maya, chen, sam, ana];
  const { rows: switchers } = await client.query<Person>(
    `SELECT u.id FROM users u JOIN switcher_profiles p ON p.user_id = u.id
      WHERE p.target_field_id = (SELECT id FROM fields WHERE slug = 'ai-product-management') AND NOT (u.id = ANY($1))
      ORDER BY u.email LIMIT 240`,
    [namedIds],
  );
  const { rows: mentors } = await client.query<Person>(
    `SELECT u.id, mp.capacity FROM users u JOIN mentor_profiles mp ON mp.user_id = u.id
      WHERE mp.accepting_mentees AND mp.capacity >= 2 AND NOT (u.id = ANY($1)) ORDER BY u.email LIMIT 60`,
    [namedIds],
  );
  const field = async (slug: string) => (await client.query<{ id: string }>('SELECT id FROM fields WHERE slug = $1', [slug])).rows[0].id;
  const aiPm = await field('ai-product-management');
  const result: StoriesResult = { communities: 0, cohorts: 0, mentorships: 0, sessions: 0, meetups: 0, rsvps: 0, openings: 0, referralRequests: 0 };

  // ------------------------------------------------------------ communities
  const community = async (name: string, description: string, visibility: 'PUBLIC' | 'INVITE_ONLY', owner: string, organizers: string[]) => {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO communities (name, description, visibility, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [name, description, visibility, owner],
    );
    const id = rows[0].id;
    await client.query('INSERT INTO community_organizers (community_id, user_id) SELECT $1, unnest($2::uuid[])', [id, [owner, ...organizers]]);
    await client.query('INSERT INTO community_fields (community_id, field_id) VALUES ($1, $2)', [id, aiPm]);
    result.communities += 1;
    return id;
  };
  const members = async (communityId: string, ids: string[], status: 'ACTIVE' | 'PENDING' = 'ACTIVE') => {
    await client.query(
      `INSERT INTO community_members (community_id, user_id, status) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [communityId, ids, status],
    );
  };
  const open = await community(
    'AI PM Switchers',
    'Engineers, analysts and designers becoming AI product managers: monthly talks, workshops and a cohort every season.',
    'PUBLIC',
    sam,
    [ana],
  );
  await members(open, [sam, ana, maya, lin, chen, ...switchers.slice(0, 160).map((s) => s.id), ...mentors.slice(0, 40).map((m) => m.id)]);
  const camp = await community('深圳 AI 产品经理转型营', '面向工程师的 AI 产品经理转型小组：线下工作坊、作品集点评和内推。邀请制。', 'INVITE_ONLY', ana, []);
  await members(camp, [ana, lin, chen, ...switchers.slice(160, 200).map((s) => s.id), ...mentors.slice(40, 50).map((m) => m.id)]);
  await members(camp, switchers.slice(200, 205).map((s) => s.id), 'PENDING');

  // ------------------------------------------------------------ cohorts
  const cohort = async (communityId: string, name: string, startsOn: string, days: number, seats: number) => {
    const endsOn = addDays(startsOn, days - 1);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO cohorts (community_id, name, target_field_id, starts_on, ends_on, seats) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [communityId, name, aiPm, startsOn, endsOn, seats],
    );
    const id = rows[0].id;
    const phases = splitPhases(startsOn, endsOn);
    await client.query(
      'INSERT INTO cohort_phases (cohort_id, stage, starts_on, ends_on) SELECT $1, * FROM unnest($2::text[], $3::date[], $4::date[])',
      [id, phases.map((p) => p.stage), phases.map((p) => p.startsOn), phases.map((p) => p.endsOn)],
    );
    const { rows: milestones } = await client.query<{ id: string; stage: string }>(
      `INSERT INTO cohort_milestones (cohort_id, stage, position, slug, title, title_zh)
       SELECT $1, t.stage, t.position, t.slug, t.title, t.title_zh FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[])
         AS t(stage, position, slug, title, title_zh) RETURNING id, stage`,
      [
        id,
        DEFAULT_MILESTONES.map((m) => m.stage),
        DEFAULT_MILESTONES.map((_, i) => i + 1),
        DEFAULT_MILESTONES.map((m) => m.slug),
        DEFAULT_MILESTONES.map((m) => m.title),
        DEFAULT_MILESTONES.map((m) => m.titleZh),
      ],
    );
    result.cohorts += 1;
    return { id, milestones };
  };
  const enroll = async (cohortId: string, ids: string[], role: 'SWITCHER' | 'MENTOR', status: 'APPLIED' | 'ADMITTED') => {
    await client.query(
      `INSERT INTO cohort_enrollments (cohort_id, user_id, role, status, decided_at)
       SELECT $1, unnest($2::uuid[]), $3, $4, CASE WHEN $4 = 'ADMITTED' THEN now() END`,
      [cohortId, ids, role, status],
    );
  };
  const today = isoDate(now);
  // Upcoming: applications waiting for the organizers.
  const spring = await cohort(open, 'Spring 2027 cohort', addDays(today, 30), 120, 30);
  await enroll(spring.id, switchers.slice(0, 24).map((s) => s.id), 'SWITCHER', 'APPLIED');
  await enroll(spring.id, mentors.slice(0, 8).map((m) => m.id), 'MENTOR', 'APPLIED');
  // Running, in VALIDATION (day 50 of 120): matched, sessions held, knowledge milestones done.
  const autumn = await cohort(open, 'Autumn 2026 cohort', addDays(today, -50), 120, 20);
  const autumnSwitchers = [maya, ...switchers.slice(30, 49).map((s) => s.id)];
  const autumnMentors = [sam, ...mentors.slice(10, 16).map((m) => m.id)];
  await enroll(autumn.id, autumnSwitchers, 'SWITCHER', 'ADMITTED');
  await enroll(autumn.id, autumnMentors, 'MENTOR', 'ADMITTED');
  // Ending, in LEAP (day 100 of 120), in the invite-only camp.
  const summer = await cohort(camp, '2026 夏季转型营', addDays(today, -100), 120, 16);
  const summerSwitchers = [lin, ...switchers.slice(160, 175).map((s) => s.id)];
  const summerMentors = [chen, ...mentors.slice(40, 44).map((m) => m.id)];
  await enroll(summer.id, summerSwitchers, 'SWITCHER', 'ADMITTED');
  await enroll(summer.id, summerMentors, 'MENTOR', 'ADMITTED');

  // Knowledge milestones: most autumn switchers submitted, half of those verified; the summer camp is further along.
  const complete = async (milestones: { id: string; stage: string }[], stages: string[], who: string[], reviewer: string) => {
    for (const [i, switcherId] of who.entries()) {
      for (const m of milestones.filter((x) => stages.includes(x.stage))) {
        if ((i + m.id.charCodeAt(0)) % 4 === 0) continue;
        await client.query(
          `INSERT INTO milestone_completions (milestone_id, switcher_id, status, evidence_url, completed_at, reviewed_by, reviewed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            m.id,
            switcherId,
            i % 2 === 0 ? 'VERIFIED' : 'SUBMITTED',
            `https://portfolio.example.org/${switcherId.slice(0, 8)}/${m.id.slice(0, 8)}`,
            new Date(now.getTime() - (10 + i) * DAY),
            i % 2 === 0 ? reviewer : null,
            i % 2 === 0 ? new Date(now.getTime() - (5 + i) * DAY) : null,
          ],
        );
      }
    }
  };
  await complete(autumn.milestones, ['KNOWLEDGE'], autumnSwitchers, sam);
  await complete(summer.milestones, ['KNOWLEDGE', 'VALIDATION'], summerSwitchers, ana);

  // ------------------------------------------------------------ mentorships and sessions
  // Cohort pairs round-robin within each mentor's capacity, published as a match run.
  const pair = async (cohortId: string, switcherIds: string[], mentorIds: string[], capacities: Map<string, number>) => {
    const load = new Map<string, number>();
    const pairs: [string, string][] = [];
    let next = 0;
    for (const switcherId of switcherIds) {
      for (let tries = 0; tries < mentorIds.length; tries += 1) {
        const mentorId = mentorIds[(next + tries) % mentorIds.length];
        if ((load.get(mentorId) ?? 0) < (capacities.get(mentorId) ?? 2) - 1) {
          pairs.push([switcherId, mentorId]);
          load.set(mentorId, (load.get(mentorId) ?? 0) + 1);
          next = (next + tries + 1) % mentorIds.length;
          break;
        }
      }
    }
    const { rows: run } = await client.query<{ id: string }>(
      `INSERT INTO match_runs (cohort_id, mode, status, metrics, duration_ms, created_at, finished_at, published_at)
       VALUES ($1, 'OPTIMAL', 'PUBLISHED', $2, 42, $3, $3, $3) RETURNING id`,
      [cohortId, JSON.stringify({ totalScore: pairs.length * 78.4, meanScore: 78.4, minScore: 61.2, p10Score: 66.5, unmatchedSwitchers: switcherIds.length - pairs.length, blockingPairs: 0 }), new Date(now.getTime() - 40 * DAY)],
    );
    await client.query(
      'INSERT INTO match_pairs (run_id, switcher_id, mentor_id, score) SELECT $1, s, m, 78.4 FROM unnest($2::uuid[], $3::uuid[]) AS t(s, m)',
      [run[0].id, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const { rows } = await client.query<{ id: string; mentor_id: string; switcher_id: string }>(
      `INSERT INTO mentorships (mentor_id, switcher_id, cohort_id, started_at)
       SELECT m, s, $3, $4 FROM unnest($1::uuid[], $2::uuid[]) AS t(m, s) RETURNING id, mentor_id, switcher_id`,
      [pairs.map((p) => p[1]), pairs.map((p) => p[0]), cohortId, new Date(now.getTime() - 40 * DAY)],
    );
    result.mentorships += rows.length;
    return rows;
  };
  const capacities = new Map(mentors.map((m) => [m.id, m.capacity ?? 2]));
  capacities.set(sam, 3);
  capacities.set(chen, 4);
  const autumnPairs = await pair(autumn.id, autumnSwitchers, autumnMentors, capacities);
  const summerPairs = await pair(summer.id, summerSwitchers, summerMentors, capacities);

  // Weekly sessions: the past ones held (some rated), the next ones scheduled, one pair gone quiet.
  const zones = new Map(
    (await client.query<{ id: string; time_zone: string }>('SELECT id, time_zone FROM users WHERE id = ANY($1)', [[...autumnMentors, ...summerMentors]])).rows.map(
      (r) => [r.id, r.time_zone],
    ),
  );
  for (const [index, m] of [...autumnPairs, ...summerPairs].entries()) {
    if (index % 7 === 3) continue; // no sessions: shows up on the dashboard
    // Evenings in the mentor's own zone (19:00-21:00), a stable weekday per pair.
    const zone = zones.get(m.mentor_id) ?? 'UTC';
    const base = DateTime.fromJSDate(new Date(now.getTime() - 35 * DAY + (index % 5) * DAY), { zone }).set({ hour: 19 + (index % 3), minute: 0, second: 0, millisecond: 0 });
    for (let week = 0; week < 8; week += 1) {
      const start = base.plus({ weeks: week }).toJSDate();
      const past = start.getTime() + 3600_000 <= now.getTime();
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO mentoring_sessions (mentorship_id, mentor_id, switcher_id, starts_at, ends_at, status, source, mentor_time_zone)
         VALUES ($1, $2, $3, $4, $5, $6, 'AUTO', $7) ON CONFLICT DO NOTHING RETURNING id`,
        [m.id, m.mentor_id, m.switcher_id, start, new Date(start.getTime() + 3600_000), past ? 'COMPLETED' : 'SCHEDULED', zone],
      );
      if (!rows[0]) continue;
      result.sessions += 1;
      if (past && week % 2 === 0) {
        await client.query(
          'INSERT INTO session_feedback (session_id, author_id, rating, comment) VALUES ($1, $2, $3, $4)',
          [rows[0].id, m.switcher_id, 4 + (index % 2), week === 0 ? 'Concrete feedback on my PRD draft.' : null],
        );
      }
    }
  }

  // ------------------------------------------------------------ meetups
  const meetup = async (
    communityId: string,
    organizer: string,
    m: { kind: string; title: string; description: string; inDays: number; hourUtc: number; hours: number; zone: string; location?: string; online?: string; capacity: number },
    attendees: string[],
  ) => {
    const start = new Date(now.getTime() + m.inDays * DAY);
    start.setUTCHours(m.hourUtc, 0, 0, 0);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO meetups (community_id, kind, title, description, starts_at, ends_at, time_zone, location, online_url, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [communityId, m.kind, m.title, m.description, start, new Date(start.getTime() + m.hours * 3600_000), m.zone, m.location ?? null, m.online ?? null, m.capacity, organizer],
    );
    const id = rows[0].id;
    await client.query('INSERT INTO meetup_fields (meetup_id, field_id) VALUES ($1, $2)', [id, aiPm]);
    // One by one, so the waitlist order (queue_seq) follows the list.
    for (const [i, userId] of attendees.entries()) {
      await client.query(`INSERT INTO meetup_rsvps (meetup_id, user_id, status, joined_at) VALUES ($1, $2, $3, $4)`, [
        id,
        userId,
        i < m.capacity ? 'GOING' : 'WAITLISTED',
        new Date(now.getTime() - (attendees.length - i) * 3600_000),
      ]);
      result.rsvps += 1;
    }
    result.meetups += 1;
    return id;
  };
  const crowd = switchers.slice(0, 60).map((s) => s.id);
  await meetup(
    open,
    sam,
    {
      kind: 'WORKSHOP',
      title: 'Prompt design for product managers (hands-on)',
      description: 'Bring a feature idea; leave with an evaluated prompt, a test set and a cost estimate.',
      inDays: 5,
      hourUtc: 23,
      hours: 2,
      zone: 'America/New_York',
      online: 'https://meet.example.org/prompt-design',
      capacity: 20,
    },
    [...crowd.slice(0, 19), sam, ...crowd.slice(19, 22), maya, ...crowd.slice(22, 26)],
  );
  await meetup(
    open,
    ana,
    {
      kind: 'TALK',
      title: 'From analyst to AI PM: three stories',
      description: 'Three alumni of last year’s cohort on what got them hired, and what they would skip.',
      inDays: 9,
      hourUtc: 17,
      hours: 1.5,
      zone: 'Europe/London',
      location: 'Shoreditch, London',
      online: 'https://meet.example.org/analyst-to-ai-pm',
      capacity: 120,
    },
    [maya, ...crowd.slice(26, 60)],
  );
  await meetup(
    camp,
    ana,
    {
      kind: 'HACKATHON',
      title: '周末黑客松：48 小时做出一个大模型功能',
      description: '组队完成一个可演示的大模型功能，评委来自一线 AI 产品团队。',
      inDays: 12,
      hourUtc: 1,
      hours: 30,
      zone: 'Asia/Shanghai',
      location: '深圳南山区',
      capacity: 30,
    },
    [lin, chen, ...switchers.slice(160, 175).map((s) => s.id)],
  );

  // ------------------------------------------------------------ referrals
  const opening = async (referrer: string, o: { company: string; title: string; skills: string[]; location: string | null; remote: boolean; closesInDays: number | null; description: string }) => {
    const closes = o.closesInDays === null ? null : addDays(today, o.closesInDays);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO referral_openings (referrer_id, company, title, field_id, location, remote, description, closes_on, closes_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8::date + interval '1 day', $9) RETURNING id`,
      [referrer, o.company, o.title, aiPm, o.location, o.remote, o.description, closes, new Date(now.getTime() - 3 * DAY)],
    );
    await client.query(
      `INSERT INTO referral_opening_skills (opening_id, skill_id, position)
       SELECT $1, s.id, t.position FROM unnest($2::text[]) WITH ORDINALITY AS t(slug, position) JOIN skills s ON s.slug = t.slug`,
      [rows[0].id, o.skills],
    );
    result.openings += 1;
    return rows[0].id;
  };
  const request = async (openingId: string, referrer: string, switcherId: string, path: string[], note: string) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO referral_requests (opening_id, switcher_id, referrer_id, status, note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
      [openingId, switcherId, referrer, path[path.length - 1], note, new Date(now.getTime() - 2 * DAY)],
    );
    let from: string | null = null;
    for (const [i, to] of path.entries()) {
      await client.query('INSERT INTO referral_status_changes (request_id, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5)', [
        rows[0].id,
        from,
        to,
        to === 'REQUESTED' || to === 'WITHDRAWN' ? switcherId : referrer,
        new Date(now.getTime() - (2 - i * 0.3) * DAY),
      ]);
      from = to;
    }
    result.referralRequests += 1;
  };
  const lumen = await opening(chen, {
    company: 'Lumen AI',
    title: 'AI 产品经理（企业知识库）',
    skills: ['prd-writing', 'llm-principles', 'model-selection', 'layered-communication'],
    location: 'Shanghai',
    remote: false,
    closesInDays: 30,
    description: '负责企业知识库问答的产品规划，和算法团队一起定义评测指标。',
  });
  const forge = await opening(sam, {
    company: 'Forge Devtools',
    title: 'Associate AI Product Manager, code assistants',
    skills: ['prd-writing', 'ab-testing', 'prompt-engineering', 'product-metrics'],
    location: null,
    remote: true,
    closesInDays: 21,
    description: 'Own evaluation and rollout of the next code-completion model for 2M developers.',
  });
  const more = [];
  for (const [i, mentor] of mentors.slice(20, 26).entries()) {
    more.push(
      await opening(mentor.id, {
        company: ['Northwind Health', 'Quanta Pay', 'Atlas Mobility', 'Kite Learning', 'Orbit Retail', 'Helix Bio'][i],
        title: ['AI PM, clinical notes', 'PM, fraud models', 'AI PM, routing', 'PM, tutoring assistant', 'AI PM, search', 'PM, lab automation'][i],
        skills: [['prd-writing', 'ab-testing'], ['product-metrics', 'model-selection'], ['user-story-mapping', 'llm-principles']][i % 3],
        location: i % 2 === 0 ? null : 'Berlin',
        remote: i % 2 === 0,
        closesInDays: i === 5 ? null : 14 + i * 5,
        description: 'Referral through a current employee; a short note on why this team helps.',
      }),
    );
  }
  await request(lumen, chen, lin, ['REQUESTED', 'ACCEPTED'], '我在团队里写过三份大模型功能的 PRD，想申请这个岗位。');
  await request(forge, sam, maya, ['REQUESTED', 'ACCEPTED', 'SUBMITTED'], 'My churn-model case study is exactly this kind of evaluation work.');
  const paths = [['REQUESTED'], ['REQUESTED', 'DECLINED'], ['REQUESTED', 'ACCEPTED', 'SUBMITTED', 'INTERVIEWING'], ['REQUESTED', 'WITHDRAWN'], ['REQUESTED', 'ACCEPTED', 'SUBMITTED', 'INTERVIEWING', 'OFFER', 'HIRED']];
  for (const [i, s] of switchers.slice(60, 84).entries()) {
    const target = i % 4 === 0 ? { id: forge, referrer: sam } : { id: more[i % more.length], referrer: mentors[20 + (i % more.length)].id };
    await request(target.id, target.referrer, s.id, paths[i % paths.length], 'I have been preparing for this kind of role for six months.');
  }
  return result;
}
