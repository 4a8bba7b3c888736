// GET /api/v1/org-units and GET /api/v1/worklist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORG, get, post, expectStatus, expectProblem, token, checks, createPerson, assertList, todayCST, addDays, pastTimestamp } from './helpers.mjs';

const KINDS = ['province', 'city', 'county', 'township', 'community', 'facility', 'aftercare_station', 'police_unit', 'court', 'procuratorate'];

function assertOrgUnit(u) {
  for (const k of ['code', 'name', 'kind', 'parent']) assert.ok(k in u, `OrgUnit.${k}: ${JSON.stringify(u)}`);
  assert.ok(KINDS.includes(u.kind), `OrgUnit.kind ${u.kind}`);
}

test('GET /org-units: units in scope, with parent and kind filters', async () => {
  const hubei = await token('director.hubei');
  const all = assertList(await get('/org-units?limit=200', { token: hubei }));
  assert.ok(all.total > 5);
  all.items.forEach(assertOrgUnit);
  const province = assertList(await get(`/org-units?kind=province`, { token: hubei }));
  assert.ok(province.items.some((u) => u.code === ORG.hubei && u.parent === null));
  assert.ok(province.items.every((u) => u.kind === 'province'));
  const children = assertList(await get(`/org-units?parent=${ORG.jiangan}&limit=200`, { token: hubei }));
  assert.ok(children.items.length >= 2);
  assert.ok(children.items.every((u) => u.parent === ORG.jiangan), 'parent filter');
  assert.ok(children.items.some((u) => u.code === ORG.dazhi && u.kind === 'township'));
  assert.ok(children.items.some((u) => u.code === ORG.yiyuan));
  const facilities = assertList(await get('/org-units?kind=facility&limit=200', { token: hubei }));
  assert.ok(facilities.items.some((u) => u.code === ORG.shizishan));
  // Ordered by path: a parent comes before its children.
  const pos = new Map(all.items.map((u, i) => [u.code, i]));
  for (const u of all.items) if (u.parent && pos.has(u.parent)) assert.ok(pos.get(u.parent) < pos.get(u.code), `${u.parent} before ${u.code}`);
  const both = assertList(await get(`/org-units?parent=${ORG.jiangan}&kind=township&limit=200`, { token: hubei }));
  assert.ok(both.items.every((u) => u.parent === ORG.jiangan && u.kind === 'township'));
});

test('GET /org-units: pagination with limit/offset/total', async () => {
  const hubei = await token('director.hubei');
  const all = assertList(await get('/org-units?limit=200', { token: hubei }));
  assert.equal(all.limit, 200);
  assert.ok(all.items.length <= 200, 'at most limit items');
  const dflt = assertList(await get('/org-units', { token: hubei }));
  assert.equal(dflt.limit, 50, 'default limit 50');
  assert.ok(dflt.items.length <= 50);
  const page = assertList(await get('/org-units?limit=1&offset=1', { token: hubei }));
  assert.equal(page.items.length, 1);
  assert.equal(page.offset, 1);
  assert.equal(page.total, all.total);
});

test('GET /org-units: a social worker sees only her subtree', async () => {
  const res = assertList(await get('/org-units?limit=200', { token: await token('sw.dazhi') }));
  assert.ok(res.items.some((u) => u.code === ORG.dazhi));
  assert.ok(res.items.every((u) => u.code.startsWith(ORG.dazhi)), `all in 420102002: ${res.items.map((u) => u.code).join(',')}`);
  const other = assertList(await get(`/org-units?parent=${ORG.jiangan}`, { token: await token('sw.dazhi') }));
  assert.ok(other.items.every((u) => u.code.startsWith(ORG.dazhi)));
  const wuhan = assertList(await get('/org-units?limit=200', { token: await token('director.wuhan') }));
  assert.ok(!wuhan.items.some((u) => u.code === ORG.hubei || u.code.startsWith('4202')), 'no Huangshi units for Wuhan');
});

test('GET /org-units: bad query answers 400', async () => {
  const t = await token('director.hubei');
  const c = checks();
  await c.run('kind=planet', async () => expectProblem(await get('/org-units?kind=planet', { token: t }), 400, 'kind'));
  await c.run('limit=500', async () => expectProblem(await get('/org-units?limit=500', { token: t }), 400, 'limit'));
  await c.run('limit=0', async () => expectProblem(await get('/org-units?limit=0', { token: t }), 400, 'limit'));
  await c.run('offset=-3', async () => expectProblem(await get('/org-units?offset=-3', { token: t }), 400, 'offset'));
  await c.run('no session', async () => expectProblem(await get('/org-units'), 401));
  c.done();
});

function assertWorkItem(w) {
  for (const k of ['person', 'episode_kind', 'contact_due', 'test_due', 'next_due', 'overdue_days', 'status']) assert.ok(k in w, `WorkItem.${k}: ${JSON.stringify(w)}`);
  for (const k of ['id', 'alias', 'home_org_unit', 'home_org_unit_name']) assert.ok(k in w.person, `WorkItem.person.${k}`);
  assert.ok(['overdue', 'due'].includes(w.status));
  assert.equal(typeof w.overdue_days, 'number');
  for (const k of ['identity', 'name', 'id_number', 'phone', 'address']) assert.ok(!(k in w.person), `WorkItem.person.${k} must not exist`);
}

