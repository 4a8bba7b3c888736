// Shared helpers for the HTTP contract tests (node:test + global fetch, no npm deps).
// The server under test is at HUIGUI_URL; see scripts/test for how it is started.
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';

export const BASE = (process.env.HUIGUI_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const API = `${BASE}/api/v1`;
export const PASSWORD = 'Huigui@2026';

// Demo org units (docs/api.md, demo contract).
export const ORG = {
  hubei: '420000',
  wuhan: '420100',
  jiangan: '420102',
  dazhi: '420102002',
  yiyuan: '420102003',
  huangshi_county: '420202',
  shizishan: '420000F01',
};

export function suffix() {
  return randomBytes(4).toString('hex');
}

// ---------------------------------------------------------------- ID numbers (GB 11643)
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i];
  return CHECK[s % 11];
}

export function withCheckDigit(first17) {
  return first17 + checkDigit(first17);
}

/** The same ID number with a wrong (but well-formed) check digit. */
export function wrongCheckDigit(id) {
  const good = id[17];
  const bad = CHECK.split('').find((c) => c !== good);
  return id.slice(0, 17) + bad;
}

/** A fresh, valid 18-character ID number (area 420102, random birth date and sequence). */
export function newIdNumber(area = '420102') {
  const y = 1960 + randomInt(40);
  const m = 1 + randomInt(12);
  const d = 1 + randomInt(28);
  const seq = String(randomInt(1000)).padStart(3, '0');
  const date = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  return withCheckDigit(`${area}${date}${seq}`);
}

// ---------------------------------------------------------------- dates
/** Today's date in UTC+8 (YYYY-MM-DD), as the contract defines "today". */
export function todayCST() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

