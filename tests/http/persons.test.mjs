// /api/v1/persons: create, read, list/search, PATCH with optimistic concurrency, reveal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, get, post, patch, req, expectStatus, expectProblem, token, createPerson, personBody,
  newIdNumber, withCheckDigit, wrongCheckDigit, checkDigit, assertNoIdentity, assertList, suffix,
  todayCST, OVERSIZE, checks,
} from './helpers.mjs';

const PERSON_KEYS = ['id', 'alias', 'sex', 'birth_year', 'home_org_unit', 'home_org_unit_name',
  'primary_substance', 'registration_date', 'has_identity', 'version', 'current_episode'];

function assertPerson(p) {
  for (const k of PERSON_KEYS) assert.ok(k in p, `Person.${k} missing: ${JSON.stringify(p)}`);
  assertNoIdentity(p);
}

/** Count persons whose alias starts with prefix, as director.hubei (whole province). */
async function countAlias(prefix) {
  const res = await get(`/persons?q=${encodeURIComponent(prefix)}`, { token: await token('director.hubei') });
  return assertList(res).total;
}

test('GB 11643 check digits: the generator agrees with a known-good number', () => {
  assert.equal(checkDigit('11010519491231002'), 'X');
  assert.equal(withCheckDigit('11010519491231002'), '11010519491231002X');
  assert.notEqual(wrongCheckDigit('11010519491231002X'), '11010519491231002X');
  assert.equal(checkDigit('44052418800101001'), '4');
});

test('POST /persons creates a person: 201, Location, no identity in the answer', async () => {
  const body = personBody();
  const res = expectStatus(await post('/persons', body, { token: await token('sw.dazhi') }), 201);
  const p = res.json;
  assertPerson(p);
  assertNoIdentity(p, body);
  assert.equal(p.alias, body.alias);
  assert.equal(p.sex, 'male');
  assert.equal(p.birth_year, 1985);
  assert.equal(p.home_org_unit, ORG.dazhi);
  assert.equal(typeof p.home_org_unit_name, 'string');
  assert.ok(p.home_org_unit_name.length > 0);
  assert.equal(p.primary_substance, body.primary_substance);
  assert.equal(p.registration_date, '2026-01-15');
  assert.equal(p.has_identity, true);
  assert.equal(typeof p.version, 'number');
  assert.equal(p.current_episode, null);
  const loc = res.headers.get('location') ?? '';
  assert.match(loc, new RegExp(`/api/v1/persons/${p.id}$`));
});

test('POST /persons without identity or registration_date: has_identity false, registered today', async () => {
  const body = personBody({ sex: 'female', birth_year: 2000 });
  delete body.identity;
  delete body.registration_date;
  const res = expectStatus(await post('/persons', body, { token: await token('sw.dazhi') }), 201);
  assert.equal(res.json.has_identity, false);
  assert.equal(res.json.sex, 'female');
  assert.equal(res.json.registration_date, todayCST());
});

test('POST /persons: alias length counts characters (32 Chinese characters accepted)', async () => {
  const alias = '化'.repeat(31) + String.fromCharCode(0x4e00 + Math.floor(Math.random() * 1000));
  const body = personBody({ alias });
  const res = expectStatus(await post('/persons', body, { token: await token('sw.dazhi') }), 201);
  assert.equal(res.json.alias, alias);
});

