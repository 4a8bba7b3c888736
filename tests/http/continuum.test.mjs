// The continuum of care over HTTP: one person walked from a community detox order through
// escalation, compulsory isolation, an early-release refusal before a year, release, handover,
// community rehabilitation and aftercare; plus alerts, risk, obligations, settings, bad input
// and scope. Dates are relative to today (UTC+8) so the walk is valid on any run date.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, req, token, createPerson, expectStatus, expectProblem,
  atLocal,
} from './helpers.mjs';

const at = atLocal;
const act = async (user, episode, body) =>
  post(`/episodes/${episode}/actions`, body, { token: await token(user) });

test('walk: community detox → serious breach → escalation → isolation → release → handover → community rehab → aftercare', async () => {
  const today = todayCST();
  const order = addDays(today, -1200);
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const sw = await token('sw.dazhi');

  // Community detox ordered by county police; the person must report within 15 days.
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: order, decision_number: 'JA-CD-1' },
    { token: police }), 201).json;
  let clock = expectStatus(await get(`/episodes/${cd.id}`, { token: sw }), 200).json;
  assert.equal(clock.state, 'awaiting_report_in');
  assert.deepEqual(clock.deadlines.find((d) => d.kind === 'report_in'),
    { kind: 'report_in', due: addDays(order, 15), earliest: null, owner: 'person', done: false });

  clock = expectStatus(await act('sw.dazhi', cd.id, { action: 'report_in', at: at(addDays(order, 10)) }), 201).json;
  assert.equal(clock.state, 'active');
  assert.equal(clock.term_start, addDays(order, 10));
  assert.equal(clock.report_in_late, false);
  expectStatus(await act('sw.dazhi', cd.id, { action: 'sign_agreement', at: at(addDays(order, 10), 11) }), 201);

  // Three refused tests: a serious breach, proposed to the county police with the evidence.
  for (const d of [30, 60, 90]) {
    expectStatus(await post(`/persons/${person.id}/drug-tests`,
      { sample: 'urine', result: 'refused', at: at(addDays(order, d)), substances: [] }, { token: sw }), 201);
  }
  const breach = expectStatus(await get(`/alerts?person=${person.id}&kind=serious_breach`, { token: police }), 200).json;
  assert.equal(breach.total, 1);
  assert.equal(breach.items[0].evidence.proposal, 'escalate to compulsory isolation');
  assert.equal(breach.items[0].evidence.findings[0].rule, 'tests_evaded_or_refused');
  assert.equal(breach.items[0].evidence.findings[0].evidence_ids.length, 3);
  const risk = expectStatus(await get(`/persons/${person.id}/risk`, { token: police }), 200).json;
  assert.equal(risk.tier, 'high', 'a serious breach makes the tier high');
  assert.ok(risk.reasons.some((r) => r.factor === 'serious_breach'));

  // Escalation to compulsory isolation at Shizishan; the community episode closes.
  const decision = addDays(order, 100);
  const esc = expectStatus(await act('police.jiangan', cd.id,
    { action: 'escalate', at: at(decision), org_unit: ORG.shizishan, decision_number: 'JA-CI-9' }), 201).json;
  assert.equal(esc.state, 'closed');
  assert.equal(esc.end_reason, 'escalated');
  const ci = esc.created_episode_id;
  assert.ok(Number.isInteger(ci));
  const officer = await token('officer.shizishan');
  let isolation = expectStatus(await act('officer.shizishan', ci, { action: 'admit', at: at(addDays(decision, 1)) }), 201).json;
  assert.equal(isolation.state, 'in_facility');
  assert.equal(isolation.planned_end, addDays(decision, 730), 'two years from the decision, ending the day before the anniversary');
  assert.equal(isolation.deciding_org_unit, '420102P');

  // Early release: refused at 364 days, with the rule named; nothing is recorded.
  const before = isolation.actions.length;
  const early = await act('officer.shizishan', ci,
    { action: 'propose_early_release', at: at(addDays(decision, 364)), assessment_passed: true });
  expectProblem(early, 422);
  assert.equal(early.json.errors[0].rule, 'early_release_after_one_year');
  isolation = expectStatus(await get(`/episodes/${ci}`, { token: officer }), 200).json;
  assert.equal(isolation.actions.length, before);

  // Release at the end of the term opens a handover to the home township.
  const releaseDate = addDays(decision, 731);
  const released = expectStatus(await act('officer.shizishan', ci, { action: 'release', at: at(releaseDate) }), 201).json;
  assert.equal(released.state, 'closed');
  assert.equal(released.end_reason, 'released');
  const handoverId = released.handover_id;
  assert.ok(Number.isInteger(handoverId));

  // Community rehabilitation ordered on release by the county police.
  const rehab = expectStatus(await act('police.jiangan', ci,
    { action: 'order_community_rehab', at: at(releaseDate, 11) }), 201).json.created_episode_id;

  // The receiving office: inbox, acknowledge, report-in (lands on the rehab episode), agreement.
  const inbox = expectStatus(await get('/handovers?status=open', { token: sw }), 200).json;
  const h = inbox.items.find((x) => x.id === handoverId);
  assert.ok(h, 'the handover is in the township inbox');
  assert.equal(h.to_org_unit.code, ORG.dazhi);
  assert.equal(h.report_due, addDays(releaseDate, 15));
  assert.equal(h.late, true, 'released long ago and never reported: late');
  const late = expectStatus(await get(`/alerts?person=${person.id}&kind=handover_late`, { token: await token('director.hubei') }), 200).json;
  assert.equal(late.items[0].org_unit, ORG.hubei, 'escalated to the director above both sides');
  expectProblem(await post(`/handovers/${handoverId}/acknowledge`, {}, { token: officer }), 422, 'id', 'receiving_side');
  expectStatus(await post(`/handovers/${handoverId}/acknowledge`, {}, { token: sw }), 200);
  expectProblem(await post(`/handovers/${handoverId}/agreement`, { at: at(addDays(releaseDate, 5)) }, { token: sw }), 422, 'id', 'report_in_first');
  const reported = expectStatus(await post(`/handovers/${handoverId}/report-in`, { at: at(addDays(releaseDate, 5)) }, { token: sw }), 200).json;
  assert.ok(reported.reported_in_at);
  const done = expectStatus(await post(`/handovers/${handoverId}/agreement`, { at: at(addDays(releaseDate, 5), 11) }, { token: sw }), 200).json;
  assert.equal(done.status, 'completed');
  const rehabClock = expectStatus(await get(`/episodes/${rehab}`, { token: sw }), 200).json;
  assert.equal(rehabClock.kind, 'community_rehab');
  assert.equal(rehabClock.state, 'active');
  assert.equal(rehabClock.term_start, addDays(releaseDate, 5));
  const lateAfter = expectStatus(await get(`/alerts?person=${person.id}&kind=handover_late&status=open`, { token: sw }), 200).json;
  assert.equal(lateAfter.total, 0, 'completing the handover closes its late alert');

  // Aftercare enrolment after release.
  const aftercare = expectStatus(await act('police.jiangan', ci,
    { action: 'enrol_aftercare', at: at(addDays(releaseDate, 10)), org_unit: '420000F01A1' }), 201).json.created_episode_id;
  const ac = expectStatus(await get(`/episodes/${aftercare}`, { token: sw }), 200).json;
  assert.equal(ac.state, 'ongoing');

  // Ownership history keeps where each episode was run.
  const owners = expectStatus(await get(`/persons/${person.id}/ownership`, { token: sw }), 200).json.items;
  assert.deepEqual(owners.map((o) => o.org_unit), [ORG.dazhi, ORG.shizishan, ORG.dazhi, '420000F01A1']);

  // Obligations: the rehab's tests and contacts from the tiered schedule, each with owner and status.
  const obligations = expectStatus(await get(`/persons/${person.id}/obligations`, { token: sw }), 200).json;
  assert.ok(['high', 'medium', 'low', 'long_term_low'].includes(obligations.tier));
  const kinds = obligations.items.map((o) => o.kind);
  assert.ok(kinds.includes('test') && kinds.includes('contact'), JSON.stringify(obligations.items));
  for (const o of obligations.items) {
    assert.ok(['open', 'overdue', 'done'].includes(o.status));
    assert.equal(typeof o.owner, 'string');
    assert.match(o.due, /^\d{4}-\d{2}-\d{2}$/);
  }
});

