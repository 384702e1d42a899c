/**
 * The authorisation matrix: every HTTP route × every role, with the status each must get. A route added
 * without a row here fails the test, so nobody can add a way in without saying who may use it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoPeople, demoTenantId } from '../../src/app/seed-demo';
import { devSignIn, startTestApp, type TestApp } from '../support/app';

type Who = 'anonymous' | 'trainee' | 'secondTrainee' | 'supervisor' | 'lineManager' | 'admin';
const everyone: Who[] = ['anonymous', 'trainee', 'secondTrainee', 'supervisor', 'lineManager', 'admin'];

interface Row {
  /** What the route is for, and who may use it. */
  readonly access: 'public' | 'development' | 'bot' | 'static' | 'signed-in' | 'service-admin';
  /** The status each caller gets for a plain request (GET without body unless `body` is set). */
  readonly expect: Readonly<Record<Who, number>>;
  readonly path?: string;
  readonly body?: unknown;
}

const publicRow = (status = 200): Row => ({ access: 'public', expect: Object.fromEntries(everyone.map((w) => [w, status])) as Record<Who, number> });
const signedIn: Row = { access: 'signed-in', expect: { anonymous: 401, trainee: 200, secondTrainee: 200, supervisor: 200, lineManager: 200, admin: 200 } };
const adminOnly: Row = { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 200 } };

const matrix: Readonly<Record<string, Row>> = {
  'GET /healthz': publicRow(),
  'GET /api/config': publicRow(),
  'GET /api/me': signedIn,
  'GET /api/me/progress': signedIn,
  'GET /api/me/trainees': signedIn,
  'GET /api/me/clip-views': signedIn,
  'GET /api/audit': adminOnly,
  'GET /api/audit/export': adminOnly,
  'GET /api/me/progress/history': signedIn,
  'GET /api/admin/service': adminOnly,
  // Without If-Match the admin is told to send it (400); everyone else cannot see the service at all.
  'PUT /api/admin/service': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400 }, body: {} },
  'POST /api/admin/pathways': { access: 'service-admin', expect: { anonymous: 401, trainee: 404, secondTrainee: 404, supervisor: 404, lineManager: 404, admin: 400 }, body: {} },
  'GET /api/dev/people': { ...publicRow(), access: 'development' },
  'POST /api/dev/sign-in': { ...publicRow(400), access: 'development', body: {} },
  'GET /dev-issuer/:tenant/discovery/v2.0/keys': { ...publicRow(), access: 'development', path: `/dev-issuer/${demoTenantId}/discovery/v2.0/keys` },
  // The bot authenticates with Bot Framework tokens, not tab tokens: an empty body is refused for everyone.
  'POST /api/messages': { access: 'bot', expect: Object.fromEntries(everyone.map((w) => [w, 400])) as Record<Who, number>, body: {} },
  'GET /tab/*': { ...publicRow(), access: 'static', path: '/tab/' },
  'GET /tab': { ...publicRow(302), access: 'static' },
  'GET /': { ...publicRow(302), access: 'static' },
};

void describe('authorisation matrix', () => {
  let app: TestApp;
  const tokens = new Map<Who, string>();

  before(async () => {
    app = await startTestApp();
    for (const who of everyone) {
      if (who === 'anonymous') continue;
      tokens.set(who, await devSignIn(app.baseUrl, `${demoTenantId}:${demoPeople[who === 'admin' ? 'admin' : who].objectId}`));
    }
  });
  after(async () => app.stop());

  void it('has a row for every route the server serves, and no row for a route it does not', () => {
    const served = [...app.routes].sort();
    assert.deepEqual(served.filter((r) => !(r in matrix)), [], 'routes without a row in the authorisation matrix');
    assert.deepEqual(Object.keys(matrix).filter((r) => !served.includes(r)).sort(), [], 'rows for routes the server does not serve');
  });

  for (const [route, row] of Object.entries(matrix)) {
    void it(`${route}: ${row.access}`, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = row.path ?? pattern;
      for (const who of everyone) {
        const token = tokens.get(who);
        const res = await fetch(`${app.baseUrl}${path}`, {
          method,
          redirect: 'manual',
          headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(row.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
          ...(row.body !== undefined ? { body: JSON.stringify(row.body) } : {}),
        });
        await res.arrayBuffer();
        assert.equal(res.status, row.expect[who], `${route} as ${who}`);
      }
    });
  }

  void it('serves no development route when development sign-in is off', async () => {
    const plain = await startTestApp({ env: { DEV_SIGN_IN: 'false' } });
    try {
      assert.deepEqual(plain.routes.filter((r) => r.includes('/dev')), []);
      assert.equal((await fetch(`${plain.baseUrl}/api/dev/people`)).status, 404);
      assert.equal(((await (await fetch(`${plain.baseUrl}/api/config`)).json()) as { devSignIn: boolean }).devSignIn, false);
    } finally {
      await plain.stop();
    }
  });
});