export function addDays(date, n) {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** A timestamp `hoursAgo` hours ago, written in +08:00, whole seconds. Returns {local, utc}. */
export function pastTimestamp(hoursAgo = 1) {
  const t = new Date(Math.floor((Date.now() - hoursAgo * 3600e3) / 1000) * 1000);
  const utc = t.toISOString().replace('.000Z', 'Z');
  const local = new Date(t.getTime() + 8 * 3600e3).toISOString().replace('.000Z', '+08:00');
  return { local, utc };
}

/**
 * `date` (YYYY-MM-DD, China Standard Time) at `hour`:00 local, as an RFC 3339 timestamp. When that
 * date is today and the hour is still to come (the suite runs just after midnight CST, say), it is
 * now instead, so no test depends on the time of day it runs at. Other dates are left as given
 * (a test may want a future one).
 */
export function atLocal(date, hour = 10) {
  const ts = `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  if (date !== todayCST() || Date.parse(ts) <= Date.now()) return ts;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 8 * 3600e3);
  return now.toISOString().replace('.000Z', '+08:00');
}

// ---------------------------------------------------------------- HTTP
/**
 * req(method, path, {token, body, raw, headers, cookie})
 * path starting with '/api' or '/healthz' is taken from BASE, otherwise from API.
 * body is JSON-encoded; raw is sent verbatim (Content-Type application/json unless given).
 * Returns {status, headers, text, json}.
 */
export async function req(method, path, opts = {}) {
  const url = path.startsWith('http')
    ? path
    : path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(path)
      ? BASE + path
      : API + path;
  const headers = { Accept: 'application/json', ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, url, method };
}

export const get = (path, opts) => req('GET', path, opts);
export const post = (path, body, opts = {}) => req('POST', path, { ...opts, body });
export const patch = (path, body, opts = {}) => req('PATCH', path, { ...opts, body });
export const del = (path, opts) => req('DELETE', path, opts);

function describe(res) {
  return `${res.method} ${res.url} -> ${res.status} ${res.headers.get('content-type') ?? ''} ${res.text.slice(0, 400)}`;
}

/** Assert a status (or one of several). Returns res for chaining. */
export function expectStatus(res, status) {
  const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
  assert.ok(ok, `expected ${JSON.stringify(status)}: ${describe(res)}`);
  return res;
}

/**
 * Assert an RFC 9457 problem answer: status (number, array of numbers, or '4xx'),
 * Content-Type application/problem+json, and, when field is given, errors[].field names it.
 */
export function expectProblem(res, status, field, rule) {
  if (status === '4xx') {
    assert.ok(res.status >= 400 && res.status < 500, `expected 4xx: ${describe(res)}`);
  } else {
    expectStatus(res, status);
  }
  const ct = res.headers.get('content-type') ?? '';
  assert.match(ct, /^application\/problem\+json/, `Content-Type should be application/problem+json: ${describe(res)}`);
  assert.ok(res.json && typeof res.json === 'object', `problem body is not JSON: ${describe(res)}`);
  assert.equal(res.json.status, res.status, `problem.status should equal the HTTP status: ${describe(res)}`);
  assert.equal(typeof res.json.title, 'string', `problem.title missing: ${describe(res)}`);
  assert.match(String(res.json.type), /^https:\/\/huigui\.example\/problems\//, `problem.type: ${describe(res)}`);
  if (field !== undefined) {
    assert.ok(Array.isArray(res.json.errors), `problem.errors missing: ${describe(res)}`);
    const fields = res.json.errors.map((e) => e.field);
    const wanted = Array.isArray(field) ? field : [field];
    assert.ok(
      wanted.some((f) => fields.includes(f)),
      `errors[].field should name ${wanted.join(' or ')}, got ${JSON.stringify(fields)}: ${describe(res)}`,
    );
    if (rule !== undefined) {
      const e = res.json.errors.find((x) => wanted.includes(x.field));
      assert.equal(e.rule, rule, `errors[].rule for ${e.field}: ${describe(res)}`);
    }
  }
  return res;
}

/** Problem type code (last path segment of problem.type). */
export function problemCode(res) {
  return String(res.json?.type ?? '').split('/').pop();
}

// ---------------------------------------------------------------- sessions
const tokenCache = new Map();

export async function login(username, password = PASSWORD) {
  const res = await post('/session', { username, password });
  expectStatus(res, 201);
  assert.equal(typeof res.json.token, 'string');
  return res.json;
}

/** A bearer token for a demo user (one session per user per test file). */
export async function token(username) {
  if (!tokenCache.has(username)) tokenCache.set(username, (await login(username)).token);
  return tokenCache.get(username);
}

// ---------------------------------------------------------------- data
export function personBody(overrides = {}) {
  const sfx = suffix();
  return {
    alias: `t-${sfx}`,
    sex: 'male',
    birth_year: 1985,
    home_org_unit: ORG.dazhi,
    primary_substance: 'methamphetamine',
    registration_date: '2026-01-15',
    identity: {
      name: `测试${sfx}`,
      id_number: newIdNumber(),
      phone: '+86-138-0000-0000',
      address: `湖北省武汉市江岸区测试路${randomInt(1000)}号`,
    },
    ...overrides,
  };
}

/** Create a person as `username`; returns the Person answer (plus .sent = the request body). */
export async function createPerson(username = 'sw.dazhi', overrides = {}) {
  const body = personBody(overrides);
  const res = await post('/persons', body, { token: await token(username) });
  expectStatus(res, 201);
  return { ...res.json, sent: body };
}

export async function listTotal(path, username) {
  const res = await get(path, { token: await token(username) });
  expectStatus(res, 200);
  assert.equal(typeof res.json.total, 'number', `list total: ${describe(res)}`);
  return res.json.total;
}

export function assertNoIdentity(obj, sent) {
  const s = JSON.stringify(obj);
  for (const k of ['identity', 'name', 'id_number', 'phone', 'address']) {
    assert.ok(!(k in (obj ?? {})), `person read carries "${k}": ${s.slice(0, 300)}`);
  }
  if (sent?.identity) {
    assert.ok(!s.includes(sent.identity.id_number), 'person read contains the ID number');
    assert.ok(!s.includes(sent.identity.name), 'person read contains the legal name');
    assert.ok(!s.includes(sent.identity.address), 'person read contains the address');
  }
}

export function assertList(res) {
  expectStatus(res, 200);
  assert.ok(Array.isArray(res.json?.items), `items should be an array: ${res.text.slice(0, 200)}`);
  for (const k of ['total', 'limit', 'offset']) assert.equal(typeof res.json[k], 'number', `list.${k}`);
  return res.json;
}

export const OVERSIZE = 'x'.repeat(70 * 1024);

/**
 * Run many independent checks, reporting every failure rather than only the first.
 *   const c = checks(); await c.run('name', async () => {...}); c.done();
 */
export function checks() {
  const failures = [];
  return {
    async run(name, fn) {
      try {
        await fn();
      } catch (e) {
        failures.push(`[${name}] ${e.message}`);
      }
    },
    done() {
      if (failures.length) assert.fail(`${failures.length} check(s) failed:\n${failures.join('\n')}`);
    },
  };
}
