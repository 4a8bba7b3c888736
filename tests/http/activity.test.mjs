// Activity indicators (issue 5 §2): testing rate, loss of supervision, handover timeliness,
// aftercare contacts, admissions and releases, for an org unit and each child, over a period.
// Exact figures are checked as the change one test's own records make (other tests and the demo
// write in the same places), in 西马街道 (420102007) and 十堰市 (420300) which no other test uses.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem, atLocal,
} from './helpers.mjs';

const XIMA = '420102007';
const SHIYAN_FACILITY = '420300F01';

async function activity(tok, query) {
  const qs = new URLSearchParams(query).toString();
  return expectStatus(await get(`/indicators/activity?${qs}`, { token: tok }), 200).json;
}
const row = (answer, code) => answer.children.find((r) => r.org_unit === code);

test('activity: a test, a handover and a release move the right rows by exactly one', async () => {
  const today = todayCST();
  const director = await token('director.hubei');
  const police = await token('police.jiangan');
  const window = { from: addDays(today, -30), to: addDays(today, 30) };
  const before = await activity(director, { org_unit: '420102', ...window });
  const beforeCity = await activity(director, { org_unit: '420300', ...window });
  assert.equal(before.org_unit, '420102');
  assert.equal(before.from, window.from);
  assert.ok(row(before, XIMA), 'every child is listed, zeros included');

  // Under community detox at 西马 since 10 days ago, tested yesterday.
  const a = await createPerson('police.jiangan', { home_org_unit: XIMA });
  const cd = expectStatus(await post(`/persons/${a.id}/episodes`,
    { kind: 'community_detox', org_unit: XIMA, start_date: addDays(today, -10) }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${cd.id}/actions`, { action: 'report_in', at: atLocal(addDays(today, -9)) }, { token: police }), 201);
  expectStatus(await post(`/persons/${a.id}/drug-tests`,
    { sample: 'urine', result: 'negative', at: atLocal(addDays(today, -1)), substances: [] }, { token: police }), 201);

  // Released yesterday from 十堰's facility to 西马: a handover whose report-in falls due in 15 days.
  const b = await createPerson('police.jiangan', { home_org_unit: XIMA });
  const decision = addDays(today, -732);
  const ci = expectStatus(await post(`/persons/${b.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: SHIYAN_FACILITY, start_date: decision }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: atLocal(addDays(decision, 1)) }, { token: director }), 201);
  const released = expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'release', at: atLocal(addDays(today, -1)) }, { token: director }), 201).json;
  assert.ok(Number.isInteger(released.handover_id));

  const after = await activity(director, { org_unit: '420102', ...window });
  const [x0, x1] = [row(before, XIMA), row(after, XIMA)];
  assert.equal(x1.testing.denominator, x0.testing.denominator + 1);
  assert.equal(x1.testing.numerator, x0.testing.numerator + 1);
  assert.equal(x1.testing.rate, x1.testing.numerator / x1.testing.denominator);
  assert.equal(x1.loss_of_supervision.denominator, x1.testing.denominator);
  assert.equal(x1.handover_timeliness.denominator, x0.handover_timeliness.denominator + 1);
  assert.equal(x1.handover_timeliness.numerator, x0.handover_timeliness.numerator);
  assert.equal(after.total.testing.denominator, before.total.testing.denominator + 1);

  // Reported in today: on time.
  expectStatus(await post(`/handovers/${released.handover_id}/report-in`, { at: atLocal(today, 0) }, { token: director }), 200);
  const reported = row(await activity(director, { org_unit: '420102', ...window }), XIMA);
  assert.equal(reported.handover_timeliness.numerator, x0.handover_timeliness.numerator + 1);

  // The release counts for the facility that released, under its city.
  const afterCity = await activity(director, { org_unit: '420300', ...window });
  assert.equal(row(afterCity, SHIYAN_FACILITY).releases, row(beforeCity, SHIYAN_FACILITY).releases + 1);
  assert.equal(row(afterCity, SHIYAN_FACILITY).admissions, row(beforeCity, SHIYAN_FACILITY).admissions);
});

