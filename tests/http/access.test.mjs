// ACCESS MATRIX: every role × (in-scope person, out-of-scope person) × (read, write).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ORG, get, post, expectStatus, expectProblem, token, createPerson, assertList, pastTimestamp } from './helpers.mjs';

// For each role: the demo user, the home org unit of a person in scope and of one out of scope.
// A person is in scope when its home org unit, or the org unit of one of its open episodes, lies
// in the user's org subtree. The facility officer's in-scope person has an open compulsory
// isolation episode at 420000F01.
const USERS = {
  director: { user: 'director.wuhan', inHome: ORG.dazhi, outHome: ORG.huangshi_county },
  social_worker: { user: 'sw.dazhi', inHome: ORG.dazhi, outHome: ORG.yiyuan },
  facility_officer: { user: 'officer.shizishan', inHome: ORG.dazhi, inEpisode: ORG.shizishan, outHome: ORG.dazhi },
  police: { user: 'police.jiangan', inHome: ORG.dazhi, outHome: ORG.huangshi_county },
  admin: { user: 'admin', inHome: ORG.dazhi, outHome: null },
  analyst: { user: 'analyst', inHome: ORG.dazhi, outHome: null },
  auditor: { user: 'auditor', inHome: ORG.dazhi, outHome: null },
  precursor_inspector: { user: 'inspector', inHome: ORG.dazhi, outHome: ORG.huangshi_county },
};

// The expected answers, written out explicitly.
//            role                  in:read in:write out:read out:write
const EXPECTED = {
  director: { in: { read: 200, write: 201 }, out: { read: 404, write: 404 } },
  social_worker: { in: { read: 200, write: 201 }, out: { read: 404, write: 404 } },
  facility_officer: { in: { read: 200, write: 201 }, out: { read: 404, write: 404 } },
  police: { in: { read: 200, write: 201 }, out: { read: 404, write: 404 } },
  admin: { in: { read: 403, write: 403 }, out: { read: 403, write: 403 } },
  analyst: { in: { read: 403, write: 403 }, out: { read: 403, write: 403 } },
  auditor: { in: { read: 403, write: 403 }, out: { read: 403, write: 403 } },
  precursor_inspector: { in: { read: 403, write: 403 }, out: { read: 403, write: 403 } },
};

const persons = {};

before(async () => {
  // Persons are created by director.hubei (whole province), one per distinct situation.
  const hubei = await token('director.hubei');
  const make = async (home, episodeOrg) => {
    const p = await createPerson('director.hubei', { home_org_unit: home });
    if (episodeOrg) {
      expectStatus(await post(`/persons/${p.id}/episodes`, { kind: 'compulsory_isolation', org_unit: episodeOrg, start_date: '2026-06-01' }, { token: hubei }), 201);
    }
    return p;
  };
  const dazhi = await make(ORG.dazhi);
  const yiyuan = await make(ORG.yiyuan);
  const huangshiUnits = assertList(await get(`/org-units?parent=${ORG.huangshi_county}`, { token: hubei })).items;
  // A person in Huangshi: prefer the county itself, which is a valid home org unit in the demo.
  const huangshi = await make(ORG.huangshi_county).catch(async () => make(huangshiUnits[0].code));
  const isolated = await make(ORG.dazhi, ORG.shizishan);
  for (const [role, u] of Object.entries(USERS)) {
    const pick = (home, ep) => (ep ? isolated : home === ORG.dazhi ? dazhi : home === ORG.yiyuan ? yiyuan : home === ORG.huangshi_county ? huangshi : dazhi);
    persons[role] = { in: pick(u.inHome, u.inEpisode), out: u.outHome ? pick(u.outHome) : yiyuan };
  }
});

test('GET /persons?org_unit= as director.hubei finds in-scope persons for workers', async () => {
  const res = assertList(await get(`/persons?org_unit=${ORG.dazhi}&limit=5`, { token: await token('director.hubei') }));
  assert.ok(res.items.length > 0);
  expectStatus(await get(`/persons/${res.items[0].id}`, { token: await token('sw.dazhi') }), 200);
});

for (const [role, u] of Object.entries(USERS)) {
  for (const where of ['in', 'out']) {
    test(`access matrix: ${role} (${u.user}) × ${where}-of-scope person`, async () => {
      const t = await token(u.user);
      const p = persons[role][where];
      const exp = EXPECTED[role][where];
      const read = await get(`/persons/${p.id}`, { token: t });
      if (exp.read === 200) {
        expectStatus(read, 200);
        assert.equal(read.json.id, p.id);
      } else {
        expectProblem(read, exp.read);
      }
      const before = assertList(await get(`/persons/${p.id}/contacts`, { token: await token('director.hubei') })).total;
      const write = await post(`/persons/${p.id}/contacts`, { kind: 'phone', at: pastTimestamp(1).local, note: `matrix ${role}` }, { token: t });
      if (exp.write === 201) {
        expectStatus(write, 201);
        assert.equal(write.json.recorded_by, u.user);
      } else {
        expectProblem(write, exp.write);
      }
      const after = assertList(await get(`/persons/${p.id}/contacts`, { token: await token('director.hubei') })).total;
      assert.equal(after, before + (exp.write === 201 ? 1 : 0), 'contacts written only when allowed');
    });
  }
}

test('out-of-scope 404 is indistinguishable from a missing person', async () => {
  const p = persons.social_worker.out;
  const t = await token('sw.dazhi');
  const a = await get(`/persons/${p.id}`, { token: t });
  const b = await get('/persons/999999999', { token: t });
  expectProblem(a, 404);
  expectProblem(b, 404);
  assert.equal(a.json.type, b.json.type);
  assert.equal(a.json.title, b.json.title);
});
