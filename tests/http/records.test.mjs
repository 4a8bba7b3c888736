// Episodes, contacts, drug tests and the timeline of a person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, get, post, req, expectStatus, expectProblem, token, createPerson, assertList, pastTimestamp,
  todayCST, addDays, OVERSIZE, checks,
} from './helpers.mjs';

const EPISODE_KEYS = ['id', 'kind', 'org_unit', 'org_unit_name', 'start_date', 'planned_end_date', 'end_date', 'status', 'decision_number'];
const CONTACT_KEYS = ['id', 'kind', 'at', 'note', 'recorded_by', 'org_unit'];
const TEST_KEYS = ['id', 'sample', 'result', 'at', 'substances', 'recorded_by', 'org_unit'];

function keys(obj, want, what) {
  for (const k of want) assert.ok(k in obj, `${what}.${k} missing: ${JSON.stringify(obj)}`);
}

async function count(path, user = 'sw.dazhi') {
  return assertList(await get(path, { token: await token(user) })).total;
}

/** Run bad-input cases against a POST endpoint; assert 4xx problem naming field and no write. */
async function badInputs(path, valid, cases, user = 'sw.dazhi') {
  const t = await token(user);
  const listPath = path;
  const before = await count(listPath, user);
  const c = checks();
  for (const [name, mutate, status, field, rule] of cases) {
    await c.run(name, async () => {
      const body = structuredClone(valid);
      mutate(body);
      expectProblem(await post(path, body, { token: t }), status, field, rule);
    });
  }
  const text = JSON.stringify(valid);
  await c.run('truncated JSON', async () => expectProblem(await req('POST', path, { token: t, raw: text.slice(0, -3) }), 400));
  await c.run('array body', async () => expectProblem(await req('POST', path, { token: t, raw: '[1,2]' }), 400));
  await c.run('empty body', async () => expectProblem(await req('POST', path, { token: t, raw: '' }), 400));
  await c.run('oversize body', async () => expectProblem(await req('POST', path, { token: t, raw: JSON.stringify({ ...valid, pad: OVERSIZE }) }), 413));
  await c.run('text/plain', async () => expectProblem(await req('POST', path, { token: t, raw: text, headers: { 'Content-Type': 'text/plain' } }), 415));
  await c.run('nothing written', async () => assert.equal(await count(listPath, user), before, `nothing written to ${path}`));
  c.done();
}

// ---------------------------------------------------------------- episodes
test('POST /persons/{id}/episodes: community detox with default 3-year term', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const path = `/persons/${p.id}/episodes`;
  const start = '2026-03-01';
  const res = expectStatus(await post(path, { kind: 'community_detox', org_unit: ORG.dazhi, start_date: start, decision_number: '岸公(禁)决字[2026]1号' }, { token: t }), 201);
  const e = res.json;
  keys(e, EPISODE_KEYS, 'Episode');
  assert.equal(e.kind, 'community_detox');
  assert.equal(e.org_unit, ORG.dazhi);
  assert.equal(typeof e.org_unit_name, 'string');
  assert.equal(e.start_date, start);
  assert.equal(e.planned_end_date, '2029-02-28', '3-year term: 2026-03-01 through the day before the anniversary');
  assert.equal(e.end_date, null);
  assert.equal(e.status, 'open');
  assert.equal(e.decision_number, '岸公(禁)决字[2026]1号');
  const list = assertList(await get(path, { token: t }));
  assert.equal(list.total, 1);
  assert.equal(list.items[0].id, e.id);
  const person = expectStatus(await get(`/persons/${p.id}`, { token: t }), 200).json;
  assert.equal(person.current_episode?.id, e.id);
  assert.equal(person.current_episode?.kind, 'community_detox');
});