test('POST /persons: bad input answers 400 naming the field, nothing written', async () => {
  const t = await token('sw.dazhi');
  const thisYear = Number(todayCST().slice(0, 4));
  const cases = [
    ['alias missing', (b) => { delete b.alias; }, 'alias'],
    ['sex missing', (b) => { delete b.sex; }, 'sex'],
    ['birth_year missing', (b) => { delete b.birth_year; }, 'birth_year'],
    ['home_org_unit missing', (b) => { delete b.home_org_unit; }, 'home_org_unit'],
    ['primary_substance missing', (b) => { delete b.primary_substance; }, 'primary_substance'],
    ['alias empty', (b) => { b.alias = ''; }, 'alias'],
    ['alias 33 chars', (b) => { b.alias = `${b.alias}${'x'.repeat(33)}`.slice(0, 33); }, 'alias'],
    ['alias wrong type', (b) => { b.alias = 12345; }, 'alias'],
    ['sex not in enum', (b) => { b.sex = 'x'; }, 'sex'],
    ['birth_year as string', (b) => { b.birth_year = '1985'; }, 'birth_year'],
    ['birth_year fractional', (b) => { b.birth_year = 1985.5; }, 'birth_year'],
    ['birth_year 1899', (b) => { b.birth_year = 1899; }, 'birth_year'],
    ['birth_year next year', (b) => { b.birth_year = thisYear + 1; }, 'birth_year'],
    ['home_org_unit wrong type', (b) => { b.home_org_unit = 420102002; }, 'home_org_unit'],
    ['registration_date 2026-02-30', (b) => { b.registration_date = '2026-02-30'; }, 'registration_date'],
    ['registration_date 2026-13-01', (b) => { b.registration_date = '2026-13-01'; }, 'registration_date'],
    ['registration_date not a date', (b) => { b.registration_date = '15/01/2026'; }, 'registration_date'],
    ['unknown top-level field', (b) => { b.nickname = 'x'; }, 'nickname'],
    ['identity wrong type', (b) => { b.identity = 'secret'; }, 'identity'],
    ['identity unknown field', (b) => { b.identity.email = 'a@b.c'; }, 'identity.email'],
    ['identity.name missing', (b) => { delete b.identity.name; }, 'identity.name'],
    ['identity.id_number missing', (b) => { delete b.identity.id_number; }, 'identity.id_number'],
    ['identity.id_number wrong check digit', (b) => { b.identity.id_number = wrongCheckDigit(b.identity.id_number); }, 'identity.id_number', 'gb11643_check_digit'],
    ['identity.id_number 11010519491231002 + wrong digit', (b) => { b.identity.id_number = '110105194912310021'; }, 'identity.id_number', 'gb11643_check_digit'],
    ['identity.id_number 17 chars', (b) => { b.identity.id_number = b.identity.id_number.slice(0, 17); }, 'identity.id_number'],
    ['identity.id_number letters', (b) => { b.identity.id_number = 'ABCDEFGHIJKLMNOPQR'; }, 'identity.id_number'],
    ['identity.id_number birth date 2026-02-30', (b) => { b.identity.id_number = withCheckDigit('42010220260230001'); }, 'identity.id_number'],
    ['identity.id_number birth date 1990-13-01', (b) => { b.identity.id_number = withCheckDigit('42010219901301001'); }, 'identity.id_number'],
    ['identity.id_number wrong type', (b) => { b.identity.id_number = 420102198501010011; }, 'identity.id_number'],
    ['identity.phone letters', (b) => { b.identity.phone = 'call me'; }, 'identity.phone'],
    ['identity.phone too short', (b) => { b.identity.phone = '1234'; }, 'identity.phone'],
    ['identity.phone too long', (b) => { b.identity.phone = '1'.repeat(21); }, 'identity.phone'],
    ['alias null', (b) => { b.alias = null; }, 'alias'],
    ['registration_date null', (b) => { b.registration_date = null; }, 'registration_date'],
    ['identity null', (b) => { b.identity = null; }, 'identity'],
    ['identity.phone null', (b) => { b.identity.phone = null; }, 'identity.phone'],
  ];
  const c = checks();
  for (const [name, mutate, field, rule] of cases) {
    await c.run(name, async () => {
      const body = personBody();
      mutate(body);
      const res = await post('/persons', body, { token: t });
      expectProblem(res, 400, field, rule);
      const alias = typeof body.alias === 'string' && body.alias.length ? body.alias : null;
      if (alias && alias.length <= 32) assert.equal(await countAlias(alias), 0, 'nothing written');
    });
  }
  c.done();
});