test('transfer moves future obligations to the new office; past events keep their office', async () => {
  const today = todayCST();
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.yiyuan, start_date: addDays(today, -60) }, { token: police }), 201).json;
  expectStatus(await act('police.jiangan', cd.id, { action: 'report_in', at: at(addDays(today, -55)) }), 201);
  expectStatus(await post(`/persons/${person.id}/contacts`, { kind: 'home_visit', at: at(addDays(today, -50)), note: '一元街道走访' }, { token: police }), 201);
  const moved = expectStatus(await act('police.jiangan', cd.id,
    { action: 'transfer', at: at(addDays(today, -10)), org_unit: ORG.dazhi, reason: 'change of residence' }), 201).json;
  assert.equal(moved.org_unit, ORG.dazhi);
  assert.equal(moved.state, 'active', 'the clock runs on');
  const owners = expectStatus(await get(`/persons/${person.id}/ownership`, { token: police }), 200).json.items;
  assert.deepEqual(owners.map((o) => [o.org_unit, o.from, o.to]),
    [[ORG.yiyuan, addDays(today, -60), addDays(today, -10)], [ORG.dazhi, addDays(today, -10), null]]);
  const obligations = expectStatus(await get(`/persons/${person.id}/obligations`, { token: police }), 200).json.items;
  assert.ok(obligations.filter((o) => o.kind === 'test' || o.kind === 'contact').every((o) => o.owner === ORG.dazhi));
  expectProblem(await act('police.jiangan', cd.id, { action: 'transfer', at: at(today), org_unit: ORG.dazhi }), 422, 'org_unit', 'different_owner');
});