test('GET /persons/{id}/episodes: list paging (limit/offset echo, bounds)', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('director.hubei');
  const path = `/persons/${p.id}/episodes`;
  expectStatus(await post(path, { kind: 'community_detox', org_unit: ORG.dazhi, start_date: '2026-03-01' }, { token: t }), 201);
  expectStatus(await post(path, { kind: 'aftercare', org_unit: ORG.dazhi, start_date: '2026-03-02' }, { token: t }), 201);
  const c = checks();
  await c.run('default limit/offset', async () => {
    const list = assertList(await get(path, { token: t }));
    assert.equal(list.total, 2);
    assert.equal(list.limit, 50, 'default limit 50');
    assert.equal(list.offset, 0, 'default offset 0');
  });
  await c.run('limit=1&offset=1', async () => {
    const page = assertList(await get(`${path}?limit=1&offset=1`, { token: t }));
    assert.equal(page.items.length, 1);
    assert.equal(page.total, 2);
    assert.equal(page.limit, 1);
    assert.equal(page.offset, 1);
  });
  await c.run('limit=0', async () => expectProblem(await get(`${path}?limit=0`, { token: t }), 400, 'limit'));
  await c.run('limit=201', async () => expectProblem(await get(`${path}?limit=201`, { token: t }), 400, 'limit'));
  c.done();
});

test('POST /persons/{id}/episodes: compulsory isolation defaults to a 2-year term; explicit planned_end_date kept', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('director.hubei');
  const res = expectStatus(await post(`/persons/${p.id}/episodes`, { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: '2026-05-13' }, { token: t }), 201);
  assert.equal(res.json.planned_end_date, '2028-05-12', '2-year term: 13 May 2026 to 12 May 2028');
  assert.ok(res.json.decision_number === null || res.json.decision_number === '', `no decision number: ${res.json.decision_number}`);
  const res2 = expectStatus(await post(`/persons/${p.id}/episodes`, { kind: 'voluntary', org_unit: ORG.shizishan, start_date: '2026-06-01', planned_end_date: '2026-12-01' }, { token: t }), 201);
  assert.equal(res2.json.planned_end_date, '2026-12-01');
  // Beyond the statutory term of community rehabilitation (3 years): refused.
  expectProblem(await post(`/persons/${p.id}/episodes`, { kind: 'community_rehab', org_unit: ORG.dazhi, start_date: '2026-06-01', planned_end_date: '2030-06-01' }, { token: t }), [400, 422], 'planned_end_date');
});

test('POST /persons/{id}/episodes: a second open episode of the same kind answers 422', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const path = `/persons/${p.id}/episodes`;
  expectStatus(await post(path, { kind: 'community_rehab', org_unit: ORG.dazhi, start_date: '2026-02-01' }, { token: t }), 201);
  expectProblem(await post(path, { kind: 'community_rehab', org_unit: ORG.dazhi, start_date: '2026-04-01' }, { token: t }), 422);
  assert.equal(await count(path), 1);
});

test('POST /persons/{id}/episodes: bad input answers 400 naming the field, nothing written', async () => {
  const p = await createPerson('sw.dazhi');
  const valid = { kind: 'aftercare', org_unit: ORG.dazhi, start_date: '2026-01-10', planned_end_date: '2026-07-10', decision_number: 'A-1' };
  await badInputs(`/persons/${p.id}/episodes`, valid, [
    ['kind missing', (b) => { delete b.kind; }, 400, 'kind'],
    ['org_unit missing', (b) => { delete b.org_unit; }, 400, 'org_unit'],
    ['start_date missing', (b) => { delete b.start_date; }, 400, 'start_date'],
    ['kind not in enum', (b) => { b.kind = 'holiday'; }, 400, 'kind'],
    ['kind wrong type', (b) => { b.kind = 1; }, 400, 'kind'],
    ['org_unit wrong type', (b) => { b.org_unit = ['420102002']; }, 400, 'org_unit'],
    ['start_date 2026-02-30', (b) => { b.start_date = '2026-02-30'; }, 400, 'start_date'],
    ['start_date 2026-13-01', (b) => { b.start_date = '2026-13-01'; }, 400, 'start_date'],
    ['start_date timestamp', (b) => { b.start_date = '2026-01-10T00:00:00Z'; }, 400, 'start_date'],
    ['planned_end_date 2026-02-30', (b) => { b.planned_end_date = '2026-02-30'; }, 400, 'planned_end_date'],
    ['planned_end_date wrong type', (b) => { b.planned_end_date = 20260710; }, 400, 'planned_end_date'],
    ['decision_number wrong type', (b) => { b.decision_number = 5; }, 400, 'decision_number'],
    ['decision_number null', (b) => { b.decision_number = null; }, 400, 'decision_number'],
    ['planned_end_date null', (b) => { b.planned_end_date = null; }, 400, 'planned_end_date'],
    ['unknown field status', (b) => { b.status = 'closed'; }, 400, 'status'],
    ['unknown field foo', (b) => { b.foo = 'bar'; }, 400, 'foo'],
    ['unknown org unit', (b) => { b.org_unit = '999999999'; }, [400, 422], 'org_unit'],
    ['planned_end_date before start_date', (b) => { b.planned_end_date = '2026-01-09'; }, [400, 422], 'planned_end_date'],
  ]);
});

