// 回访: follow-ups after release from compulsory isolation (issue 5 §1) — recording, the schedule
// as an obligation, a relapse found by follow-up, the cadence setting, bad input.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, pastTimestamp, get, post, req, token, createPerson, expectStatus, expectProblem,
  atLocal,
} from './helpers.mjs';

const at = atLocal;

// A person of 大智街道 decided `daysAgo` days ago, admitted the next day and released at the end
// of the two-year term (day 731).
async function released(daysAgo) {
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(todayCST(), -daysAgo);
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(addDays(decision, 1)) }, { token: officer }), 201);
  const release = addDays(decision, 731);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'release', at: at(release) }, { token: officer }), 201);
  return { person, ci, release };
}

const followUpsOf = async (id, tok) => expectStatus(await get(`/persons/${id}/follow-ups`, { token: tok }), 200).json;
const followUpObligation = async (id, tok) =>
  expectStatus(await get(`/persons/${id}/obligations`, { token: tok }), 200).json.items.find((o) => o.kind === 'follow_up');

test('follow-ups: recorded after release; each meets a point of the cadence and moves the next one', async () => {
  const { person, ci, release } = await released(731 + 100);  // released 100 days ago
  const sw = await token('sw.dazhi');
  let view = await followUpsOf(person.id, sw);
  assert.equal(view.release.episode_id, ci.id);
  assert.equal(view.release.date, release);
  assert.equal(view.release.facility, ORG.shizishan);
  // Day 100 after release, nothing recorded: day 30's window closed on day 76 (missed); day 90 is
  // due and overdue.
  assert.equal(view.schedule.met, 0);
  assert.equal(view.schedule.missed, 1);
  assert.equal(view.schedule.next_due, addDays(release, 90));
  let due = await followUpObligation(person.id, sw);
  assert.equal(due.due, addDays(release, 90));
  assert.equal(due.status, 'overdue');
  assert.equal(due.owner, person.home_org_unit ?? ORG.dazhi);

  const first = expectStatus(await post(`/persons/${person.id}/follow-ups`,
    { at: at(addDays(release, 29)), method: 'phone', result: 'abstinent', evidence: '电话回访，家属确认' }, { token: sw }), 201).json;
  assert.equal(first.method, 'phone');
  assert.equal(first.result, 'abstinent');
  assert.equal(first.release_episode_id, ci.id);
  assert.equal(first.relapse_id, null);
  // Unreachable does not meet a point.
  expectStatus(await post(`/persons/${person.id}/follow-ups`,
    { at: at(addDays(release, 88)), method: 'phone', result: 'unreachable' }, { token: sw }), 201);
  // A call on day 29 (recorded late) meets day 30; the unreachable one on day 88 meets nothing.
  view = await followUpsOf(person.id, sw);
  assert.equal(view.schedule.met, 1);
  assert.equal(view.schedule.missed, 0);
  assert.equal(view.schedule.next_due, addDays(release, 90));
  assert.equal(view.items.length, 2);
  assert.equal(view.items[0].result, 'unreachable', 'newest first');
  expectStatus(await post(`/persons/${person.id}/follow-ups`,
    { at: at(addDays(release, 91)), method: 'visit', result: 'abstinent' }, { token: sw }), 201);
  due = await followUpObligation(person.id, sw);
  assert.equal(due.due, addDays(release, 180));
  assert.equal(due.status, 'open');
  // A second call in the same window meets no further point.
  expectStatus(await post(`/persons/${person.id}/follow-ups`,
    { at: at(addDays(release, 95)), method: 'phone', result: 'abstinent' }, { token: sw }), 201);
  assert.equal((await followUpsOf(person.id, sw)).schedule.met, 2);
});

test('follow-ups: a relapse recorded any other way also ends the schedule', async () => {
  const { person, release } = await released(731 + 40);
  const sw = await token('sw.dazhi');
  assert.ok(await followUpObligation(person.id, sw));
  expectStatus(await post(`/persons/${person.id}/relapses`,
    { at: at(addDays(release, 20)), evidence: '本人承认复吸' }, { token: sw }), 201);
  const view = await followUpsOf(person.id, sw);
  assert.equal(view.schedule.ended_by_relapse, true);
  assert.equal(await followUpObligation(person.id, sw), undefined);
});

