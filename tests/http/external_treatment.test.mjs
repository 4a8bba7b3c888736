// External medical treatment (外诊) over HTTP: recorded for a person in the facility, shown on the
// timeline, returned, and counted per facility with days in hospital.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem,
} from './helpers.mjs';

test('external treatment: record, timeline, return, per-facility count; bad input and scope', async () => {
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(todayCST(), -60);
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  const url = `/episodes/${ci.id}/external-treatments`;
  const event = { hospital: '武汉市第一医院', emergency_plan: true, escorts: ['李江', '王强'], reason: '消化道出血', started_on: addDays(todayCST(), -5) };
  expectProblem(await post(url, event, { token: officer }), 422, 'started_on', 'in_facility_only');
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: `${decision}T10:00:00+08:00` }, { token: officer }), 201);
  const before = expectStatus(await get(`/external-treatments?facility=${ORG.shizishan}`, { token: officer }), 200).json.total;
  expectProblem(await post(url, { ...event, hospital: '' }, { token: officer }), 400, 'hospital', 'length');
  expectProblem(await post(url, { ...event, emergency_plan: 'yes' }, { token: officer }), 400, 'emergency_plan', 'type');
  expectProblem(await post(url, { ...event, started_on: addDays(todayCST(), 1) }, { token: officer }), 400, 'started_on');
  expectProblem(await post(url, { ...event, ward: 3 }, { token: officer }), 400, 'ward', 'unknown');
  expectProblem(await post(url, event, { token: await token('sw.yiyuan') }), 404);
  assert.equal(expectStatus(await get(`/external-treatments?facility=${ORG.shizishan}`, { token: officer }), 200).json.total, before, 'nothing written');
  const made = expectStatus(await post(url, event, { token: officer }), 201).json;
  assert.equal(made.days_in_hospital, 5);
  assert.deepEqual(made.escorts, ['李江', '王强']);
  const timeline = expectStatus(await get(`/persons/${person.id}/timeline`, { token: officer }), 200).json.items;
  assert.ok(timeline.some((t) => t.type === 'external_treatment' && t.summary === '武汉市第一医院'));
  expectProblem(await post(`/external-treatments/${made.id}/return`, { returned_on: addDays(todayCST(), -6) }, { token: officer }), 400, 'returned_on', 'range');
  const back = expectStatus(await post(`/external-treatments/${made.id}/return`, { returned_on: addDays(todayCST(), -2) }, { token: officer }), 200).json;
  assert.equal(back.days_in_hospital, 3);
  expectProblem(await post(`/external-treatments/${made.id}/return`, { returned_on: todayCST() }, { token: officer }), 422, 'returned_on', 'once');
  const list = expectStatus(await get(`/external-treatments?person=${person.id}`, { token: officer }), 200).json;
  assert.equal(list.total, 1);
  assert.equal(list.days_in_hospital, 3);
  const facility = expectStatus(await get(`/external-treatments?facility=${ORG.shizishan}`, { token: await token('director.hubei') }), 200).json;
  assert.equal(facility.total, before + 1);
  expectProblem(await get('/external-treatments', { token: await token('analyst') }), 403);
});