// ---------------------------------------------------------------- contacts
test('POST /persons/{id}/contacts: 201 Contact, at answered in UTC, listed', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const path = `/persons/${p.id}/contacts`;
  const at = pastTimestamp(3);
  const res = expectStatus(await post(path, { kind: 'home_visit', at: at.local, note: '家访，情绪稳定' }, { token: t }), 201);
  const c = res.json;
  keys(c, CONTACT_KEYS, 'Contact');
  assert.equal(c.kind, 'home_visit');
  assert.equal(c.at, at.utc, 'timestamps are answered in UTC');
  assert.equal(c.note, '家访，情绪稳定');
  assert.equal(c.recorded_by, 'sw.dazhi');
  assert.equal(c.org_unit, ORG.dazhi);
  const list = assertList(await get(path, { token: t }));
  assert.equal(list.total, 1);
  assert.deepEqual(list.items[0], c);
  assert.equal(list.limit, 50, 'default limit 50');
  // All kinds are accepted, and a 2000-character note.
  for (const kind of ['phone', 'wechat', 'office_visit', 'peer_education', 'crisis_intervention', 'counselling']) {
    expectStatus(await post(path, { kind, at: pastTimestamp(1).utc, note: kind === 'counselling' ? '记'.repeat(2000) : '' }, { token: t }), 201);
  }
  assert.equal(await count(path), 7);
  const page = assertList(await get(`${path}?limit=3&offset=3`, { token: t }));
  assert.equal(page.items.length, 3);
  assert.equal(page.total, 7);
});

