// The province dashboard (issue 5 §2, §4): every indicator for an org unit and each child, the
// 12-month trend and two survival groups, from the live projection. Exact figures are checked as
// the change this test's own records make, in 车站街道 (420102004), which no other test uses.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem, atLocal,
} from './helpers.mjs';

const CHEZHAN = '420102004';

async function dashboard(tok, query) {
  const qs = new URLSearchParams(query).toString();
  return expectStatus(await get(`/indicators/dashboard?${qs}`, { token: tok }), 200).json;
}
const child = (answer, code) => answer.children.find((r) => r.code === code);

test('dashboard: a community detox and a test move the township, its county and the trend by one', async () => {
  const today = todayCST();
  const director = await token('director.hubei');
  const police = await token('police.jiangan');
  const period = { from: addDays(today, -60), to: today };
  const before = await dashboard(director, { org_unit: '420102', ...period });
  assert.equal(before.org_unit, '420102');
  assert.equal(before.from, period.from);
  assert.equal(before.as_of, today);
  assert.equal(before.trend.length, 12);
  assert.equal(before.trend[11].month, today.slice(0, 7));
  assert.deepEqual(before.survival.map((g) => g.group), ['none', 'systematic_desensitisation']);
  const c0 = child(before, CHEZHAN);
  assert.ok(c0, 'every child is listed, zeros included');

  const person = await createPerson('police.jiangan', { home_org_unit: CHEZHAN });
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: CHEZHAN, start_date: addDays(today, -5) }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${cd.id}/actions`, { action: 'report_in', at: atLocal(addDays(today, -4)) }, { token: police }), 201);
  expectStatus(await post(`/persons/${person.id}/drug-tests`,
    { sample: 'urine', result: 'negative', at: atLocal(addDays(today, -1)), substances: [] }, { token: police }), 201);

  // The next read shows the writes: no batch run in between.
  const after = await dashboard(director, { org_unit: '420102', ...period });
  const c1 = child(after, CHEZHAN);
  assert.equal(c1.under_measures, c0.under_measures + 1);
  assert.equal(c1.tested, c0.tested + 1);
  assert.equal(c1.current_users, c0.current_users + 1);
  assert.equal(c1.testing_rate, c1.tested / c1.under_measures);
  assert.equal(after.total.under_measures, before.total.under_measures + 1);
  assert.equal(after.total.current_users, before.total.current_users + 1);
  const month = after.trend[11];
  assert.equal(month.under_measures, before.trend[11].under_measures + 1);
  // The province sees the same person in 武汉市's row.
  const province = await dashboard(director, { org_unit: '420000', ...period });
  assert.ok(child(province, '420100').under_measures >= c1.under_measures);
  assert.equal(province.name, '湖北省');
});

test('dashboard: bad parameters named, scope and roles', async () => {
  const director = await token('director.wuhan');
  for (const [query, field, rule] of [
    [{ from: '2026-02-30' }, 'from', 'date'],
    [{ to: 'tomorrow' }, 'to', 'date'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'to', 'not_before_from'],
    [{ org_unit: '' }, 'org_unit', 'required'],
  ]) {
    expectProblem(await get(`/indicators/dashboard?${new URLSearchParams(query)}`, { token: director }), 400, field, rule);
  }
  expectProblem(await get('/indicators/dashboard?period=2026', { token: director }), 400, 'period');
  expectStatus(await get('/indicators/dashboard?org_unit=420200', { token: director }), 404);
  expectStatus(await get('/indicators/dashboard?org_unit=nowhere', { token: director }), 404);
  const own = await dashboard(director, {});
  assert.equal(own.org_unit, '420100', 'the caller\'s own unit by default');
  expectStatus(await get('/indicators/dashboard', { token: await token('admin') }), 403);
  expectStatus(await get('/indicators/dashboard'), 401);
});

test('dashboard: analysts see aggregates with small cells withheld', async () => {
  const analyst = await token('analyst');
  const answer = await dashboard(analyst, { org_unit: '420000', from: addDays(todayCST(), -365 * 4) });
  assert.equal(answer.aggregates_only, true);
  assert.equal(answer.min_cell, 5);
  const rows = [answer.total, ...answer.children];
  const counts = ['current_users', 'released', 'reached', 'abstinent', 'under_measures', 'tested',
    'lost_contact', 'handovers_due', 'handovers_on_time', 'aftercare_persons', 'admissions',
    'releases', 'occupied'];
  let withheld = 0;
  for (const r of rows) {
    for (const k of counts) {
      const v = r[k];
      assert.ok(v === null || v === 0 || v >= 5, `${r.code}.${k} = ${v}: no cell of 1 to 4 is shown`);
      if (v === null) {
        withheld += 1;
        assert.equal(r.suppressed, true);
      }
    }
    if (r.tested === null || r.under_measures === null) assert.equal(r.testing_rate, null);
  }
  assert.ok(withheld > 0, 'the demo has small cells somewhere in Hubei');
  // Complementary: no column has exactly one withheld cell.
  for (const k of counts) {
    assert.notEqual(rows.filter((r) => r[k] === null).length, 1, `${k} has a lone withheld cell`);
  }
  for (const m of answer.trend) {
    for (const k of ['under_measures', 'tested', 'lost_contact', 'admissions', 'releases']) {
      assert.ok(m[k] === null || m[k] === 0 || m[k] >= 5, `${m.month}.${k}`);
    }
  }
  // Directors see every figure.
  const director = await dashboard(await token('director.hubei'), { org_unit: '420000' });
  assert.equal(director.aggregates_only, false);
  assert.ok([director.total, ...director.children].every((r) => r.suppressed === false));
});

test('craving by programme: any org unit subtree, same figures as its facility; bad input named', async () => {
  const director = await token('director.hubei');
  const officer = await token('officer.shizishan');
  const province = expectStatus(await get('/indicators/craving?org_unit=420000', { token: director }), 200).json;
  assert.equal(province.org_unit, '420000');
  assert.equal(province.items.length, 6, 'every programme');
  const facility = expectStatus(await get('/facilities/420000F01/programme-summary', { token: officer }), 200).json;
  const subtree = expectStatus(await get('/indicators/craving?org_unit=420000F01', { token: officer }), 200).json;
  assert.deepEqual(subtree.items, facility.items, 'a facility\'s subtree is the facility');
  const persons = (a) => a.items.reduce((n, i) => n + (i.persons ?? 0), 0);
  assert.ok(persons(province) >= persons(facility));
  expectProblem(await get('/indicators/craving?org_unit=', { token: director }), 400, 'org_unit', 'required');
  expectProblem(await get('/indicators/craving?colour=red', { token: director }), 400, 'colour');
  expectStatus(await get('/indicators/craving?org_unit=420200', { token: await token('director.wuhan') }), 404);
  expectStatus(await get('/indicators/craving'), 401);
  const analyst = expectStatus(await get('/indicators/craving?org_unit=420000', { token: await token('analyst') }), 200).json;
  for (const i of analyst.items) assert.ok(i.persons === null || i.persons === 0 || i.persons >= 5);
});

test('dashboard and craving as CSV: one row per unit or programme, every contact kind a column', async () => {
  const director = await token('director.hubei');
  const res = await get('/indicators/dashboard?org_unit=420000&format=csv', { token: director });
  expectStatus(res, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="?dashboard-420000-/);
  const lines = res.text.trim().split(/\r?\n/);
  const json = await dashboard(director, { org_unit: '420000' });
  assert.equal(lines.length, 1 + json.children.length + 1, 'header, children, total');
  const header = lines[0].replace(/^\uFEFF/, '').split(',');
  for (const col of ['code', 'name', 'current_users', 'testing_rate', 'aftercare_by_kind.phone', 'aftercare_by_kind.crisis_intervention']) {
    assert.ok(header.includes(col), `column ${col}`);
  }
  assert.ok(lines.at(-1).includes('420000'), 'the total row last');
  expectProblem(await get('/indicators/dashboard?format=xml', { token: director }), 400, 'format', 'enum');
  const craving = await get('/indicators/craving?org_unit=420000&format=csv', { token: director });
  expectStatus(craving, 200);
  assert.equal(craving.text.trim().split(/\r?\n/).length, 1 + 6, 'header and six programmes');
  expectProblem(await get('/indicators/craving?format=pdf', { token: director }), 400, 'format', 'enum');
});