test('POST /persons: malformed JSON, non-object bodies and oversize bodies', async () => {
  const t = await token('sw.dazhi');
  const body = personBody();
  const text = JSON.stringify(body);
  expectProblem(await req('POST', '/persons', { token: t, raw: text.slice(0, -5) }), 400);
  expectProblem(await req('POST', '/persons', { token: t, raw: `${text},` }), 400);
  expectProblem(await req('POST', '/persons', { token: t, raw: '"person"' }), 400);
  expectProblem(await req('POST', '/persons', { token: t, raw: '[]' }), 400);
  expectProblem(await req('POST', '/persons', { token: t, raw: 'null' }), 400);
  expectProblem(await req('POST', '/persons', { token: t, raw: JSON.stringify({ ...body, note: OVERSIZE }) }), 413);
  expectProblem(await req('POST', '/persons', { token: t, raw: JSON.stringify({ ...body, identity: { ...body.identity, address: OVERSIZE } }) }), 413);
  assert.equal(await countAlias(body.alias), 0, 'nothing written');
});

test('POST /persons: unknown home_org_unit is refused (4xx naming home_org_unit)', async () => {
  const body = personBody({ home_org_unit: '999999999' });
  expectProblem(await post('/persons', body, { token: await token('director.hubei') }), [400, 422], 'home_org_unit');
  assert.equal(await countAlias(body.alias), 0);
});

test('POST /persons: a duplicate id_number answers 409, nothing written', async () => {
  const first = await createPerson('sw.dazhi');
  const body = personBody();
  body.identity.id_number = first.sent.identity.id_number;
  expectProblem(await post('/persons', body, { token: await token('sw.dazhi') }), 409);
  assert.equal(await countAlias(body.alias), 0);
});

test('POST /persons: roles without person rights answer 403', async () => {
  for (const u of ['admin', 'analyst', 'auditor', 'inspector']) {
    const body = personBody();
    expectProblem(await post('/persons', body, { token: await token(u) }), 403);
    assert.equal(await countAlias(body.alias), 0);
  }
});

test('GET /persons/{id}: Person with ETag "<version>", never identity', async () => {
  const p = await createPerson('sw.dazhi');
  const res = expectStatus(await get(`/persons/${p.id}`, { token: await token('sw.dazhi') }), 200);
  assertPerson(res.json);
  assertNoIdentity(res.json, p.sent);
  assert.equal(res.json.id, p.id);
  assert.equal(res.headers.get('etag'), `"${res.json.version}"`);
  // Same through a director of the whole province.
  const res2 = expectStatus(await get(`/persons/${p.id}`, { token: await token('director.hubei') }), 200);
  assertNoIdentity(res2.json, p.sent);
});

test('bad path ids answer 4xx problem+json on every person route', async () => {
  const t = await token('sw.dazhi');
  const subs = ['', '/episodes', '/contacts', '/drug-tests', '/timeline'];
  for (const id of ['abc', '999999999', '-1', '1.5', '0']) {
    for (const s of subs) {
      const res = await get(`/persons/${id}${s}`, { token: t });
      expectProblem(res, id === '999999999' ? 404 : [400, 404]);
    }
  }
  expectProblem(await patch('/persons/999999999', { version: 1, alias: 'x' }, { token: t }), 404);
  expectProblem(await patch('/persons/abc', { version: 1, alias: 'x' }, { token: t }), [400, 404]);
  expectProblem(await post('/persons/999999999/identity/reveal', { reason: 'check' }, { token: t }), 404);
  expectProblem(await post('/persons/abc/identity/reveal', { reason: 'check' }, { token: t }), [400, 404]);
  expectProblem(await post('/persons/999999999/contacts', { kind: 'phone', at: '2026-01-01T10:00:00+08:00', note: '' }, { token: t }), 404);
  expectProblem(await post('/persons/999999999/drug-tests', { sample: 'urine', result: 'negative', at: '2026-01-01T10:00:00+08:00', substances: [] }, { token: t }), 404);
  expectProblem(await post('/persons/999999999/episodes', { kind: 'voluntary', org_unit: ORG.dazhi, start_date: '2026-01-01' }, { token: t }), 404);
});