test('POST /persons/{id}/contacts: bad input answers 400 naming the field, nothing written', async () => {
  const p = await createPerson('sw.dazhi');
  const valid = { kind: 'phone', at: pastTimestamp(1).local, note: 'ok' };
  const future = new Date(Date.now() + 2 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  await badInputs(`/persons/${p.id}/contacts`, valid, [
    ['kind missing', (b) => { delete b.kind; }, 400, 'kind'],
    ['at missing', (b) => { delete b.at; }, 400, 'at'],
    ['kind not in enum', (b) => { b.kind = 'telepathy'; }, 400, 'kind'],
    ['kind wrong type', (b) => { b.kind = null; }, 400, 'kind'],
    ['at in the future', (b) => { b.at = future; }, 400, 'at', 'not_in_future'],
    ['at impossible date', (b) => { b.at = '2026-02-30T10:00:00+08:00'; }, 400, 'at'],
    ['at month 13', (b) => { b.at = '2026-13-01T10:00:00+08:00'; }, 400, 'at'],
    ['at without offset', (b) => { b.at = '2026-01-01T10:00:00'; }, 400, 'at'],
    ['at a date only', (b) => { b.at = '2026-01-01'; }, 400, 'at'],
    ['at wrong type', (b) => { b.at = 1767225600; }, 400, 'at'],
    ['note too long', (b) => { b.note = 'x'.repeat(2001); }, 400, 'note'],
    ['note wrong type', (b) => { b.note = { text: 'x' }; }, 400, 'note'],
    ['note null', (b) => { b.note = null; }, 400, 'note'],
    ['at null', (b) => { b.at = null; }, 400, 'at'],
    ['unknown field', (b) => { b.recorded_by = 'someone.else'; }, 400, 'recorded_by'],
  ]);
});

// ---------------------------------------------------------------- drug tests
test('POST /persons/{id}/drug-tests: negative and positive results', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const path = `/persons/${p.id}/drug-tests`;
  const at = pastTimestamp(5);
  const neg = expectStatus(await post(path, { sample: 'urine', result: 'negative', at: at.local, substances: [] }, { token: t }), 201).json;
  keys(neg, TEST_KEYS, 'DrugTest');
  assert.equal(neg.sample, 'urine');
  assert.equal(neg.result, 'negative');
  assert.equal(neg.at, at.utc);
  assert.deepEqual(neg.substances, []);
  assert.equal(neg.recorded_by, 'sw.dazhi');
  assert.equal(neg.org_unit, ORG.dazhi);
  const pos = expectStatus(await post(path, { sample: 'hair', result: 'positive', at: pastTimestamp(4).utc, substances: ['methamphetamine', 'ketamine'] }, { token: t }), 201).json;
  assert.deepEqual(pos.substances, ['methamphetamine', 'ketamine']);
  for (const result of ['refused', 'missed', 'invalid']) {
    expectStatus(await post(path, { sample: 'saliva', result, at: pastTimestamp(2).utc, substances: [] }, { token: t }), 201);
  }
  expectStatus(await post(path, { sample: 'blood', result: 'negative', at: pastTimestamp(1).utc, substances: [] }, { token: t }), 201);
  const list = assertList(await get(path, { token: t }));
  assert.equal(list.total, 6);
  assert.equal(list.limit, 50, 'default limit 50');
  const page = assertList(await get(`${path}?limit=4&offset=4`, { token: t }));
  assert.equal(page.items.length, 2);
  assert.equal(page.total, 6);
  expectProblem(await get(`${path}?limit=0`, { token: t }), 400, 'limit');
});

test('POST /persons/{id}/drug-tests: bad input answers 400 naming the field, nothing written', async () => {
  const p = await createPerson('sw.dazhi');
  const valid = { sample: 'urine', result: 'positive', at: pastTimestamp(1).local, substances: ['heroin'] };
  await badInputs(`/persons/${p.id}/drug-tests`, valid, [
    ['sample missing', (b) => { delete b.sample; }, 400, 'sample'],
    ['result missing', (b) => { delete b.result; }, 400, 'result'],
    ['at missing', (b) => { delete b.at; }, 400, 'at'],
    ['sample not in enum', (b) => { b.sample = 'sweat'; }, 400, 'sample'],
    ['result not in enum', (b) => { b.result = 'maybe'; }, 400, 'result'],
    ['result wrong type', (b) => { b.result = true; }, 400, 'result'],
    ['substances wrong type', (b) => { b.substances = 'heroin'; }, 400, 'substances'],
    ['substances null', (b) => { b.substances = null; }, 400, 'substances'],
    ['substances item wrong type', (b) => { b.substances = [1]; }, 400, ['substances', 'substances[0]', 'substances.0']],
    ['positive without substances', (b) => { b.substances = []; }, 400, 'substances', 'substances_iff_positive'],
    ['negative with substances', (b) => { b.result = 'negative'; }, 400, 'substances', 'substances_iff_positive'],
    ['at in the future', (b) => { b.at = '2099-01-01T00:00:00Z'; }, 400, 'at', 'not_in_future'],
    ['at 2026-02-30', (b) => { b.at = '2026-02-30T08:00:00Z'; }, 400, 'at'],
    ['at 2026-13-01', (b) => { b.at = '2026-13-01T08:00:00Z'; }, 400, 'at'],
    ['unknown field', (b) => { b.lab = 'x'; }, 400, 'lab'],
  ]);
});