test('activity: periods by key, bad parameters named, scope and roles', async () => {
  const director = await token('director.wuhan');
  const year = todayCST().slice(0, 4);
  const byYear = await activity(director, { period: year });
  assert.equal(byYear.from, `${year}-01-01`);
  assert.equal(byYear.to, `${year}-12-31`);
  assert.equal(byYear.org_unit, '420100', 'defaults to the caller\'s unit');
  const q1 = await activity(director, { period: `${year}-Q1` });
  assert.equal(q1.to, `${year}-03-31`);
  const feb = await activity(director, { period: '2024-02' });
  assert.equal(feb.to, '2024-02-29');
  for (const [query, field, rule] of [
    [{ period: '2026-13' }, 'period', 'format'],
    [{ period: '2026-Q5' }, 'period', 'format'],
    [{ period: '2026', from: '2026-01-01' }, 'period', 'exclusive'],
    [{ from: '2026-02-30' }, 'from', 'date'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'to', 'not_before_from'],
    [{ org_unit: '' }, 'org_unit', 'required'],
  ]) {
    expectProblem(await get(`/indicators/activity?${new URLSearchParams(query)}`, { token: director }), 400, field, rule);
  }
  expectProblem(await get('/indicators/activity?colour=red', { token: director }), 400, 'colour');
  expectStatus(await get('/indicators/activity?org_unit=420200', { token: director }), 404);
  expectStatus(await get('/indicators/activity', { token: await token('admin') }), 403);
  expectStatus(await get('/indicators/activity'), 401);
});

test('activity: analysts see aggregates with small cells withheld', async () => {
  const analyst = await token('analyst');
  const answer = await activity(analyst, { org_unit: '420102', period: todayCST().slice(0, 4) });
  assert.equal(answer.aggregates_only, true);
  assert.equal(answer.min_cell, 5);
  const cells = (r) => [r.testing.denominator, r.testing.numerator, r.loss_of_supervision.numerator,
    r.handover_timeliness.denominator, r.handover_timeliness.numerator, r.aftercare.persons,
    r.admissions, r.releases];
  for (const r of [...answer.children, answer.total]) {
    for (const c of cells(r)) {
      assert.ok(c === null || c === 0 || c >= 5, `a cell of 1..4 is shown: ${JSON.stringify(r)}`);
    }
    if (cells(r).some((c) => c === null)) assert.equal(r.suppressed, true);
  }
  // The same figures for a director are all shown.
  const full = await activity(await token('director.wuhan'), { org_unit: '420102', period: todayCST().slice(0, 4) });
  assert.equal(full.aggregates_only, false);
  for (const r of full.children) assert.equal(r.suppressed, false);
});

test('indicators as CSV: a download with one row per unit (or group, or curve point)', async () => {
  const director = await token('director.wuhan');
  const res = await get('/indicators/activity?org_unit=420102&format=csv', { token: director });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="activity-420102-/);
  const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 2), ['org_unit', 'name']);
  assert.ok(header.includes('testing.numerator') && header.includes('testing.denominator'));
  const json = expectStatus(await get('/indicators/activity?org_unit=420102', { token: director }), 200).json;
  assert.equal(lines.length, 1 + json.children.length + 1, 'header, children, total');
  for (const kind of ['abstinence', 'survival']) {
    const r = await get(`/indicators/${kind}?org_unit=420100&format=csv`, { token: director });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const j = expectStatus(await get(`/indicators/${kind}?org_unit=420100`, { token: director }), 200).json;
    const points = kind === 'survival' ? j.groups.reduce((n, g) => n + (g.curve?.length ?? 0), 0) : j.groups.length + 1;
    const lines = r.text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length, points === 0 ? 0 : points + 1, 'a header and one line per row');
  }
  expectProblem(await get('/indicators/activity?format=xml', { token: director }), 400, 'format', 'enum');
  expectProblem(await get('/indicators/survival?format=pdf', { token: director }), 400, 'format', 'enum');
});
