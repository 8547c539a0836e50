import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RegisteredUser, TestApi, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';
import { launchBrowser, newPerson, screenshot, signIn } from './browser';

/**
 * The four journeys of issue 8, in a real browser against the built web app
 * served by the real API (same origin), PostgreSQL, Redis and the worker.
 * They run in order and share people: the switcher who signs up in (1) is
 * mentored in (2) and queues for a meetup in (4).
 */

const WEB_DIST = path.resolve(__dirname, '../../apps/web/dist/index.html');
const DAY = 86_400_000;

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

async function ok<T = any>(api: TestApi, query: string, token: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await api.gql(query, { token, variables });
  if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

const AI_PM_SKILLS = ['prd-writing', 'user-story-mapping', 'ab-testing', 'model-selection', 'llm-principles', 'monetisation-models', 'layered-communication'];

async function mentor(api: TestApi, displayName: string, strength: number, switched: boolean): Promise<RegisteredUser> {
  const user = await registerUser(api, { displayName, roles: ['MENTOR'], timeZone: 'Europe/Berlin', languages: ['en', 'de'] });
  await ok(
    api,
    `mutation ($input: MentorProfileInput!) { upsertMentorProfile(input: $input) { capacity } }`,
    user.accessToken,
    {
      input: {
        headline: `${displayName}: AI PM, ex-backend`,
        fieldSlugs: ['ai-product-management'],
        switchedFromFieldSlug: switched ? 'backend-engineering' : null,
        yearsExperience: 8,
        capacity: 3,
        skills: AI_PM_SKILLS.map((skillSlug) => ({ skillSlug, level: strength })),
      },
    },
  );
  return user;
}

async function switcher(api: TestApi, displayName: string): Promise<RegisteredUser> {
  const user = await registerUser(api, { displayName, roles: ['SWITCHER'], timeZone: 'America/New_York' });
  await ok(api, `mutation { upsertSwitcherProfile(input: { currentFieldSlug: "backend-engineering", targetFieldSlug: "ai-product-management" }) { stage } }`, user.accessToken);
  await ok(api, `mutation ($r: [SkillRatingInput!]!) { rateSkills(ratings: $r) { stage } }`, user.accessToken, {
    r: AI_PM_SKILLS.map((skillSlug) => ({ skillSlug, level: 1 })),
  });
  return user;
}

describe('web app journeys (Chromium, built app, real API and worker)', () => {
  let api: TestApi;
  let worker: { close(): Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let meiChen: RegisteredUser;
  let switcherPage: Page;
  let communityId: string;
  let organizer: RegisteredUser;

  async function person(timezoneId: string): Promise<Page> {
    const { context, page } = await newPerson(browser, api.baseUrl, timezoneId);
    contexts.push(context);
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(WEB_DIST)) throw new Error('apps/web/dist is missing: run `npm run web:build` (npm run build does it) first');
    api = await startTestApi();
    worker = await startTestWorker(api);
    browser = await launchBrowser();
    // The mentor who made the same switch and is strong where switchers are weak ranks first.
    meiChen = await mentor(api, 'Mei Chen', 5, true);
    await mentor(api, 'Jonas Weber', 3, false);
    organizer = await registerUser(api, { displayName: 'Sam Rivera', roles: ['ORGANIZER'], timeZone: 'Europe/London' });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('(1) a switcher signs up, rates skills, sees the radar, the gap and explained recommendations, and requests a mentor', async () => {
    const page = (switcherPage = await person('Asia/Shanghai'));
    await page.goto('/');
    // Signed out: sent to sign in, then on to sign up.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Lin Wei');
    await page.getByLabel('Email').fill('lin.wei@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await expectChecked(page, 'Switcher');
    // The zone comes from the browser and can be changed.
    const zone = page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('Asia/Shanghai');
    await zone.selectOption('Asia/Singapore');
    await zone.selectOption('Asia/Shanghai');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'My switch', level: 1 }).waitFor();
    await page.getByLabel('Current field').selectOption('backend-engineering');
    await page.getByLabel('Target field').selectOption('ai-product-management');
    await page.getByLabel('Stage').selectOption('KNOWLEDGE');
    await page.getByRole('button', { name: 'Save profile' }).click();

    const ratings = page.getByRole('form', { name: 'Rate your skills' });
    await ratings.waitFor();
    for (const [slug, level] of [['llm-principles', '4'], ['model-selection', '3'], ['prd-writing', '1'], ['ab-testing', '1']]) {
      await page.locator(`#skill-${slug}`).fill(level);
    }
    await ratings.getByRole('button', { name: 'Save ratings' }).click();
    await page.getByText('Ratings saved; your gap is updated.').waitFor();

    const radar = page.getByRole('img', { name: /Radar chart of your current skill levels/ });
    await radar.waitFor();
    expect(await radar.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const gapRows = page.getByRole('table', { name: 'Gaps, largest first' }).locator('tbody tr');
    expect(await gapRows.count()).toBeGreaterThan(3);
    // Largest weighted gap first, and PRD writing (rated 1) is a gap.
    await page.getByRole('table', { name: 'Gaps, largest first' }).getByRole('rowheader', { name: 'PRD writing' }).waitFor();
    await screenshot(page, 'switcher-profile');

    await page.getByRole('link', { name: /Find mentors who cover this gap/ }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Mei Chen' }) });
    await card.waitFor();
    const first = page.getByRole('list', { name: 'Mentors for you' }).getByRole('listitem').first();
    expect(await first.getByRole('heading', { level: 2 }).textContent()).toBe('Mei Chen');
    const components = card.getByRole('table', { name: 'Score components for Mei Chen' }).locator('tbody tr');
    expect(await components.count()).toBe(7);
    const keys = await components.evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { component: string } }).dataset.component));
    expect(keys.sort()).toEqual(['fieldFit', 'gapCoverage', 'language', 'load', 'reliability', 'sameSwitch', 'timeOverlap']);
    // Every component has its sentence.
    for (const text of await components.locator('td:last-child').allTextContents()) expect(text.trim().length).toBeGreaterThan(5);
    expect(await card.getByText(/same switch|backend engineering/i).count()).toBeGreaterThan(0);
    await screenshot(page, 'recommendations');

    await card.getByRole('button', { name: 'Ask Mei Chen to mentor you' }).click();
    await card.getByLabel('Message to the mentor (optional)').fill('Could you help me with PRDs and A/B tests?');
    await card.getByRole('button', { name: 'Send request' }).click();
    await card.getByText(/Request sent/).waitFor();

    // At phone width nothing scrolls sideways and the menu folds behind a button.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of ['/profile', '/mentors']) {
      await page.goto(url);
      await page.locator('h1').waitFor();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect({ url, overflow }).toEqual({ url, overflow: 0 });
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).waitFor();
    await screenshot(page, 'recommendations-phone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    const requests = await ok(api, `query { myMentorshipRequests { status mentor { id } } }`, meiChen.accessToken);
    expect(requests.myMentorshipRequests).toEqual([{ status: 'PENDING', mentor: { id: meiChen.id } }]);
  });

  it('(2) the mentor sets availability and accepts; the switcher books a slot shown in their zone; both see the session', async () => {
    const mentorPage = await person('Europe/Berlin');
    await signIn(mentorPage, meiChen.email, meiChen.password);
    await mentorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Availability' }).click();
    const weekly = mentorPage.getByRole('form', { name: 'Weekly hours' });
    await weekly.waitFor();
    expect(await weekly.getByLabel('Your hours are in').inputValue()).toBe('Europe/Berlin');
    await weekly.getByRole('button', { name: 'Add hours' }).click();
    await weekly.getByRole('button', { name: 'Add hours' }).click();
    const rows = weekly.locator('.rule-row');
    await rows.nth(0).getByLabel('Day').selectOption('2');
    await rows.nth(0).getByLabel('From').fill('18:00');
    await rows.nth(0).getByLabel('To').fill('21:00');
    await rows.nth(1).getByLabel('Day').selectOption('6');
    await rows.nth(1).getByLabel('From').fill('10:00');
    await rows.nth(1).getByLabel('To').fill('12:00');
    // The preview shows the same hours in Shanghai: Tuesday evening in Berlin is Wednesday morning there.
    expect(await weekly.getByLabel('Show in zone').inputValue()).toBe('Asia/Shanghai');
    expect(await weekly.getByTestId('preview-cell').first().textContent()).toMatch(/^Wed 0[01]:00–0[34]:00$/);
    await weekly.getByRole('button', { name: 'Save weekly hours' }).click();
    await weekly.getByText('Weekly hours saved.').waitFor();
    await screenshot(mentorPage, 'availability');

    await mentorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests' }).click();
    const request = mentorPage.getByRole('listitem', { name: 'Request from Lin Wei' });
    await request.getByText('Could you help me with PRDs and A/B tests?').waitFor();
    await request.getByRole('button', { name: 'Accept' }).click();
    await request.getByText('Accepted').waitFor();

    const page = switcherPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: 'See open times of Mei Chen' }).click();
    await page.getByText('Times in your zone (Asia/Shanghai); the mentor’s time (Europe/Berlin) is shown under each.').waitFor();
    const slot = page.locator('button.slot').first();
    await slot.waitFor();
    const start = (await slot.getAttribute('data-start'))!;
    // Rendered by the server in the switcher's zone, and shown with the mentor's wall time beside it.
    expect(start).toMatch(/\+08:00$/);
    const clock = (zone: string, withZone: boolean) =>
      new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', timeZone: zone, ...(withZone ? { timeZoneName: 'short' } : {}) }).format(new Date(start));
    expect(await slot.locator('.slot-local').textContent()).toMatch(new RegExp(`^${clock('Asia/Shanghai', false)}–.* GMT\\+8$`));
    expect(await slot.locator('.slot-other').textContent()).toBe(`mentor: ${clock('Europe/Berlin', true)}`);
    // Inside the hours the mentor set: Tuesday 18:00-21:00 or Saturday 10:00-12:00 in Berlin.
    const berlin = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(new Date(start));
    expect(berlin).toMatch(/^(Tue,? (18|19|20)|Sat,? (10|11))$/);
    await screenshot(page, 'booking');
    await slot.click();
    await page.getByText('Booked. It is in your sessions and calendar feed.').waitFor();
    // Background scheduling may have booked sessions too; the hand-booked one is there at its time, in each person's zone.
    const when = (zone: string) =>
      new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(start));
    const mine = page.getByRole('list', { name: 'Upcoming' }).getByRole('listitem', { name: 'Session with Mei Chen' }).filter({ hasText: when('Asia/Shanghai') });
    await mine.waitFor();
    expect(await mine.textContent()).toContain(`${when('Europe/Berlin')} for Mei Chen`);
    await screenshot(page, 'sessions-switcher', false);

    await mentorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
    const theirs = mentorPage.getByRole('list', { name: 'Upcoming' }).getByRole('listitem', { name: 'Session with Lin Wei' }).filter({ hasText: when('Europe/Berlin') });
    await theirs.waitFor();
    expect(await theirs.textContent()).toContain(`${when('Asia/Shanghai')} for Lin Wei`);
    const booked = await ok(api, `query ($f: DateTime!, $t: DateTime!) { mySessions(from: $f, to: $t) { start status } }`, meiChen.accessToken, {
      f: new Date().toISOString(),
      t: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    expect(booked.mySessions.map((s: { start: string }) => Date.parse(s.start))).toContain(Date.parse(start));
    await screenshot(mentorPage, 'sessions-mentor');
  });

  it('(3) an organizer creates a community and a cohort, admits applicants, runs matching, reviews and publishes', async () => {
    const page = await person('Europe/London');
    await signIn(page, organizer.email, organizer.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }).click();
    await page.getByRole('button', { name: 'Create a community' }).click();
    await page.getByLabel('Name').fill('AI PM Switchers');
    await page.getByLabel('Description').fill('Engineers moving into AI product management.');
    await page.getByRole('button', { name: 'Create community' }).click();
    await page.getByRole('heading', { name: 'AI PM Switchers', level: 1 }).waitFor();
    communityId = page.url().split('/').pop()!;

    await page.getByRole('button', { name: 'Create a cohort' }).click();
    // A bad date comes back from the server and is shown next to its field.
    await page.getByLabel('Cohort name').fill('Spring cohort');
    await page.getByLabel('Target field').selectOption('ai-product-management');
    await page.getByLabel('First day').fill(isoDate(30));
    await page.getByLabel('Last day').fill(isoDate(20));
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.locator('.field.invalid').getByRole('alert').first().waitFor();
    await page.getByLabel('Last day').fill(isoDate(120));
    await page.getByLabel('Seats for switchers').fill('10');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByRole('heading', { name: 'Spring cohort', level: 1 }).waitFor();
    const cohortId = page.url().split('/').pop()!;

    // Applicants, through the API as the test's setup.
    const applicants = [
      ...(await Promise.all(['Ana Souza', 'Ravi Kumar', 'Yuki Tanaka'].map((name) => switcher(api, name)))).map((u) => ({ u, as: 'SWITCHER' })),
      ...(await Promise.all([mentor(api, 'Priya Nair', 5, true), mentor(api, 'Tom Becker', 4, false)])).map((u) => ({ u, as: 'MENTOR' })),
    ];
    for (const { u, as } of applicants) {
      await ok(api, `mutation ($c: ID!, $as: EnrollmentRole!) { enrollInCohort(cohortId: $c, as: $as) { status } }`, u.accessToken, { c: cohortId, as });
    }
    await page.reload();
    const table = page.getByRole('table', { name: 'Applications' });
    await table.waitFor();
    for (const name of ['Ana Souza', 'Ravi Kumar', 'Yuki Tanaka', 'Priya Nair', 'Tom Becker']) {
      await page.getByRole('button', { name: `Admit ${name}` }).click();
      await table.getByRole('row', { name: new RegExp(name) }).getByText('Admitted').waitFor();
    }
    const dashboard = page.getByRole('region', { name: 'Dashboard' });
    await dashboard.getByText('Switchers admitted').locator('xpath=..').getByText('3').waitFor();

    const matching = page.getByRole('region', { name: 'Matching' });
    await matching.getByLabel('Method').selectOption('STABLE');
    await matching.getByRole('button', { name: 'Run matching' }).click();
    await matching.locator('article[data-run-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    await matching.getByLabel('Method').selectOption('OPTIMAL');
    await matching.getByRole('button', { name: 'Run matching' }).click();
    const optimal = matching.getByRole('article', { name: 'Optimal run' });
    await optimal.and(page.locator('[data-run-status="SUCCEEDED"]')).waitFor({ timeout: 30_000 });
    // Side by side: both runs with their metrics and pairs.
    expect(await matching.getByRole('article').count()).toBe(2);
    expect(await optimal.getByRole('table', { name: 'Pairs' }).locator('tbody tr').count()).toBe(3);
    expect(await optimal.getByText('Unmatched switchers').locator('xpath=..').locator('dd').textContent()).toBe('0');
    await screenshot(page, 'cohort-matching');

    await optimal.getByRole('button', { name: 'Publish the Optimal pairs' }).click();
    await optimal.getByText(/^Published: the mentorships exist/).waitFor();
    const run = await ok(api, `query ($c: ID!) { cohortDashboard(cohortId: $c) { mentorships match { published mode } } }`, organizer.accessToken, { c: cohortId });
    expect(run.cohortDashboard).toEqual({ mentorships: 3, match: { published: true, mode: 'OPTIMAL' } });
    await page.reload();
    await page.getByRole('region', { name: 'Dashboard' }).getByText('Mentorships').locator('xpath=..').getByText('3').waitFor();
    await screenshot(page, 'cohort-dashboard', false);
  });

  it('(4) a member RSVPs to a full meetup and sees their waitlist position', async () => {
    const startsAt = new Date(Date.now() + 7 * DAY);
    startsAt.setUTCHours(17, 0, 0, 0);
    const created = await ok(
      api,
      `mutation ($input: CreateMeetupInput!) { createMeetup(input: $input) { id } }`,
      organizer.accessToken,
      {
        input: {
          communityId,
          title: 'Prompting workshop',
          kind: 'WORKSHOP',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
          timeZone: 'Europe/London',
          onlineUrl: 'https://meet.example.org/prompting',
          capacity: 1,
        },
      },
    );
    // The only seat goes to someone else first.
    const early = await switcher(api, 'Early Bird');
    const first = await ok(api, `mutation ($m: ID!) { rsvp(meetupId: $m) { status } }`, early.accessToken, { m: created.createMeetup.id });
    expect(first.rsvp.status).toBe('GOING');

    const page = switcherPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetups' }).click();
    const card = page.getByRole('listitem', { name: /Prompting workshop/ });
    await card.getByText('1 of 1 going').waitFor();
    await card.getByRole('button', { name: 'Join the waitlist' }).click();
    await card.getByText('You are on the waitlist, position 1. You will be told when a seat frees up.').waitFor();
    await card.getByText('1 on the waitlist').waitFor();
    // Shown in the member's zone, with the meetup's own local time beside it.
    expect(await card.textContent()).toMatch(/GMT\+8.*where it happens/);
    await screenshot(page, 'meetup-waitlist');

    const rsvps = await ok(api, `query { myRsvps { status waitlistPosition meetup { id } } }`, await tokenOf(page));
    expect(rsvps.myRsvps).toEqual([{ status: 'WAITLISTED', waitlistPosition: 1, meetup: { id: created.createMeetup.id } }]);
  });
  it('(5) switches to Simplified Chinese, refreshes a stale token without a sign-out, and explains when the session is gone', async () => {
    const page = switcherPage;
    await page.getByLabel('Interface language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '活动', level: 1 }).waitFor();
    await page.getByRole('listitem', { name: /Prompting workshop/ }).getByText('你在候补名单第 1 位，有空位时会通知你。').waitFor();
    // Kept on the account (updateMe), so it follows the user to other devices.
    const me = await ok(api, `query { me { locale } }`, await tokenOf(page));
    expect(me.me.locale).toBe('zh-CN');
    await screenshot(page, 'meetups-zh');
    await page.getByLabel('界面语言').selectOption('en');
    await page.getByRole('heading', { name: 'Meetups', level: 1 }).waitFor();

    // An access token past its expiry is refreshed before the request goes out.
    const before = await session(page);
    await setSession(page, { ...before, accessTokenExpiresAt: Date.now() - 1000 });
    await page.goto('/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const afterExpiry = await session(page);
    expect(afterExpiry.refreshToken).not.toBe(before.refreshToken);
    // The mentor's acceptance reached the switcher as a notification.
    expect(await page.getByRole('list').filter({ hasText: 'Mei Chen' }).count()).toBeGreaterThan(0);

    // A token the server refuses is refreshed once and the request retried.
    await setSession(page, { ...afterExpiry, accessToken: 'not-a-token' });
    await page.goto('/sessions');
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Upcoming' }).getByRole('listitem').first().waitFor();
    expect((await session(page)).refreshToken).not.toBe(afterExpiry.refreshToken);

    // A refresh token the server refuses ends the session, and the sign-in page says so.
    await setSession(page, { ...(await session(page)), accessToken: 'not-a-token', refreshToken: 'revoked' });
    await page.goto('/sessions');
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(await page.evaluate(() => (globalThis as unknown as Storage).localStorage.getItem('switchyard.session'))).toBeNull();
  });
});

interface Storage {
  localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
}

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: number;
}

async function session(page: Page): Promise<StoredSession> {
  return JSON.parse((await page.evaluate(() => (globalThis as unknown as Storage).localStorage.getItem('switchyard.session')))!);
}

async function setSession(page: Page, value: StoredSession): Promise<void> {
  await page.evaluate((v) => (globalThis as unknown as Storage).localStorage.setItem('switchyard.session', v), JSON.stringify(value));
}

async function expectChecked(page: Page, label: string): Promise<void> {
  expect(await page.getByLabel(label).isChecked()).toBe(true);
}

/** The access token the web app holds (to cross-check through the API what the page shows). */
async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('switchyard.session'));
  return JSON.parse(raw!).accessToken;
}