test('GET /persons: pagination with limit/offset/total', async () => {
  const prefix = `pg${suffix()}`;
  for (let i = 0; i < 3; i++) await createPerson('sw.dazhi', { alias: `${prefix}-${i}` });
  const t = await token('sw.dazhi');
  const all = assertList(await get(`/persons?q=${prefix}`, { token: t }));
  assert.equal(all.total, 3);
  assert.equal(all.items.length, 3);
  assert.equal(all.limit, 50, 'default limit 50');
  assert.equal(all.offset, 0, 'default offset 0');
  const p1 = assertList(await get(`/persons?q=${prefix}&limit=2`, { token: t }));
  assert.equal(p1.items.length, 2);
  assert.equal(p1.total, 3);
  assert.equal(p1.limit, 2);
  const p2 = assertList(await get(`/persons?q=${prefix}&limit=2&offset=2`, { token: t }));
  assert.equal(p2.items.length, 1);
  assert.equal(p2.total, 3);
  assert.equal(p2.offset, 2);
  const ids = new Set([...p1.items, ...p2.items].map((p) => p.id));
  assert.equal(ids.size, 3, 'pages do not overlap');
  const p3 = assertList(await get(`/persons?q=${prefix}&limit=2&offset=10`, { token: t }));
  assert.equal(p3.items.length, 0);
  assert.equal(p3.total, 3);
  for (const p of all.items) assertPerson(p);
  const max = assertList(await get('/persons?limit=200', { token: await token('director.hubei') }));
  assert.ok(max.items.length <= 200);
  assert.ok(max.total >= max.items.length);
});

test('GET /persons: bad query parameters answer 400 naming the parameter', async () => {
  const t = await token('sw.dazhi');
  expectProblem(await get('/persons?limit=0', { token: t }), 400, 'limit');
  expectProblem(await get('/persons?limit=201', { token: t }), 400, 'limit');
  expectProblem(await get('/persons?limit=abc', { token: t }), 400, 'limit');
  expectProblem(await get('/persons?offset=-1', { token: t }), 400, 'offset');
  expectProblem(await get('/persons?offset=x', { token: t }), 400, 'offset');
  expectProblem(await get(`/persons?id_number=${wrongCheckDigit(newIdNumber())}`, { token: t }), 400, 'id_number');
  expectProblem(await get('/persons?id_number=123', { token: t }), 400, 'id_number');
});

test('GET /persons?id_number= finds exactly the person created with it', async () => {
  const p = await createPerson('sw.dazhi');
  const res = assertList(await get(`/persons?id_number=${p.sent.identity.id_number}`, { token: await token('sw.dazhi') }));
  assert.equal(res.total, 1);
  assert.equal(res.items[0].id, p.id);
  assertNoIdentity(res.items[0], p.sent);
  // Unknown but valid number: empty list.
  const none = assertList(await get(`/persons?id_number=${newIdNumber('110105')}`, { token: await token('sw.dazhi') }));
  assert.equal(none.total, 0);
  // Outside the caller's scope: not found either.
  const other = assertList(await get(`/persons?id_number=${p.sent.identity.id_number}`, { token: await token('police.jiangan') }));
  assert.equal(other.total, 1, 'police.jiangan (420102) sees a person of 420102002');
});

test('GET /persons?org_unit= filters by org unit', async () => {
  const a = await createPerson('sw.dazhi');
  const res = assertList(await get(`/persons?org_unit=${ORG.dazhi}&q=${a.alias}`, { token: await token('director.hubei') }));
  assert.equal(res.total, 1);
  const res3 = assertList(await get(`/persons?org_unit=${ORG.yiyuan}&q=${a.alias}`, { token: await token('director.hubei') }));
  assert.equal(res3.total, 0);
  const list = assertList(await get(`/persons?org_unit=${ORG.dazhi}&limit=200`, { token: await token('director.hubei') }));
  assert.ok(list.total > 0, 'demo persons live in 420102002');
  for (const p of list.items) assertNoIdentity(p);
});

