// 统一调配 over HTTP: admission needs, county-seat locations, proposals, approval.
// Proposals and approvals run as director.huangshi (scope 黄石市: its one police facility and the
// people of its counties), so approving does not admit people other test files work with.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, get, post, req, token, createPerson, newIdNumber, todayCST, addDays, pastTimestamp,
  expectStatus, expectProblem,
} from './helpers.mjs';

const HUANGSHI = 'director.huangshi';
const FACILITY = '420200F01';
const TOWNSHIP = '420202001';
const put = async (path, body, user) => req('PUT', path, { token: await token(user), body });
const as = async (user) => ({ token: await token(user) });

/** A person of 黄石港区 with a compulsory isolation decided yesterday (pending admission). */
async function pendingPerson(sex = 'male', birthYear = 1988, decidedFacility = FACILITY) {
  const person = await createPerson(HUANGSHI, {
    sex, birth_year: birthYear, home_org_unit: TOWNSHIP, registration_date: addDays(todayCST(), -200),
    identity: undefined,
  });
  const episode = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: decidedFacility, start_date: addDays(todayCST(), -1) },
    await as(HUANGSHI)), 201).json;
  return { person, episode };
}

async function episodeState(id) {
  return expectStatus(await get(`/episodes/${id}`, await as(HUANGSHI)), 200).json;
}

async function proposalCount(user = HUANGSHI) {
  return expectStatus(await get('/allocations', await as(user)), 200).json.total;
}

test('admission needs: police and directors record them, bad input names field and rule', async () => {
  const man = await pendingPerson('male');
  const woman = await pendingPerson('female', 1994);
  const url = (e) => `/episodes/${e.episode.id}/admission-needs`;
  const fresh = expectStatus(await get(url(man), await as(HUANGSHI)), 200).json;
  assert.deepEqual([fresh.medical_needs, fresh.pregnant, fresh.recorded_by], [0, false, null]);

  expectProblem(await put(url(man), { medical_needs: 3 }, HUANGSHI), 400, 'medical_needs', 'range');
  expectProblem(await put(url(man), { medical_needs: 1, pregnant: 'yes' }, HUANGSHI), 400, 'pregnant', 'type');
  expectProblem(await put(url(man), { medical_needs: 1, wing: 'B' }, HUANGSHI), 400, 'wing', 'unknown');
  expectProblem(await put(url(man), {}, HUANGSHI), 400, 'medical_needs', 'required');
  expectProblem(await put(url(man), { medical_needs: 0, pregnant: true }, HUANGSHI), 422, 'pregnant', 'female_only');
  expectProblem(await put(url(man), { medical_needs: 1 }, 'sw.huangshigang'), 403);
  expectProblem(await put(url(man), { medical_needs: 1 }, 'police.jiangan'), 404);
  assert.equal(expectStatus(await get(url(man), await as(HUANGSHI)), 200).json.recorded_by, null, 'nothing written');

  const saved = expectStatus(await put(url(woman), { medical_needs: 2, pregnant: true }, HUANGSHI), 200).json;
  assert.deepEqual([saved.medical_needs, saved.pregnant, saved.nursing_infant_under_1, saved.recorded_by],
    [2, true, false, HUANGSHI]);
});

test('org unit location: directors and admins set a county seat; bad input names the field', async () => {
  const url = '/org-units/420202/location';
  expectProblem(await put(url, { latitude: 91, longitude: 115.07 }, HUANGSHI), 400, 'latitude', 'range');
  expectProblem(await put(url, { latitude: 30.22 }, HUANGSHI), 400, 'longitude', 'required');
  expectProblem(await put(url, { latitude: 30.22, longitude: 115.07 }, 'sw.huangshigang'), 403);
  expectProblem(await put('/org-units/420102/location', { latitude: 30.6, longitude: 114.3 }, HUANGSHI), 404);
  const saved = expectStatus(await put(url, { latitude: 30.22, longitude: 115.07 }, HUANGSHI), 200).json;
  assert.deepEqual(saved, { code: '420202', kind: 'county', latitude: 30.22, longitude: 115.07 });
});