test('GET /worklist: overdue first, then by risk tier, then overdue_days descending; status filter', async () => {
  const t = await token('sw.dazhi');
  const res = assertList(await get('/worklist?limit=200', { token: t }));
  assert.ok(res.total > 0, 'the demo has open community detox episodes in 420102002 with something due');
  res.items.forEach(assertWorkItem);
  const rank = { high: 0, medium: 1, low: 2, long_term_low: 3 };
  for (let i = 1; i < res.items.length; i++) {
    const [a, b] = [res.items[i - 1], res.items[i]];
    const od = (w) => (w.status === 'overdue' ? 0 : 1);
    assert.ok(od(a) < od(b) || (od(a) === od(b) && (rank[a.tier] < rank[b.tier] ||
      (rank[a.tier] === rank[b.tier] && a.overdue_days >= b.overdue_days))),
      'overdue first, then by tier, then overdue_days descending');
  }
  const horizon = addDays(todayCST(), 7);
  for (const w of res.items) assert.ok(w.next_due <= horizon, `listed only when due within 7 days: ${w.next_due}`);
  const overdue = assertList(await get('/worklist?status=overdue&limit=200', { token: t }));
  assert.ok(overdue.items.every((w) => w.status === 'overdue' && w.overdue_days > 0));
  const due = assertList(await get('/worklist?status=due&limit=200', { token: t }));
  assert.ok(due.items.every((w) => w.status === 'due'));
  assert.equal(overdue.total + due.total, res.total);
});

test('GET /worklist: a new community detox episode with no contact appears; a contact and test today clear it', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  expectStatus(await post(`/persons/${p.id}/episodes`, { kind: 'community_detox', org_unit: ORG.dazhi, start_date: addDays(todayCST(), -400) }, { token: t }), 201);
  const find = async () => {
    for (let offset = 0; ; offset += 200) {
      const page = assertList(await get(`/worklist?limit=200&offset=${offset}`, { token: t }));
      const hit = page.items.find((w) => w.person.id === p.id);
      if (hit || offset + 200 >= page.total) return hit;
    }
  };
  const item = await find();
  assert.ok(item, 'the person is on the worklist');
  assert.equal(item.status, 'overdue');
  assert.ok(item.overdue_days > 0);
  assert.equal(item.episode_kind, 'community_detox');
  assertWorkItem(item);
  expectStatus(await post(`/persons/${p.id}/contacts`, { kind: 'home_visit', at: pastTimestamp(0.1).local, note: '' }, { token: t }), 201);
  expectStatus(await post(`/persons/${p.id}/drug-tests`, { sample: 'urine', result: 'negative', at: pastTimestamp(0.1).local, substances: [] }, { token: t }), 201);
  const after = await find();
  // Contact and test are no longer overdue (other obligations may keep the item listed).
  if (after) {
    const today = todayCST();
    assert.ok(after.contact_due === null || after.contact_due >= today, `contact_due after a contact today: ${JSON.stringify(after)}`);
    assert.ok(after.test_due === null || after.test_due >= today, `test_due after a test today: ${JSON.stringify(after)}`);
  }
});

test('GET /worklist: bad query answers 400; roles without person rights 403', async () => {
  const t = await token('sw.dazhi');
  expectProblem(await get('/worklist?status=late', { token: t }), 400, 'status');
  expectProblem(await get('/worklist?limit=0', { token: t }), 400, 'limit');
  expectProblem(await get('/worklist', { token: await token('analyst') }), 403);
  expectProblem(await get('/worklist'), 401);
});

test('GET /worklist: only persons in the caller\'s scope', async () => {
  const mine = assertList(await get('/worklist?limit=200', { token: await token('sw.dazhi') }));
  const wuhan = assertList(await get('/worklist?limit=200', { token: await token('director.wuhan') }));
  assert.ok(wuhan.total >= mine.total, 'the city sees at least what its township sees');
  assert.ok(wuhan.items.every((w) => !w.person.home_org_unit.startsWith('4202')), 'no Huangshi persons for Wuhan');
  const other = await createPerson('director.hubei', { home_org_unit: '420102003' });
  const hubei = await token('director.hubei');
  expectStatus(await post(`/persons/${other.id}/episodes`, { kind: 'community_detox', org_unit: '420102003', start_date: addDays(todayCST(), -200) }, { token: hubei }), 201);
  const ids = new Set();
  for (let offset = 0; ; offset += 200) {
    const page = assertList(await get(`/worklist?limit=200&offset=${offset}`, { token: await token('sw.dazhi') }));
    page.items.forEach((w) => ids.add(w.person.id));
    if (offset + 200 >= page.total) break;
  }
  assert.ok(!ids.has(other.id), 'a 420102003 person is not on the 420102002 worklist');
});