test('GET /persons: a social worker only sees persons in scope', async () => {
  const mine = await createPerson('sw.dazhi');
  const theirs = await createPerson('director.hubei', { home_org_unit: ORG.yiyuan });
  const t = await token('sw.dazhi');
  assert.equal(assertList(await get(`/persons?q=${mine.alias}`, { token: t })).total, 1);
  assert.equal(assertList(await get(`/persons?q=${theirs.alias}`, { token: t })).total, 0);
  assert.equal(assertList(await get(`/persons?id_number=${theirs.sent.identity.id_number}`, { token: t })).total, 0);
  const list = assertList(await get('/persons?limit=200', { token: t }));
  assert.ok(list.items.every((p) => p.home_org_unit.startsWith(ORG.dazhi) || p.current_episode?.org_unit?.startsWith(ORG.dazhi)),
    'every listed person is in 420102002');
});

test('demo persons: 刘嘉 (home 420102002, in compulsory isolation at 420000F01), 高亮 (Huangshi 420202)', async () => {
  const hubei = await token('director.hubei');
  const lj = assertList(await get(`/persons?q=${encodeURIComponent('刘嘉')}`, { token: hubei }));
  assert.ok(lj.total >= 1, '刘嘉 exists');
  const liuItem = lj.items.find((p) => p.alias === '刘嘉') ?? lj.items[0];
  const liu = expectStatus(await get(`/persons/${liuItem.id}`, { token: hubei }), 200).json;
  assert.equal(liu.home_org_unit, ORG.dazhi);
  assert.equal(liu.current_episode?.kind, 'compulsory_isolation');
  assert.equal(liu.current_episode?.org_unit, ORG.shizishan);
  // Visible to the facility officer through the open episode.
  expectStatus(await get(`/persons/${liu.id}`, { token: await token('officer.shizishan') }), 200);
  const gl = assertList(await get(`/persons?q=${encodeURIComponent('高亮')}`, { token: hubei }));
  assert.ok(gl.total >= 1, '高亮 exists');
  const gao = gl.items.find((p) => p.alias === '高亮') ?? gl.items[0];
  assert.ok(gao.home_org_unit.startsWith('420202'), `高亮's home is in 420202: ${gao.home_org_unit}`);
  expectProblem(await get(`/persons/${gao.id}`, { token: await token('director.wuhan') }), 404);
  for (const name of ['朱林', '严良', '王峰']) {
    const r = assertList(await get(`/persons?q=${encodeURIComponent(name)}`, { token: hubei }));
    assert.ok(r.total >= 1, `${name} exists`);
  }
});

test('PATCH /persons/{id}: version → 200 and version bump; stale → 409; none → 428; If-Match', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const url = `/persons/${p.id}`;
  const v0 = p.version;
  const newAlias = `${p.alias}-b`;
  const r1 = expectStatus(await patch(url, { version: v0, alias: newAlias, birth_year: 1990 }, { token: t }), 200);
  assert.equal(r1.json.alias, newAlias);
  assert.equal(r1.json.birth_year, 1990);
  assert.equal(r1.json.sex, 'male', 'untouched fields stay');
  assert.ok(r1.json.version > v0, 'version increases');
  assertNoIdentity(r1.json, p.sent);

  const stale = await patch(url, { version: v0, alias: 'stale' }, { token: t });
  expectProblem(stale, 409);
  const none = await patch(url, { alias: 'no-version' }, { token: t });
  expectProblem(none, 428);
  const cur = expectStatus(await get(url, { token: t }), 200);
  assert.equal(cur.json.alias, newAlias, 'stale and versionless updates wrote nothing');
  assert.equal(cur.json.version, r1.json.version);

  const etag = cur.headers.get('etag');
  const r2 = expectStatus(await patch(url, { primary_substance: 'heroin' }, { token: t, headers: { 'If-Match': etag } }), 200);
  assert.equal(r2.json.primary_substance, 'heroin');
  assert.ok(r2.json.version > r1.json.version);
  expectProblem(await patch(url, { primary_substance: 'ketamine' }, { token: t, headers: { 'If-Match': etag } }), 409);
  const after = expectStatus(await get(url, { token: t }), 200);
  assert.equal(after.json.primary_substance, 'heroin');
  assert.equal(after.headers.get('etag'), `"${r2.json.version}"`);
});

