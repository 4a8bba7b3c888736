// Zones and units (issue 4 §1): a facility's units (大队) with their officers, placements of a
// person in a zone and unit (forward one zone, back with a reason), occupancy by zone and unit in
// the capacity view, the facility list, scope, and nothing written on error.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, patch, token, suffix, createPerson, expectStatus, expectProblem,
} from './helpers.mjs';

const WOMEN = '420000F02';

test('units: list, create, set officers; bad input, roles and scope', async () => {
  const officer = await token('officer.shizishan');
  const url = `/facilities/${ORG.shizishan}/units`;
  const units = expectStatus(await get(url, { token: officer }), 200).json;
  assert.ok(units.total >= 4, 'the demo has 4–6 units per facility');
  assert.ok(units.items.find((u) => u.code === 'D1').officers.includes('officer.shizishan'));
  expectProblem(await get(url, { token: await token('officer.women') }), 404);
  expectProblem(await get(`/facilities/420102/units`, { token: officer }), 404);

  const code = `T${suffix()}`;
  const unit = { code, name: '七大队', officers: ['officer.shizishan'] };
  expectProblem(await post(url, { ...unit, code: 'a b' }, { token: officer }), 400, 'code', 'format');
  expectProblem(await post(url, { code }, { token: officer }), 400, 'name', 'required');
  expectProblem(await post(url, { ...unit, name: '' }, { token: officer }), 400, 'name', 'length');
  expectProblem(await post(url, { ...unit, beds: 10 }, { token: officer }), 400, 'beds', 'unknown');
  expectProblem(await post(url, { ...unit, officers: 'officer.shizishan' }, { token: officer }), 400, 'officers');
  expectProblem(await post(url, { ...unit, officers: ['officer.women'] }, { token: officer }), 422, 'officers[0]', 'facility_officer');
  expectProblem(await post(url, { ...unit, officers: ['officer.shizishan', 'officer.shizishan'] }, { token: officer }), 422, 'officers[1]', 'unique');
  expectProblem(await post(url, unit, { token: await token('police.jiangan') }), 403);
  expectProblem(await post(url, unit, { token: await token('admin') }), 403);
  expectProblem(await post(url, unit, { token: await token('officer.women') }), 404);
  assert.equal(expectStatus(await get(url, { token: officer }), 200).json.total, units.total, 'nothing written');

  const made = expectStatus(await post(url, unit, { token: officer }), 201).json;
  assert.deepEqual(made, { id: made.id, facility: ORG.shizishan, code, name: '七大队', officers: ['officer.shizishan'] });
  expectProblem(await post(url, unit, { token: await token('director.hubei') }), 409, 'code', 'unique');

  const one = `${url}/${code}`;
  expectProblem(await patch(one, {}, { token: officer }), 400, 'officers', 'required');
  expectProblem(await patch(one, { officers: ['nobody'] }, { token: officer }), 422, 'officers[0]', 'facility_officer');
  expectProblem(await patch(`${url}/NOPE`, { officers: [] }, { token: officer }), 404);
  const changed = expectStatus(await patch(one, { name: '七大队（康复）', officers: [] }, { token: await token('director.hubei') }), 200).json;
  assert.equal(changed.name, '七大队（康复）');
  assert.deepEqual(changed.officers, []);
  const again = expectStatus(await get(url, { token: officer }), 200).json;
  assert.equal(again.total, units.total + 1);
  assert.deepEqual(again.items.find((u) => u.code === code).officers, []);
});