// ---------------------------------------------------------------- timeline
test('GET /persons/{id}/timeline: registration, episodes, contacts, tests, newest first', async () => {
  const p = await createPerson('sw.dazhi', { registration_date: addDays(todayCST(), -30) });
  const t = await token('sw.dazhi');
  const base = `/persons/${p.id}`;
  const ep = expectStatus(await post(`${base}/episodes`, { kind: 'community_detox', org_unit: ORG.dazhi, start_date: addDays(todayCST(), -20) }, { token: t }), 201).json;
  const c = expectStatus(await post(`${base}/contacts`, { kind: 'phone', at: pastTimestamp(48).local, note: 'call' }, { token: t }), 201).json;
  const d = expectStatus(await post(`${base}/drug-tests`, { sample: 'urine', result: 'negative', at: pastTimestamp(24).local, substances: [] }, { token: t }), 201).json;
  const res = expectStatus(await get(`${base}/timeline`, { token: t }), 200);
  const items = res.json.items;
  assert.ok(Array.isArray(items));
  for (const it of items) {
    for (const k of ['type', 'at', 'id', 'kind', 'summary', 'org_unit', 'recorded_by']) assert.ok(k in it, `TimelineEntry.${k}: ${JSON.stringify(it)}`);
    assert.ok(['registration', 'episode_start', 'episode_end', 'contact', 'drug_test'].includes(it.type), it.type);
  }
  const types = items.map((i) => i.type);
  assert.deepEqual(types, ['drug_test', 'contact', 'episode_start', 'registration'], `order: ${JSON.stringify(items)}`);
  assert.equal(items[0].id, d.id);
  assert.equal(items[1].id, c.id);
  assert.equal(items[2].id, ep.id);
  // Field semantics (docs/api.md TimelineEntry).
  assert.equal(items[0].kind, 'urine');
  assert.equal(items[0].summary, 'negative');
  assert.equal(items[0].at, d.at);
  assert.equal(items[1].kind, 'phone');
  assert.equal(items[1].summary, 'call');
  assert.equal(items[1].at, c.at);
  assert.match(items[0].at, /Z$/, 'test timestamps in UTC');
  assert.equal(items[2].kind, 'community_detox');
  assert.equal(items[2].at, addDays(todayCST(), -20), 'episode entries carry the local date');
  assert.equal(items[2].summary, '', 'no decision number: empty summary');
  assert.equal(items[3].kind, '');
  assert.equal(items[3].at, addDays(todayCST(), -30));
  assert.equal(items[3].summary, p.primary_substance);
  const ats = items.map((i) => Date.parse(i.at.length === 10 ? `${i.at}T00:00:00+08:00` : i.at));
  for (let i = 1; i < ats.length; i++) assert.ok(ats[i - 1] >= ats[i], 'newest first');
  assert.ok(!JSON.stringify(res.json).includes(p.sent.identity.id_number), 'no identity in the timeline');
});

test('records of an out-of-scope person answer 404, roles without rights 403', async () => {
  const p = await createPerson('director.hubei', { home_org_unit: ORG.yiyuan });
  for (const s of ['/episodes', '/contacts', '/drug-tests', '/timeline']) {
    expectProblem(await get(`/persons/${p.id}${s}`, { token: await token('sw.dazhi') }), 404);
    expectProblem(await get(`/persons/${p.id}${s}`, { token: await token('analyst') }), 403);
    expectStatus(await get(`/persons/${p.id}${s}`, { token: await token('director.wuhan') }), 200);
  }
  const t = await token('sw.dazhi');
  expectProblem(await post(`/persons/${p.id}/episodes`, { kind: 'voluntary', org_unit: ORG.yiyuan, start_date: '2026-01-01' }, { token: t }), 404);
  expectProblem(await post(`/persons/${p.id}/drug-tests`, { sample: 'urine', result: 'negative', at: pastTimestamp(1).utc, substances: [] }, { token: t }), 404);
  assert.equal(await count(`/persons/${p.id}/episodes`, 'director.hubei'), 0);
  assert.equal(await count(`/persons/${p.id}/drug-tests`, 'director.hubei'), 0);
});