test('PATCH /persons/{id}: identity can be replaced; reveal shows it', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const identity = { name: `改名${suffix()}`, id_number: newIdNumber(), phone: '13900000000', address: '湖北省武汉市江岸区新地址1号' };
  const r = expectStatus(await patch(`/persons/${p.id}`, { version: p.version, identity }, { token: t }), 200);
  assertNoIdentity(r.json, { identity });
  assert.equal(r.json.has_identity, true);
  const rev = expectStatus(await post(`/persons/${p.id}/identity/reveal`, { reason: 'verify update' }, { token: t }), 200);
  assert.deepEqual(rev.json, identity);
  const found = assertList(await get(`/persons?id_number=${identity.id_number}`, { token: t }));
  assert.equal(found.total, 1);
  assert.equal(assertList(await get(`/persons?id_number=${p.sent.identity.id_number}`, { token: t })).total, 0, 'old number no longer matches');
});

test('PATCH /persons/{id}: bad input answers 400/409/413 and writes nothing', async () => {
  const p = await createPerson('sw.dazhi');
  const other = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const url = `/persons/${p.id}`;
  const v = p.version;
  const cases = [
    [{ version: v, alias: '' }, 400, 'alias'],
    [{ version: v, alias: 7 }, 400, 'alias'],
    [{ version: v, sex: 'unknown' }, 400, 'sex'],
    [{ version: v, birth_year: '1980' }, 400, 'birth_year'],
    [{ version: v, birth_year: 1800 }, 400, 'birth_year'],
    [{ version: v, home_org_unit: null }, 400, 'home_org_unit'],
    [{ version: v, alias: null }, 400, 'alias'],
    [{ version: v, identity: null }, 400, 'identity'],
    [{ version: null, alias: 'x' }, 400, 'version'],
    [{ version: v, registration_date: '2026-01-01' }, 400, 'registration_date'],
    [{ version: v, id: 5 }, 400, 'id'],
    [{ version: v, colour: 'red' }, 400, 'colour'],
    [{ version: '1', alias: 'x' }, 400, 'version'],
    [{ version: v, identity: { ...p.sent.identity, id_number: wrongCheckDigit(p.sent.identity.id_number) } }, 400, 'identity.id_number'],
    [{ version: v, identity: { ...p.sent.identity, id_number: withCheckDigit('42010219900230001') } }, 400, 'identity.id_number'],
    [{ version: v, identity: { ...p.sent.identity, extra: 1 } }, 400, 'identity.extra'],
    [{ version: v, identity: { ...p.sent.identity, phone: 'x' } }, 400, 'identity.phone'],
    [{ version: v, identity: { ...p.sent.identity, id_number: other.sent.identity.id_number } }, 409, undefined],
  ];
  const c = checks();
  for (const [body, status, field] of cases) {
    await c.run(`PATCH ${JSON.stringify(body).slice(0, 120)}`, async () => {
      const before = expectStatus(await get(url, { token: t }), 200).json;
      expectProblem(await patch(url, { ...body, version: typeof body.version === 'number' ? before.version : body.version }, { token: t }), status, field);
      const after = expectStatus(await get(url, { token: t }), 200).json;
      assert.deepEqual(after, before, 'nothing written');
    });
  }
  await c.run('malformed JSON', async () => expectProblem(await req('PATCH', url, { token: t, raw: '{"version": 1, "alias": ' }), 400));
  await c.run('oversize', async () => expectProblem(await req('PATCH', url, { token: t, raw: JSON.stringify({ version: v, alias: OVERSIZE }) }), 413));
  c.done();
  const rev = expectStatus(await post(`${url}/identity/reveal`, { reason: 'check unchanged' }, { token: t }), 200);
  assert.deepEqual(rev.json, p.sent.identity, 'identity unchanged');
});

