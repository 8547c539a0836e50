import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TestApi, startTestApi } from '@switchyard/testing';

/** The API serves the built web app on its own origin without shadowing any API path. */
const DIST = path.resolve(__dirname, '../../apps/web/dist');

describe('the web app on the API origin', () => {
  let api: TestApi;
  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run web:build` first');
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${api.baseUrl}${url}`, { headers });

  it('answers the root and every client route with index.html, never cached', async () => {
    for (const url of ['/', '/cohorts/42', '/signin?next=%2Fsessions', '/communities/abc/']) {
      const res = await get(url);
      expect({ url, status: res.status, type: res.headers.get('content-type') }).toEqual({ url, status: 200, type: 'text/html; charset=utf-8' });
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed bundles for a year and 404s a missing file instead of the app', async () => {
    const bundle = readdirSync(path.join(DIST, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await get(`/assets/${bundle}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await res.arrayBuffer();
    for (const url of ['/assets/missing.js', '/favicon.png']) {
      const missing = await get(url);
      await missing.arrayBuffer();
      expect({ url, status: missing.status }).toEqual({ url, status: 404 });
    }
  });

  it('leaves the API paths to the API', async () => {
    expect(await (await get('/health/live')).json()).toMatchObject({ status: 'ok' });
    const graphql = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    for (const url of ['/graphql', '/health/nope', '/calendar/feed/nope', '/profiles/x/radar.png', '/unsubscribe/x', '/admin/nothing-here']) {
      const res = await get(url);
      const body = await res.text();
      expect({ url, app: body.includes('<div id="root">') }).toEqual({ url, app: false });
    }
  });
});