test('a positive test is a relapse: alert raised, tier at least medium', async () => {
  const person = await createPerson('sw.dazhi');
  const sw = await token('sw.dazhi');
  expectStatus(await post(`/persons/${person.id}/drug-tests`,
    { sample: 'urine', result: 'positive', at: at(addDays(todayCST(), -1)), substances: ['冰毒'] }, { token: sw }), 201);
  const relapses = expectStatus(await get(`/persons/${person.id}/relapses`, { token: sw }), 200).json;
  assert.equal(relapses.items[0].source, 'positive_test');
  const alerts = expectStatus(await get(`/alerts?person=${person.id}&kind=relapse`, { token: sw }), 200).json;
  assert.equal(alerts.total, 1);
  const risk = expectStatus(await get(`/persons/${person.id}/risk`, { token: sw }), 200).json;
  assert.ok(['medium', 'high'].includes(risk.tier), `tier ${risk.tier}`);
  assert.equal(risk.days_abstinent, 1);
  const recorded = expectStatus(await post(`/persons/${person.id}/relapses`,
    { at: at(todayCST(), 8), evidence: '本人承认复吸' }, { token: sw }), 201).json;
  assert.equal(recorded.source, 'recorded');
  const closed = expectStatus(await post(`/alerts/${alerts.items[0].id}/close`, { note: '已处置' }, { token: sw }), 200).json;
  assert.equal(closed.status, 'closed');
});

test('absences: three unauthorised exits are a serious breach', async () => {
  const today = todayCST();
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: addDays(today, -200) }, { token: police }), 201).json;
  expectStatus(await act('police.jiangan', cd.id, { action: 'report_in', at: at(addDays(today, -195)) }), 201);
  for (const start of [-150, -100, -50]) {
    const a = expectStatus(await post(`/persons/${person.id}/absences`,
      { from: addDays(today, start), to: addDays(today, start + 3), authorised: false, note: '未报告离开县域' }, { token: police }), 201).json;
    assert.equal(a.days, 4);
  }
  const alerts = expectStatus(await get(`/alerts?person=${person.id}&kind=serious_breach`, { token: police }), 200).json;
  assert.equal(alerts.total, 1);
  assert.ok(alerts.items[0].evidence.findings.some((f) => f.rule === 'unauthorised_exits'));
  expectProblem(await post(`/persons/${person.id}/absences`,
    { from: addDays(today, -1), to: addDays(today, -3), authorised: true }, { token: police }), 400, 'to', 'after_from');
  expectProblem(await post(`/persons/${person.id}/absences`,
    { from: addDays(today, -3), to: addDays(today, -1) }, { token: police }), 400, 'authorised', 'required');
});

