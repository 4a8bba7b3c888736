// Hostile and concurrent input: never a 5xx, never a half-written record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, get, post, patch, req, expectStatus, expectProblem, token, createPerson, personBody, assertList,
  suffix, checks,
} from './helpers.mjs';

test('concurrent PATCHes with the same version: exactly one wins, the others answer 409', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const results = await Promise.all([0, 1, 2, 3].map((i) => patch(`/persons/${p.id}`, { version: p.version, alias: `${p.alias}-${i}` }, { token: t })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 409, 409, 409], `statuses: ${statuses}`);
  for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409);
  const winner = results.find((r) => r.status === 200).json;
  const cur = expectStatus(await get(`/persons/${p.id}`, { token: t }), 200).json;
  assert.equal(cur.alias, winner.alias);
  assert.equal(cur.version, winner.version);
});

test('concurrent creates with the same id_number: one 201, the others 409', async () => {
  const t = await token('sw.dazhi');
  const base = personBody();
  const bodies = [0, 1, 2].map((i) => ({ ...base, alias: `${base.alias}-${i}` }));
  const results = await Promise.all(bodies.map((b) => post('/persons', b, { token: t })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 409, 409], `statuses: ${statuses}`);
  const found = assertList(await get(`/persons?id_number=${base.identity.id_number}`, { token: t }));
  assert.equal(found.total, 1);
});

test('search input is literal: LIKE wildcards do not match everything', async () => {
  const t = await token('director.hubei');
  const c = checks();
  for (const q of ['%', '_', '%25', '\\', "'", '"', '*']) {
    await c.run(`q=${q}`, async () => {
      const res = assertList(await get(`/persons?q=${encodeURIComponent(q)}`, { token: t }));
      assert.equal(res.total, 0, `no alias starts with ${q}`);
    });
  }
  const sfx = suffix();
  await createPerson('sw.dazhi', { alias: `a_${sfx}` });
  await c.run('underscore is literal', async () => {
    assert.equal(assertList(await get(`/persons?q=${encodeURIComponent(`a_${sfx}`)}`, { token: t })).total, 1);
    assert.equal(assertList(await get(`/persons?q=${encodeURIComponent(`ab${sfx}`)}`, { token: t })).total, 0);
  });
  c.done();
});

test('odd path ids, query strings and headers never answer 5xx', async () => {
  const t = await token('sw.dazhi');
  const c = checks();
  const paths = [
    '/persons/99999999999999999999999', '/persons/1e3', '/persons/%20', '/persons/0x10', '/persons/1;2',
    '/persons/%E5%88%98', '/persons/1/contacts/extra', '/persons?limit=1e2', '/persons?limit=99999999999999999999',
    '/persons?offset=99999999999999999999', '/persons?q=%FF', '/persons?q=%00', '/persons?org_unit=%00',
    '/persons?org_unit=%FF', '/persons?id_number=%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF%FF',
    '/org-units?parent=%FF', '/org-units?parent=%00', '/worklist?status=%FF', '/audit?person_id=1e3',
    '/audit?username=%FF', '/audit?action=%FF', '/audit?username=%00',
  ];
  for (const p of paths) {
    await c.run(p, async () => {
      const res = await get(p, { token: p.startsWith('/audit') ? await token('auditor') : t });
      assert.ok(res.status < 500, `${p} -> ${res.status} ${res.text.slice(0, 200)}`);
      if (res.status >= 400) expectProblem(res, '4xx');
    });
  }
  await c.run('odd X-Request-Id', async () => {
    const res = await get('/me', { token: t, headers: { 'X-Request-Id': 'x'.repeat(2000) } });
    assert.ok(res.status < 500, `long X-Request-Id -> ${res.status}`);
  });
  await c.run('non-UTF-8 X-Request-Id on an audited read', async () => {
    const p = await createPerson('sw.dazhi');
    const res = await get(`/persons/${p.id}`, { token: t, headers: { 'X-Request-Id': 'r\xff\xfe' } });
    assert.ok(res.status < 500, `-> ${res.status} ${res.text.slice(0, 200)}`);
  });
  await c.run('NUL in a login username', async () => {
    const res = await post('/session', { username: 'sw.dazhi\u0000', password: 'x' });
    assert.ok(res.status < 500, `-> ${res.status} ${res.text.slice(0, 200)}`);
  });
  await c.run('huge bearer token', async () => expectProblem(await get('/me', { token: 'x'.repeat(6000) }), [400, 401, 431]));
  c.done();
});

test('hostile JSON bodies answer 400, never 5xx', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const path = `/persons/${p.id}/contacts`;
  const before = assertList(await get(path, { token: t })).total;
  const c = checks();
  const bodies = {
    'deep nesting': '['.repeat(20000) + ']'.repeat(20000),
    'deep object': '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    'invalid UTF-8': Buffer.from([0x7b, 0x22, 0x6b, 0x69, 0x6e, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    'NUL in string': '{"kind":"phone","at":"2026-01-01T00:00:00Z","note":"a\\u0000b"}',
    'lone surrogate': '{"kind":"phone","at":"2026-01-01T00:00:00Z","note":"\\ud800"}',
    'duplicate keys': '{"kind":"phone","kind":"wechat","at":"2026-01-01T00:00:00Z","note":""}',
    'trailing garbage': '{"kind":"phone","at":"2026-01-01T00:00:00Z","note":""} x',
    'huge number': '{"kind":"phone","at":"2026-01-01T00:00:00Z","note":1e999999}',
    'BOM': '\ufeff{"kind":"phone","at":"2026-01-01T00:00:00Z","note":""}',
  };
  for (const [name, raw] of Object.entries(bodies)) {
    await c.run(name, async () => {
      const res = await req('POST', path, { token: t, raw });
      assert.ok(res.status < 500, `${name} -> ${res.status} ${res.text.slice(0, 200)}`);
      if (name !== 'NUL in string' && name !== 'duplicate keys' && name !== 'BOM') expectProblem(res, 400);
    });
  }
  c.done();
  // NUL/duplicate-key/BOM bodies may be accepted or refused; the rest must not have written anything.
  const after = assertList(await get(path, { token: t })).total;
  assert.ok(after - before <= 3, `at most the 3 tolerated bodies were written: ${after - before}`);
});

test('Content-Type application/json; charset=utf-8 is accepted; JSON \\u escapes decode', async () => {
  const t = await token('sw.dazhi');
  const body = personBody();
  const raw = JSON.stringify(body).replace(body.alias, `${body.alias}\\u5316`);
  const res = await req('POST', '/persons', { token: t, raw, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  expectStatus(res, 201);
  assert.equal(res.json.alias, `${body.alias}化`);
});

test('a body of exactly 64 KiB is not refused for size', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const head = JSON.stringify({ reason: 'size check' }).slice(0, -1);
  const raw = head + ' '.repeat(64 * 1024 - head.length - 1) + '}';
  assert.equal(Buffer.byteLength(raw), 64 * 1024);
  expectStatus(await req('POST', `${API}/persons/${p.id}/identity/reveal`, { token: t, raw }), 200);
  expectProblem(await req('POST', `${API}/persons/${p.id}/identity/reveal`, { token: t, raw: `${raw} ` }), 413);
});