test('follow-ups: a relapse found is a relapse of the continuum and ends the schedule', async () => {
  const { person, release } = await released(731 + 40);
  const sw = await token('sw.dazhi');
  const found = expectStatus(await post(`/persons/${person.id}/follow-ups`,
    { at: at(addDays(release, 30)), method: 'test', result: 'relapsed', evidence: '尿检吗啡阳性' }, { token: sw }), 201).json;
  assert.ok(Number.isInteger(found.relapse_id));
  const relapses = expectStatus(await get(`/persons/${person.id}/relapses`, { token: sw }), 200).json.items;
  assert.equal(relapses[0].id, found.relapse_id);
  assert.equal(relapses[0].source, 'follow_up');
  const alerts = expectStatus(await get(`/alerts?person=${person.id}&kind=relapse`, { token: sw }), 200).json.items;
  assert.ok(alerts.some((a) => a.kind === 'relapse'), JSON.stringify(alerts));
  const view = await followUpsOf(person.id, sw);
  assert.equal(view.schedule.ended_by_relapse, true);
  assert.equal(view.schedule.next_due, null);
  assert.equal(await followUpObligation(person.id, sw), undefined);
});

test('follow-ups: bad input names the field and rule; nothing is written', async () => {
  const sw = await token('sw.dazhi');
  const { person, release } = await released(731 + 10);
  const url = `/persons/${person.id}/follow-ups`;
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'fax', result: 'abstinent' }, { token: sw }), 400, 'method', 'enum');
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'fine' }, { token: sw }), 400, 'result', 'enum');
  expectProblem(await post(url, { method: 'phone', result: 'abstinent' }, { token: sw }), 400, 'at', 'required');
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'abstinent', extra: 1 }, { token: sw }), 400, 'extra');
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'abstinent', evidence: null }, { token: sw }), 400, 'evidence');
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'relapsed' }, { token: sw }), 422, 'evidence', 'required_for_relapse');
  expectProblem(await post(url, { at: at(addDays(release, -3)), method: 'phone', result: 'abstinent' }, { token: sw }), 422, 'at', 'not_before_release');
  expectProblem(await post(url, { at: at(addDays(todayCST(), 2)), method: 'phone', result: 'abstinent' }, { token: sw }), 400, 'at', 'not_in_future');
  expectProblem(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'abstinent', evidence: 'x'.repeat(2001) }, { token: sw }), 400, 'evidence', 'length');
  // Never released: nothing to follow up.
  const never = await createPerson('sw.dazhi');
  expectProblem(await post(`/persons/${never.id}/follow-ups`, { at: pastTimestamp(1).local, method: 'phone', result: 'abstinent' }, { token: sw }), 422, 'at', 'release_required');
  assert.equal((await followUpsOf(never.id, sw)).release, null);
  // Out of scope: 404; analysts do not read persons.
  expectStatus(await post(url, { at: at(addDays(release, 5)), method: 'phone', result: 'abstinent' }, { token: await token('sw.huangshigang') }), 404);
  expectStatus(await get(url, { token: await token('analyst') }), 403);
  assert.equal((await followUpsOf(person.id, sw)).items.length, 0, 'nothing was written');
});

test('follow-up cadence: read by anyone logged in, changed by the administrator only, validated', async () => {
  const admin = await token('admin');
  const current = expectStatus(await get('/settings/follow-up', { token: admin }), 200).json;
  assert.deepEqual(current, { cadence_days: [30, 90, 180, 365, 545, 730, 1095], early_days: 14 });
  expectStatus(await req('PUT', '/settings/follow-up', { token: await token('director.hubei'), body: current }), 403);
  expectProblem(await req('PUT', '/settings/follow-up', { token: admin, body: { cadence_days: [30, 20], early_days: 14 } }), 400, 'cadence_days', 'increasing');
  expectProblem(await req('PUT', '/settings/follow-up', { token: admin, body: { cadence_days: [], early_days: 14 } }), 400, 'cadence_days', 'required');
  expectProblem(await req('PUT', '/settings/follow-up', { token: admin, body: { cadence_days: [30], early_days: 100 } }), 400, 'early_days', 'range');
  expectProblem(await req('PUT', '/settings/follow-up', { token: admin, body: { cadence_days: ['30'], early_days: 1 } }), 400, 'cadence_days', 'type');
  // Saving the same cadence back is accepted and changes nothing for other tests.
  assert.deepEqual(expectStatus(await req('PUT', '/settings/follow-up', { token: admin, body: current }), 200).json, current);
});