test('actions: bad input is 4xx naming the field and writes nothing', async () => {
  const today = todayCST();
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: addDays(today, -5) }, { token: police }), 201).json;
  const url = `/episodes/${cd.id}/actions`;
  expectProblem(await post(url, { action: 'teleport', at: at(today) }, { token: police }), 400, 'action', 'enum');
  expectProblem(await post(url, { action: 'report_in' }, { token: police }), 400, 'at', 'required');
  expectProblem(await post(url, { action: 'report_in', at: '2026-02-30T10:00:00+08:00' }, { token: police }), 400, 'at', 'timestamp');
  expectProblem(await post(url, { action: 'report_in', at: at(today), colour: 'red' }, { token: police }), 400, 'colour', 'unknown');
  expectProblem(await post(url, { action: 'propose_extension', at: at(today), extension_days: 400 }, { token: police }), 400, 'extension_days', 'range');
  expectProblem(await post(url, { action: 'report_in', at: at(addDays(today, -10)) }, { token: police }), 422);
  expectProblem(await post(url, { action: 'release', at: at(today) }, { token: police }), 422);
  expectProblem(await post(url, { action: 'report_in', at: at(addDays(today, 2)) }, { token: police }), 422);
  expectProblem(await req('POST', url, { token: police, raw: '{"action":' }), 400, 'body', 'json');
  expectProblem(await post('/episodes/abc/actions', { action: 'report_in', at: at(today) }, { token: police }), 400);
  expectProblem(await post('/episodes/999999999/actions', { action: 'report_in', at: at(today) }, { token: police }), 404);
  expectProblem(await post(url, { action: 'report_in', at: at(today) }, { token: await token('sw.yiyuan') }), 404);
  expectProblem(await post(url, { action: 'report_in', at: at(today) }, { token: await token('analyst') }), 403);
  expectProblem(await post(url, { action: 'report_in', at: at(today), version: 99 }, { token: police }), 409, 'version');
  const clock = expectStatus(await get(`/episodes/${cd.id}`, { token: police }), 200).json;
  assert.equal(clock.actions.length, 0, 'nothing was written');
  assert.equal(clock.state, 'awaiting_report_in');
  expectStatus(await post(url, { action: 'report_in', at: at(today), version: clock.version }, { token: police }), 201);
});

test('out of scope: episodes, obligations, risk, alerts and handovers answer like missing ones', async () => {
  const person = await createPerson('sw.dazhi');
  const other = await token('sw.yiyuan');
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: todayCST() }, { token: await token('sw.dazhi') }), 201).json;
  for (const path of [`/episodes/${cd.id}`, `/persons/${person.id}/obligations`, `/persons/${person.id}/risk`,
    `/persons/${person.id}/ownership`, `/persons/${person.id}/relapses`, `/persons/${person.id}/absences`,
    `/alerts?person=${person.id}`]) {
    expectProblem(await get(path, { token: other }), 404);
  }
  for (const path of [`/episodes/${cd.id}`, `/persons/${person.id}/risk`, '/alerts', '/handovers']) {
    expectProblem(await get(path, { token: await token('analyst') }), 403);
  }
  const yiyuanInbox = expectStatus(await get('/handovers', { token: other }), 200).json;
  assert.ok(yiyuanInbox.items.every((h) => h.to_org_unit.code === ORG.yiyuan || h.from_org_unit.code === ORG.yiyuan));
});

test('settings: only an administrator changes the model; a change re-derives every tier', async () => {
  const admin = await token('admin');
  const model = expectStatus(await get('/settings/risk-model', { token: admin }), 200).json;
  assert.ok(model.rules.length > 5);
  expectProblem(await req('PUT', '/settings/risk-model', { token: await token('sw.dazhi'), body: model }), 403);
  expectProblem(await req('PUT', '/settings/risk-model', { token: admin, body: { ...model, high_at: 10, medium_at: 20 } }), 400, 'high_at');
  expectProblem(await req('PUT', '/settings/risk-model', { token: admin, body: { ...model, rules: 'many' } }), 400, 'rules');
  const { version, ...rest } = model;
  const report = expectStatus(await req('PUT', '/settings/risk-model', { token: admin, body: rest }), 200).json;
  assert.ok(report.persons > 0);
  assert.equal(typeof report.milliseconds, 'number');
  const again = expectStatus(await get('/settings/risk-model', { token: admin }), 200).json;
  assert.equal(again.version, model.version + 1);
  const intervals = expectStatus(await get('/settings/intervals', { token: admin }), 200).json;
  assert.ok(intervals.items.length >= 20);
  expectProblem(await req('PUT', '/settings/intervals', { token: admin, body: { items: [{ ...intervals.items[0], test_days: [30, -1, 30] }] } }), 400, 'items[0].test_days');
  const rederived = expectStatus(await req('PUT', '/settings/intervals', { token: admin, body: intervals }), 200).json;
  assert.ok(rederived.persons > 0);
});

test('worklist: overdue first, then high risk first, then the most overdue; every item names what is due next', async () => {
  const page = expectStatus(await get('/worklist?limit=200', { token: await token('director.wuhan') }), 200).json;
  const rank = { high: 0, medium: 1, low: 2, long_term_low: 3 };
  for (let i = 1; i < page.items.length; i++) {
    const a = page.items[i - 1];
    const b = page.items[i];
    const od = (w) => (w.status === 'overdue' ? 0 : 1);
    assert.ok(od(a) < od(b) || (od(a) === od(b) && (rank[a.tier] < rank[b.tier] ||
      (rank[a.tier] === rank[b.tier] && a.overdue_days >= b.overdue_days))),
      `order at ${i}: ${JSON.stringify(a)} before ${JSON.stringify(b)}`);
    assert.equal(typeof b.next_kind, 'string');
  }
});

