// /healthz, /metrics, the OpenAPI document, request ids, and generic protocol errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, get, req, post, expectStatus, expectProblem, token } from './helpers.mjs';

test('GET /healthz (liveness) answers {"status":"ok"}', async () => {
  const res = expectStatus(await get('/healthz'), 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(res.json, { status: 'ok' });
});

test('GET /readyz (readiness) answers {"status":"ok","db":"ok"}', async () => {
  const res = expectStatus(await get('/readyz'), 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(res.json, { status: 'ok', db: 'ok' });
});

test('GET /metrics is Prometheus text with huigui_http_requests_total', async () => {
  await get('/healthz');
  const res = expectStatus(await get('/metrics'), 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(res.text, /huigui_http_requests_total/);
  assert.match(res.text, /^huigui_http_requests_total(\{[^}]*\})? \d/m, 'a sample line for the counter');
});

test('GET /api/v1/openapi.json is OpenAPI 3.1 and lists every documented path', async () => {
  const res = expectStatus(await get('/openapi.json'), 200);
  assert.match(res.headers.get('content-type') ?? '', /json/);
  assert.ok(res.json, 'valid JSON');
  assert.match(String(res.json.openapi), /^3\.1/);
  const paths = Object.keys(res.json.paths ?? {});
  const want = [
    '/session', '/me', '/org-units', '/persons', '/persons/{id}', '/persons/{id}/identity/reveal',
    '/persons/{id}/episodes', '/persons/{id}/contacts', '/persons/{id}/drug-tests',
    '/persons/{id}/timeline', '/worklist', '/audit', '/openapi.json',
  ];
  // Paths may be written with or without the /api/v1 prefix (servers[].url).
  for (const p of want) {
    assert.ok(paths.includes(`/api/v1${p}`) || paths.includes(p), `openapi.paths lacks /api/v1${p}: ${paths.join(', ')}`);
  }
  for (const p of ['/healthz', '/readyz', '/metrics']) assert.ok(paths.includes(p), `openapi.paths lacks ${p}`);
  assert.ok(paths.includes('/api/v1/persons/{id}') || (paths.includes('/persons/{id}') && JSON.stringify(res.json.servers ?? []).includes('/api/v1')),
    'lists /api/v1/persons/{id}');
});

test('every answer carries X-Request-Id, echoed when given', async () => {
  const a = await get('/healthz');
  assert.ok(a.headers.get('x-request-id'), 'X-Request-Id on /healthz');
  const id = `test-${Date.now()}`;
  const b = await get('/healthz', { headers: { 'X-Request-Id': id } });
  assert.equal(b.headers.get('x-request-id'), id);
  const c = await get('/me', { headers: { 'X-Request-Id': id } });
  expectProblem(c, 401);
  assert.equal(c.headers.get('x-request-id'), id);
  assert.equal(c.json.request_id, id, 'problem.request_id echoes the request id');
});

test('unknown API path answers 404 problem+json', async () => {
  expectProblem(await get('/no-such-thing'), 404);
});

test('protected endpoints without credentials answer 401 problem+json', async () => {
  for (const p of ['/me', '/org-units', '/persons', '/persons/1', '/worklist', '/audit']) {
    expectProblem(await get(p), 401);
  }
  expectProblem(await post('/persons', {}), 401);
  expectProblem(await req('DELETE', '/session'), 401);
});

test('a bogus bearer token answers 401', async () => {
  expectProblem(await get('/me', { token: 'not-a-real-token' }), 401);
});

test('POST with a non-JSON Content-Type answers 415', async () => {
  const t = await token('sw.dazhi');
  const res = await req('POST', '/persons', { token: t, raw: 'alias=x', headers: { 'Content-Type': 'text/plain' } });
  expectProblem(res, 415);
  const res2 = await req('POST', '/session', { raw: 'username=admin', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  expectProblem(res2, 415);
});

test('BASE is reachable', () => {
  assert.ok(BASE.startsWith('http'));
});

test('GET /metrics: the request counter grows', async () => {
  const total = (text) => text.split('\n').filter((l) => l.startsWith('huigui_http_requests_total'))
    .reduce((n, l) => n + Number(l.trim().split(/\s+/).pop()), 0);
  const a = total(expectStatus(await get('/metrics'), 200).text);
  for (let i = 0; i < 3; i++) await get('/healthz');
  const b = total(expectStatus(await get('/metrics'), 200).text);
  assert.ok(b >= a + 3, `counter grew by at least 3: ${a} -> ${b}`);
});