test('propose: options are checked, only directors propose, and a bad request writes nothing', async () => {
  const before = await proposalCount();
  expectProblem(await post('/allocations', { out_of_region_penalty_km: -1 }, await as(HUANGSHI)), 400, 'out_of_region_penalty_km', 'range');
  expectProblem(await post('/allocations', { out_of_region_penalty_km: 99999 }, await as(HUANGSHI)), 400, 'out_of_region_penalty_km', 'range');
  expectProblem(await post('/allocations', { out_of_region_penalty_km: 'far' }, await as(HUANGSHI)), 400, 'out_of_region_penalty_km', 'type');
  expectProblem(await post('/allocations', { exclude_under_16: 'yes' }, await as(HUANGSHI)), 400, 'exclude_under_16', 'type');
  expectProblem(await post('/allocations', { penalty: 1 }, await as(HUANGSHI)), 400, 'penalty', 'unknown');
  for (const user of ['sw.huangshigang', 'officer.shizishan', 'analyst', 'admin', 'police.jiangan']) {
    expectProblem(await post('/allocations', {}, await as(user)), 403);
    expectProblem(await get('/allocations', await as(user)), 403);
  }
  assert.equal(await proposalCount(), before, 'nothing written');
});

test('propose, read, stale approve (409, nothing written), approve admits, approve twice (409)', async () => {
  const placedOne = await pendingPerson('male', 1990);
  // Decided into Shizishan (outside 黄石's scope): the allocation admits him in 黄石, and the
  // episode moves there on admission.
  const placedTwo = await pendingPerson('male', 1979, ORG.shizishan);
  const woman = await pendingPerson('female', 1992);  // 黄石's facility takes men only

  const pending = expectStatus(await get('/allocations/pending', await as(HUANGSHI)), 200).json;
  assert.ok(pending.total >= 3);
  assert.ok(pending.by_sex.female >= 1);
  assert.deepEqual(pending.facilities.map((f) => f.code), [FACILITY]);

  const first = expectStatus(await post('/allocations', { out_of_region_penalty_km: 150 }, await as(HUANGSHI)), 201).json;
  assert.equal(first.status, 'proposed');
  assert.equal(first.options.out_of_region_penalty_km, 150);
  assert.equal(first.pending, pending.total);
  assert.equal(first.placed + first.unplaced, first.pending);
  assert.equal(typeof first.solve_ms, 'number');
  assert.deepEqual(first.by_facility.map((f) => f.code), [FACILITY]);
  const f = first.by_facility[0];
  assert.equal(f.free_beds_after, f.free_beds_before - f.placed);
  assert.equal(f.placed, first.placed);

  // Read it back, one page of two people at a time: pseudonyms only.
  const read = expectStatus(await get(`/allocations/${first.id}?limit=2&offset=0`, await as(HUANGSHI)), 200).json;
  assert.equal(read.people.items.length, 2);
  assert.equal(read.people.total, first.pending);
  for (const p of read.people.items) {
    assert.deepEqual(Object.keys(p).sort(),
      ['alias', 'distance_m', 'episode_id', 'explanation', 'facility', 'group', 'out_of_region', 'person_id']);
  }
  const all = expectStatus(await get(`/allocations/${first.id}?limit=200`, await as(HUANGSHI)), 200).json;
  const row = (e) => all.people.items.find((p) => p.episode_id === e.episode.id);
  assert.equal(row(placedOne).facility, FACILITY);
  assert.equal(row(placedTwo).facility, FACILITY);
  assert.match(row(placedOne).explanation, /km/);
  assert.equal(row(woman).facility, null);
  const womanGroup = all.unplaced_groups.find((u) => u.group === row(woman).group);
  assert.equal(womanGroup.reason, 'no_eligible_facility');
  assert.ok(womanGroup.rules.some((r) => r.rule === 'sex_not_accepted' && r.facilities === 1));
  assert.ok(all.by_group.every((g) => g.placed + g.unplaced === g.size));
  assert.ok((await get('/allocations', await as(HUANGSHI))).json.items.some((p) => p.id === first.id));
  expectProblem(await get(`/allocations/${first.id}`, await as('director.wuhan')), 404);
  expectStatus(await get(`/allocations/${first.id}`, await as('director.hubei')), 200);
  expectProblem(await get('/allocations/abc', await as(HUANGSHI)), 400, 'id');
  expectProblem(await get(`/allocations/${first.id}?limit=0`, await as(HUANGSHI)), 400, 'limit');

  // One placed person is admitted meanwhile: the approval is stale and writes nothing.
  expectProblem(await post(`/episodes/${placedOne.episode.id}/actions`,
    { action: 'admit', at: pastTimestamp(0.01).local, org_unit: TOWNSHIP }, await as(HUANGSHI)), 422, 'org_unit');
  expectStatus(await post(`/episodes/${placedOne.episode.id}/actions`,
    { action: 'admit', at: pastTimestamp(0.01).local }, await as(HUANGSHI)), 201);
  const capacityBefore = expectStatus(await get(`/facilities/${FACILITY}/capacity`, await as(HUANGSHI)), 200).json;
  const stale = expectProblem(await post(`/allocations/${first.id}/approve`, {}, await as(HUANGSHI)), 409,
    `episodes[${placedOne.episode.id}]`, 'not_decided');
  assert.ok(stale.json.errors.every((e) => e.rule === 'not_decided' || e.rule === 'free_beds_insufficient'));
  assert.equal((await episodeState(placedTwo.episode.id)).state, 'decided', 'nothing written');
  assert.equal(expectStatus(await get(`/allocations/${first.id}`, await as(HUANGSHI)), 200).json.status, 'proposed');
  assert.equal(expectStatus(await get(`/facilities/${FACILITY}/capacity`, await as(HUANGSHI)), 200).json.occupied,
    capacityBefore.occupied);
  expectProblem(await post(`/allocations/${first.id}/approve`, {}, await as('sw.huangshigang')), 403);
  expectProblem(await post('/allocations/999999999/approve', {}, await as(HUANGSHI)), 404);

  // A fresh proposal is approved: everyone placed is admitted at the facility today.
  const second = expectStatus(await post('/allocations', {}, await as(HUANGSHI)), 201).json;
  assert.equal(second.pending, first.pending - 1);
  const approved = expectStatus(await post(`/allocations/${second.id}/approve`, {}, await as(HUANGSHI)), 200).json;
  assert.equal(approved.status, 'approved');
  assert.equal(approved.approved_by, HUANGSHI);
  assert.equal(approved.admitted.length, second.placed);
  assert.ok(approved.admitted.some((a) => a.episode_id === placedTwo.episode.id && a.facility === FACILITY));
  const admittedEpisode = await episodeState(placedTwo.episode.id);
  assert.equal(admittedEpisode.state, 'in_facility');
  assert.equal(admittedEpisode.org_unit, FACILITY);
  assert.ok(admittedEpisode.actions.some((a) => a.action === 'admit' && a.date === todayCST()));
  const owners = expectStatus(await get(`/persons/${placedTwo.person.id}/ownership`, await as(HUANGSHI)), 200).json.items;
  assert.deepEqual(owners.map((o) => o.org_unit?.code ?? o.org_unit), [ORG.shizishan, FACILITY]);
  assert.equal((await episodeState(woman.episode.id)).state, 'decided', 'the unplaced stay pending');
  const capacityAfter = expectStatus(await get(`/facilities/${FACILITY}/capacity`, await as(HUANGSHI)), 200).json;
  assert.equal(capacityAfter.occupied, capacityBefore.occupied + second.placed);

  expectProblem(await post(`/allocations/${second.id}/approve`, {}, await as(HUANGSHI)), 409, 'status', 'already_approved');
  const audit = expectStatus(await get('/audit?action=allocation.approve', await as('auditor')), 200).json;
  assert.ok(audit.items.length >= 1);
});