test('aftercare counts: per person by kind, as the page reports them for 王峰, and per station', async () => {
  const director = await token('director.hubei');
  const found = expectStatus(await get(`/persons?q=${encodeURIComponent('王峰')}`, { token: director }), 200).json;
  assert.ok(found.total >= 1, 'the demo has 王峰');
  const wang = found.items.find((p) => p.alias === '王峰');
  const counts = expectStatus(await get(`/persons/${wang.id}/contact-counts`, { token: director }), 200).json;
  const by = Object.fromEntries(counts.items.map((c) => [c.kind, c.count]));
  assert.ok(by.phone + by.wechat >= 100, `100+ calls: ${JSON.stringify(by)}`);
  assert.equal(by.peer_education, 11);
  assert.equal(by.home_visit, 14);
  assert.equal(by.crisis_intervention, 7);
  assert.ok('job_help' in by && 'workplace_visit' in by, 'every kind is listed, zeros included');
  assert.equal(counts.total, counts.items.reduce((s, c) => s + c.count, 0));
  const station = expectStatus(await get('/org-units/420000F01A1/contact-counts', { token: director }), 200).json;
  assert.ok(station.total > 0 && station.persons > 0);
  const recent = expectStatus(await get(`/org-units/420000F01A1/contact-counts?from=${todayCST()}`, { token: director }), 200).json;
  assert.ok(recent.total <= station.total);
  expectProblem(await get('/org-units/420000F01A1/contact-counts?from=2026-02-30', { token: director }), 400, 'from', 'date');
  expectProblem(await get('/org-units/420000F01A1/contact-counts', { token: await token('sw.dazhi') }), 404);
  expectProblem(await get(`/persons/${wang.id}/contact-counts`, { token: await token('analyst') }), 403);
  const sw = await token('sw.dazhi');
  const p = await createPerson('sw.dazhi');
  for (const kind of ['workplace_visit', 'job_help']) {
    expectStatus(await post(`/persons/${p.id}/contacts`, { kind, at: at(todayCST(), 9), note: '就业帮扶' }, { token: sw }), 201);
  }
  const mine = expectStatus(await get(`/persons/${p.id}/contact-counts`, { token: sw }), 200).json;
  assert.equal(mine.total, 2);
});

test('a direct admission to a police facility starts the 3–6 month stay deadline; a justice facility has none', async () => {
  const police = await token('police.jiangan');
  let decision = addDays(todayCST(), -40);
  while (Number(decision.slice(8)) > 28) decision = addDays(decision, -1);  // no month-end clamping
  const months = (d, n) => {
    const [y, m, day] = d.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1 + n, day)).toISOString().slice(0, 10);
  };
  for (const { facility, user, admit, police_run } of [
    // Admitted where the decision placed the person, naming no facility or naming that one.
    { facility: '420100F01', user: 'director.wuhan', admit: {}, police_run: true },
    { facility: '420100F01', user: 'director.wuhan', admit: { org_unit: '420100F01' }, police_run: true },
    // A justice-administration facility keeps no police stay.
    { facility: ORG.shizishan, user: 'officer.shizishan', admit: {}, police_run: false },
  ]) {
    const person = await createPerson('police.jiangan');
    const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
      { kind: 'compulsory_isolation', org_unit: facility, start_date: decision }, { token: police }), 201).json;
    const before = expectStatus(await get(`/episodes/${ci.id}`, { token: await token(user) }), 200).json;
    assert.equal(before.deadlines.find((d) => d.kind === 'transfer_to_justice_facility'), undefined);
    expectStatus(await act(user, ci.id, { action: 'admit', at: at(addDays(decision, 1)), ...admit }), 201);
    const episode = expectStatus(await get(`/episodes/${ci.id}`, { token: await token(user) }), 200).json;
    assert.equal(episode.state, 'in_facility');
    assert.equal(episode.org_unit, facility);
    const stay = episode.deadlines.find((d) => d.kind === 'transfer_to_justice_facility');
    if (police_run) {
      assert.deepEqual(stay, {
        kind: 'transfer_to_justice_facility', due: months(decision, 6), earliest: months(decision, 3),
        owner: 'episode_owner', done: false,
      }, `admitted at ${facility} with ${JSON.stringify(admit)}`);
    } else {
      assert.equal(stay, undefined);
    }
  }
});
