// The facility safety register (六无) and its streaks, over HTTP.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem,
} from './helpers.mjs';

const year = Number(todayCST().slice(0, 4));

test('streaks: the province reports 9 years of six no\'s and 23 without a work-safety accident, as the page does', async () => {
  const s = expectStatus(await get(`/safety/streaks?org_unit=${ORG.hubei}`, { token: await token('director.hubei') }), 200).json;
  assert.equal(s.org_unit.code, ORG.hubei);
  assert.equal(s.six_nos.completed_years_streak, 9);
  assert.equal(s.six_nos.since_year, year - 9);
  assert.equal(s.by_category.work_safety_accident.completed_years_streak, 23);
  assert.ok(s.facilities.length >= 8, 'every facility in the subtree has its own record');
  const shizishan = s.facilities.find((f) => f.org_unit.code === ORG.shizishan);
  assert.equal(shizishan.by_category.work_safety_accident.completed_years_streak, 23);
  const own = expectStatus(await get(`/safety/streaks?org_unit=${ORG.shizishan}`, { token: await token('officer.shizishan') }), 200).json;
  assert.deepEqual(own.facilities, []);
  assert.equal(own.by_category.escape.completed_years_streak, year - 1 - own.records_since + 1);
});

test('incidents: record, list, bad input, scope; an escape links the abscond action', async () => {
  const officer = await token('officer.shizishan');
  const before = expectStatus(await get(`/safety/incidents?facility=${ORG.shizishan}`, { token: officer }), 200).json.total;
  const made = expectStatus(await post('/safety/incidents', {
    facility: ORG.shizishan, category: 'food_safety_incident', date: todayCST(),
    description: '午餐后三名戒毒人员轻微腹泻', follow_up: '留样送检',
  }, { token: officer }), 201).json;
  assert.equal(made.category, 'food_safety_incident');
  const after = expectStatus(await get(`/safety/incidents?facility=${ORG.shizishan}&category=food_safety_incident`, { token: officer }), 200).json;
  assert.ok(after.items.some((i) => i.id === made.id));
  const list = expectStatus(await get(`/safety/incidents?facility=${ORG.shizishan}`, { token: officer }), 200).json;
  assert.equal(list.total, before + 1);
  const streak = expectStatus(await get(`/safety/streaks?org_unit=${ORG.shizishan}`, { token: officer }), 200).json;
  assert.equal(streak.six_nos.current_year_clean, false);
  assert.equal(streak.six_nos.streak_if_year_ends_clean, 0);

  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'fire', date: todayCST(), description: 'x' }, { token: officer }), 400, 'category', 'enum');
  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: '2026-02-30', description: 'x' }, { token: officer }), 400, 'date', 'date');
  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: addDays(todayCST(), 3), description: 'x' }, { token: officer }), 400, 'date');
  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: todayCST() }, { token: officer }), 400, 'description', 'required');
  expectProblem(await post('/safety/incidents', { facility: '420000F02', category: 'escape', date: todayCST(), description: 'x' }, { token: officer }), 400, 'facility', 'exists');
  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: todayCST(), description: 'x' }, { token: await token('analyst') }), 403);
  expectProblem(await get('/safety/incidents?category=fire', { token: officer }), 400, 'category', 'enum');
  expectProblem(await get('/safety/streaks?org_unit=420000F02', { token: officer }), 404);
  assert.equal(expectStatus(await get(`/safety/incidents?facility=${ORG.shizishan}`, { token: officer }), 200).json.total, before + 1, 'nothing written by the bad requests');

  // An escape names the person: it must link their abscond action at that facility.
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`, { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: addDays(todayCST(), -30) }, { token: police }), 201).json;
  expectProblem(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: todayCST(), description: '脱逃', person_id: person.id }, { token: officer }), 422, 'person_id', 'escape_needs_abscond');
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: `${addDays(todayCST(), -30)}T10:00:00+08:00` }, { token: officer }), 201);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'abscond', at: `${addDays(todayCST(), -1)}T22:00:00+08:00` }, { token: officer }), 201);
  const escape = expectStatus(await post('/safety/incidents', { facility: ORG.shizishan, category: 'escape', date: addDays(todayCST(), -1), description: '夜间脱逃', person_id: person.id }, { token: officer }), 201).json;
  assert.equal(escape.person_id, person.id);
  assert.ok(Number.isInteger(escape.episode_action_id));
});