test('placements: only for an admitted isolation; zone rules name field and rule; scope; timeline', async () => {
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(todayCST(), -120);
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  const url = `/episodes/${ci.id}/placements`;
  const placements = `/persons/${person.id}/placements`;
  const detox = { zone: 'detox', unit_code: 'D1', date: addDays(decision, 1) };

  // Not yet admitted: no placement.
  expectProblem(await post(url, detox, { token: officer }), 422, 'episode', 'in_facility_only');
  let view = expectStatus(await get(placements, { token: officer }), 200).json;
  assert.equal(view.in_facility, null);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: `${addDays(decision, 1)}T10:00:00+08:00` }, { token: officer }), 201);

  // Bad input: 400 for the shape, 422 for the rules.
  expectProblem(await post(url, { ...detox, zone: 'infirmary' }, { token: officer }), 400, 'zone', 'enum');
  expectProblem(await post(url, { zone: 'detox', date: detox.date }, { token: officer }), 400, 'unit_code', 'required');
  expectProblem(await post(url, { ...detox, date: '2025-13-01' }, { token: officer }), 400, 'date');
  expectProblem(await post(url, { ...detox, bed: 3 }, { token: officer }), 400, 'bed', 'unknown');
  expectProblem(await post(url, { ...detox, date: addDays(todayCST(), 1) }, { token: officer }), 422, 'date', 'not_in_future');
  expectProblem(await post(url, { ...detox, date: decision }, { token: officer }), 422, 'date', 'not_before_admission');
  expectProblem(await post(url, { ...detox, unit_code: 'NOPE' }, { token: officer }), 422, 'unit_code', 'exists');
  expectProblem(await post(url, { ...detox, zone: 'rehabilitation_consolidation', unit_code: 'D3' }, { token: officer }), 422, 'reason', 'reason_required');
  expectProblem(await post(url, { ...detox, reason: 'x'.repeat(501) }, { token: officer }), 422, 'reason', 'length');
  expectProblem(await post(url, detox, { token: await token('officer.women') }), 404);
  expectProblem(await post(url, detox, { token: await token('sw.huangshigang') }), 404);
  expectProblem(await post(url, detox, { token: await token('analyst') }), 403);
  expectProblem(await post('/episodes/999999999/placements', detox, { token: officer }), 404);
  view = expectStatus(await get(placements, { token: officer }), 200).json;
  assert.equal(view.total, 0, 'nothing written');
  assert.equal(view.current, null);
  assert.equal(view.in_facility.episode_id, ci.id);
  assert.equal(view.in_facility.admitted_on, addDays(decision, 1));

  // The path: detox → education; a skip refused; back with a reason; chronological.
  const first = expectStatus(await post(url, detox, { token: officer }), 201).json;
  assert.equal(first.move, 'first');
  assert.deepEqual(first.unit.code, 'D1');
  const forward = expectStatus(await post(url, { zone: 'education_adaptation', unit_code: 'D2', date: addDays(decision, 31) }, { token: officer }), 201).json;
  assert.equal(forward.move, 'forward');
  expectProblem(await post(url, { zone: 'return_guidance', unit_code: 'D4', date: addDays(decision, 60), reason: '表现良好' }, { token: officer }), 422, 'zone', 'zone_order');
  expectProblem(await post(url, { zone: 'detox', unit_code: 'D1', date: addDays(decision, 40) }, { token: officer }), 422, 'reason', 'reason_required');
  expectProblem(await post(url, { zone: 'detox', unit_code: 'D1', date: addDays(decision, 30), reason: '戒断症状反复' }, { token: officer }), 422, 'date', 'chronological');
  expectProblem(await post(url, { zone: 'education_adaptation', unit_code: 'D2', date: addDays(decision, 40) }, { token: officer }), 422, 'zone', 'no_change');
  const back = expectStatus(await post(url, { zone: 'detox', unit_code: 'D1', date: addDays(decision, 40), reason: '戒断症状反复' }, { token: officer }), 201).json;
  assert.equal(back.move, 'back');
  assert.equal(back.recorded_by, 'officer.shizishan');

  view = expectStatus(await get(placements, { token: await token('director.hubei') }), 200).json;
  assert.equal(view.total, 3);
  assert.deepEqual(view.items.map((p) => p.zone), ['detox', 'education_adaptation', 'detox']);
  assert.equal(view.current.id, back.id);
  assert.equal(view.current.reason, '戒断症状反复');
  expectProblem(await get(placements, { token: await token('officer.women') }), 404);
  expectProblem(await get(placements, { token: await token('admin') }), 403);
  expectProblem(await get('/persons/abc/placements', { token: officer }), 400);
  const audit = expectStatus(await get(`/audit?person_id=${person.id}&action=placement.list`, { token: await token('auditor') }), 200).json;
  assert.ok(audit.items.length >= 2, 'every read is audited');

  const timeline = expectStatus(await get(`/persons/${person.id}/timeline`, { token: officer }), 200).json.items;
  const moves = timeline.filter((t) => t.type === 'placement');
  assert.equal(moves.length, 3);
  assert.ok(moves.some((t) => t.kind === 'detox' && t.summary.includes('戒断症状反复')));

  // A community episode takes no placement.
  const other = await createPerson('sw.dazhi');
  const cd = expectStatus(await post(`/persons/${other.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: addDays(todayCST(), -10) }, { token: await token('sw.dazhi') }), 201).json;
  expectProblem(await post(`/episodes/${cd.id}/placements`, detox, { token: await token('director.hubei') }), 422, 'episode', 'in_facility_only');
});

test('capacity: occupancy by zone and unit adds up to the occupied beds; facility list in scope', async () => {
  const officer = await token('officer.shizishan');
  const cap = expectStatus(await get(`/facilities/${ORG.shizishan}/capacity`, { token: officer }), 200).json;
  const zones = Object.values(cap.occupancy_by_zone).reduce((a, b) => a + b, 0);
  assert.deepEqual(Object.keys(cap.occupancy_by_zone), ['detox', 'education_adaptation', 'rehabilitation_consolidation', 'return_guidance']);
  assert.equal(zones + cap.unplaced, cap.occupied);
  assert.equal(cap.occupancy_by_unit.reduce((a, u) => a + u.persons, 0), zones);
  assert.ok(cap.occupancy_by_unit.every((u) => typeof u.code === 'string' && Array.isArray(u.officers)));

  const all = expectStatus(await get('/facilities', { token: await token('director.hubei') }), 200).json;
  assert.ok(all.total >= 8);
  const szs = all.items.find((f) => f.facility.code === ORG.shizishan);
  assert.equal(szs.occupied, cap.occupied);
  assert.equal(szs.beds, cap.beds);
  assert.ok(szs.units >= 4);
  const women = expectStatus(await get('/facilities', { token: await token('officer.women') }), 200).json;
  assert.deepEqual(women.items.map((f) => f.facility.code), [WOMEN]);
  const wuhan = expectStatus(await get('/facilities', { token: await token('director.wuhan') }), 200).json;
  assert.ok(wuhan.items.every((f) => f.facility.code.startsWith('4201')));
  expectProblem(await get('/facilities?kind=x', { token: officer }), 400, 'kind');
  expectProblem(await get('/facilities?limit=0', { token: officer }), 400, 'limit');
  expectProblem(await get('/facilities', { token: await token('analyst') }), 403);
  expectProblem(await get('/facilities'), 401);
});
