// Facility profiles and the capacity view over HTTP.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ORG, get, req, token, expectStatus, expectProblem } from './helpers.mjs';

const put = async (path, body, user) => req('PUT', path, { token: await token(user), body });

test('capacity: occupancy against beds, admissions and releases by month, expected releases', async () => {
  const c = expectStatus(await get(`/facilities/${ORG.shizishan}/capacity`, { token: await token('officer.shizishan') }), 200).json;
  assert.equal(c.facility.code, ORG.shizishan);
  assert.equal(c.profile.kind, 'justice_isolation');
  assert.ok(c.occupied > 0, 'the demo has people in Shizishan');
  assert.equal(c.free_beds, c.beds - c.occupied);
  assert.equal(Object.keys(c.admissions_by_month).length, 12);
  assert.equal(Object.keys(c.expected_releases_by_month).length, 6);
  assert.ok(Object.values(c.releases_by_month).every((n) => Number.isInteger(n) && n >= 0));
  expectProblem(await get('/facilities/420000F02/capacity', { token: await token('officer.shizishan') }), 404);
  expectProblem(await get(`/facilities/${ORG.dazhi}/capacity`, { token: await token('director.hubei') }), 404);
  expectProblem(await get(`/facilities/${ORG.shizishan}/capacity`, { token: await token('analyst') }), 403);
});

test('profile: directors replace it; bad input names the field and writes nothing', async () => {
  const code = '421000F01';
  const before = expectStatus(await get(`/facilities/${code}/profile`, { token: await token('director.hubei') }), 200).json;
  const url = `/facilities/${code}/profile`;
  expectProblem(await put(url, { ...before, sexes: 'any' }, 'director.hubei'), 400, 'sexes', 'enum');
  expectProblem(await put(url, { ...before, max_age: 10, min_age: 16 }, 'director.hubei'), 400, 'max_age', 'range');
  expectProblem(await put(url, { ...before, latitude: 'north' }, 'director.hubei'), 400, 'latitude', 'type');
  expectProblem(await put(url, { ...before, wing: 'B' }, 'director.hubei'), 400, 'wing', 'unknown');
  const { beds, ...noBeds } = before;
  expectProblem(await put(url, noBeds, 'director.hubei'), 400, 'beds', 'required');
  expectProblem(await put(url, before, 'officer.shizishan'), 403);
  assert.deepEqual(expectStatus(await get(url, { token: await token('director.hubei') }), 200).json, before, 'nothing written');
  const saved = expectStatus(await put(url, { ...before, beds: before.beds + 50 }, 'director.hubei'), 200).json;
  assert.equal(saved.beds, before.beds + 50);
  expectStatus(await put(url, before, 'director.hubei'), 200);
});
