/**
 * The OpenAPI document against the server itself: every route restify actually mounted has an operation, every
 * operation is a mounted route (same method and path), and each says what it answers. Routes are read from
 * restify's router (`server.router.getRoutes()`, which `startAttune` reports as `routes`), not from the table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { startTestApp, type TestApp } from '../support/app';

interface Operation {
  readonly operationId: string;
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema?: unknown }> }>;
  readonly requestBody?: { readonly content: Record<string, { readonly schema?: unknown }> };
}
interface Document {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Operation>>;
}

/** Mounted but not an API: the tab's built files and the redirects to it, which answer HTML, scripts and styles. */
const withoutSchema: Readonly<Record<string, string>> = {
  'GET /': 'redirects to the tab',
  'GET /tab': 'redirects to the tab',
  'GET /tab/*': "the tab's static files (HTML, scripts, styles)",
};

/** `/api/enrolments/{enrolmentId}` in restify's form, `/api/enrolments/:enrolmentId`. */
const restifyPath = (path: string): string => path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

const operations = (doc: Document): { route: string; operation: Operation }[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${restifyPath(path)}`, operation })));

describe('OpenAPI document (development server)', () => {
  let app: TestApp;
  let doc: Document;

  before(async () => {
    app = await startTestApp();
    const res = await fetch(`${app.baseUrl}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    doc = (await res.json()) as Document;
  });
  after(async () => app.stop());

  it('is OpenAPI 3.1.0', () => {
    assert.equal(doc.openapi, '3.1.0');
  });

  it('has an operation for every route the server mounted, but the tab files and redirects', () => {
    const documented = new Set(operations(doc).map((o) => o.route));
    const missing = app.routes.filter((r) => !documented.has(r) && !(r in withoutSchema));
    assert.deepEqual(missing, [], 'mounted routes without an operation');
    assert.ok(app.routes.length > Object.keys(withoutSchema).length);
  });

  it('has no operation for a route the server did not mount', () => {
    const mounted = new Set(app.routes);
    assert.deepEqual(operations(doc).map((o) => o.route).filter((r) => !mounted.has(r)), [], 'operations for routes that are not mounted');
  });

  it('lists the tab files and redirects as mounted, so the exceptions above are real', () => {
    for (const route of Object.keys(withoutSchema)) assert.ok(app.routes.includes(route), `${route} is mounted`);
  });

  it('gives every operation a response schema for its successes, and the error body otherwise', () => {
    for (const { route, operation } of operations(doc)) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      assert.ok(successes.length > 0, `${route} has a success response`);
      for (const [status, response] of successes) {
        const contents = Object.values(response.content ?? {});
        assert.ok(contents.length > 0 && contents.every((c) => typeof c.schema === 'object' && c.schema !== null), `${route} ${status} has a schema`);
      }
      assert.deepEqual(operation.responses.default?.content?.['application/json']?.schema, { $ref: '#/components/schemas/ErrorBody' }, `${route} answers errors with ErrorBody`);
    }
  });

  it('describes the non-JSON routes by their content types', () => {
    const block = doc.paths['/api/enrolments/{enrolmentId}/clip-uploads/{uploadId}/blocks/{index}']?.put;
    assert.ok(block?.requestBody?.content['application/octet-stream'], 'the raw block upload');
    assert.ok(doc.paths['/api/media/{grant}']?.get?.responses['206']?.content?.['video/*'], 'media with Range');
    assert.ok(doc.paths['/api/audit/export']?.get?.responses['200']?.content?.['text/csv'], 'the CSV export');
  });
});

describe('OpenAPI document (production shape: development sign-in off)', () => {
  let app: TestApp;

  before(async () => {
    // Production refuses to start with development sign-in (see loadConfig), so this is how production mounts routes.
    app = await startTestApp({ env: { DEV_SIGN_IN: 'false' } });
  });
  after(async () => app.stop());

  it('does not mount /api/openapi.json', async () => {
    assert.ok(!app.routes.includes('GET /api/openapi.json'));
    const res = await fetch(`${app.baseUrl}/api/openapi.json`);
    await res.arrayBuffer();
    assert.equal(res.status, 404);
  });
});