test('POST /persons/{id}/identity/reveal: social worker sees identity; analyst 403; bad input 400', async () => {
  const p = await createPerson('sw.dazhi');
  const url = `/persons/${p.id}/identity/reveal`;
  const res = expectStatus(await post(url, { reason: 'home visit preparation' }, { token: await token('sw.dazhi') }), 200);
  assert.deepEqual(res.json, p.sent.identity);
  for (const u of ['director.wuhan', 'police.jiangan']) {
    expectStatus(await post(url, { reason: 'case review' }, { token: await token(u) }), 200);
  }
  for (const u of ['analyst', 'admin', 'auditor', 'inspector']) {
    expectProblem(await post(url, { reason: 'curious' }, { token: await token(u) }), 403);
  }
  const t = await token('sw.dazhi');
  expectProblem(await post(url, {}, { token: t }), 400, 'reason');
  expectProblem(await post(url, { reason: 42 }, { token: t }), 400, 'reason');
  expectProblem(await post(url, { reason: '' }, { token: t }), 400, 'reason');
  expectProblem(await post(url, { reason: 'case review', why: 'y' }, { token: t }), 400, 'why');
  expectProblem(await req('POST', url, { token: t, raw: '{"reason"' }), 400);
  expectProblem(await req('POST', url, { token: t, raw: JSON.stringify({ reason: OVERSIZE }) }), 413);
  // Out of scope: indistinguishable from missing.
  expectProblem(await post(url, { reason: 'looking around' }, { token: await token('officer.shizishan') }), 404);
});

test('POST /persons/{id}/identity/reveal on a person without identity is refused (4xx)', async () => {
  const body = personBody();
  delete body.identity;
  const p = expectStatus(await post('/persons', body, { token: await token('sw.dazhi') }), 201).json;
  expectProblem(await post(`/persons/${p.id}/identity/reveal`, { reason: 'home visit' }, { token: await token('sw.dazhi') }), [404, 422]);
});

test('GET /persons list items equal GET /persons/{id} (current_episode included)', async () => {
  const hubei = await token('director.hubei');
  const p = await createPerson('sw.dazhi');
  expectStatus(await post(`/persons/${p.id}/episodes`, { kind: 'community_detox', org_unit: ORG.dazhi, start_date: '2026-04-01' }, { token: hubei }), 201);
  const one = expectStatus(await get(`/persons/${p.id}`, { token: hubei }), 200).json;
  assert.equal(one.current_episode?.kind, 'community_detox');
  const byAlias = assertList(await get(`/persons?q=${p.alias}`, { token: hubei }));
  assert.deepEqual(byAlias.items[0], one, 'list item (q=) equals the single read');
  const byId = assertList(await get(`/persons?id_number=${p.sent.identity.id_number}`, { token: hubei }));
  assert.deepEqual(byId.items[0], one, 'list item (id_number=) equals the single read');
});

test('GET /persons?q= matches an alias prefix, not a substring', async () => {
  const sfx = suffix();
  const p = await createPerson('sw.dazhi', { alias: `pre${sfx}mid` });
  const t = await token('sw.dazhi');
  assert.equal(assertList(await get(`/persons?q=pre${sfx}`, { token: t })).total, 1);
  assert.equal(assertList(await get(`/persons?q=${p.alias}`, { token: t })).total, 1);
  assert.equal(assertList(await get(`/persons?q=${sfx}mid`, { token: t })).total, 0, 'not a substring match');
});

test('demo: persons with open community detox episodes in 420102002, visible to sw.dazhi', async () => {
  const t = await token('sw.dazhi');
  const found = [];
  for (let offset = 0; ; offset += 200) {
    const page = assertList(await get(`/persons?org_unit=${ORG.dazhi}&limit=200&offset=${offset}`, { token: t }));
    found.push(...page.items.filter((p) => p.current_episode?.kind === 'community_detox' && p.current_episode?.status === 'open'));
    if (offset + 200 >= page.total) break;
  }
  assert.ok(found.length > 0, 'at least one open community_detox episode in 420102002');
  assert.ok(found.every((p) => p.current_episode.org_unit.startsWith(ORG.dazhi) || p.home_org_unit.startsWith(ORG.dazhi)));
});
