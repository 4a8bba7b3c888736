// Outcome indicators (issue 5 §2): Kaplan–Meier survival and the abstinence maintenance rate of a
// release cohort, computed live. The cohort is built through the API in 江岸区永清街道 with
// releases about ten to twelve years ago, a township and period no other test and no demo person uses,
// and every figure asserted below is computed by hand (docs/indicators.md has the definitions).
import test from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  ORG, addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem,
  atLocal,
} from './helpers.mjs';

const TOWNSHIP = '420102006';
const at = atLocal;
// About eleven years ago; a random day so that a rerun on the same server rarely meets the
// cohort of the run before (the first test checks the period is empty).
const RELEASE = addDays(todayCST(), -3700 - randomInt(600));
const PERIOD = `org_unit=${TOWNSHIP}&from=${addDays(RELEASE, -3)}&to=${addDays(RELEASE, 3)}`;
const Z = 1.959963984540054;

// Released from 狮子山 on RELEASE after a two-year term; then the given evidence, by day after
// release: ['abstinent' | 'relapsed' follow-up, or 'negative' | 'positive' test, day].
async function released(sex, evidence) {
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(RELEASE, -731);
  const person = await createPerson('police.jiangan',
    { sex, home_org_unit: TOWNSHIP, registration_date: addDays(decision, -10) });
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(addDays(decision, 1)) }, { token: officer }), 201);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'release', at: at(RELEASE) }, { token: officer }), 201);
  for (const [what, day] of evidence) {
    const when = at(addDays(RELEASE, day));
    if (what === 'abstinent' || what === 'relapsed') {
      expectStatus(await post(`/persons/${person.id}/follow-ups`,
        { at: when, method: 'visit', result: what, evidence: what === 'relapsed' ? '尿检阳性' : '' }, { token: police }), 201);
    } else {
      expectStatus(await post(`/persons/${person.id}/drug-tests`,
        { sample: 'urine', result: what, at: when, substances: what === 'positive' ? ['冰毒'] : [] }, { token: police }), 201);
    }
  }
  return person;
}

const survival = async (query, user = 'director.wuhan') =>
  expectStatus(await get(`/indicators/survival?${query}`, { token: await token(user) }), 200).json;
const abstinence = async (query, user = 'director.wuhan') =>
  expectStatus(await get(`/indicators/abstinence?${query}`, { token: await token(user) }), 200).json;
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

// The cohort (t = days after release; E relapse, C censored):
//   m1 relapsed follow-up 100 → 100 E      m2 negative test 50, positive test 200 → 200 E
//   m3 abstinent 150 and 400 → 400 C       m4 abstinent 100, relapsed follow-up 300 → 300 E
//   m5 nothing → 0 C                       m6 negative test 100 → 100 C
//   f1 relapsed follow-up 100 → 100 E      f2 abstinent 500 and 1200 → 1200 C
let cohortReady;
function cohort() {
  cohortReady ??= (async () => {
    const before = await survival(PERIOD);
    assert.equal(before.groups.length, 0, `the township and period are empty before: ${JSON.stringify(before.groups)}`);
    await released('male', [['relapsed', 100]]);
    await released('male', [['negative', 50], ['positive', 200]]);
    await released('male', [['abstinent', 150], ['abstinent', 400]]);
    await released('male', [['abstinent', 100], ['relapsed', 300]]);
    await released('male', []);
    await released('male', [['negative', 100]]);
    await released('female', [['relapsed', 100]]);
    await released('female', [['abstinent', 500], ['abstinent', 1200]]);
  })();
  return cohortReady;
}

function checkPoint(p, t, atRisk, events, surv, v) {
  assert.equal(p.t, t);
  assert.equal(p.at_risk, atRisk, `at risk at ${t}`);
  assert.equal(p.events, events, `events at ${t}`);
  close(p.surv, surv, `surv at ${t}`);
  close(p.se, surv * Math.sqrt(v), `se at ${t}`);
  close(p.lower, surv * Math.exp(-Z * Math.sqrt(v)), `lower at ${t}`);
  close(p.upper, Math.min(1, surv * Math.exp(Z * Math.sqrt(v))), `upper at ${t}`);
}

test('survival: one group, exact Kaplan–Meier, Greenwood and log intervals, median, horizons', async () => {
  await cohort();
  const s = await survival(PERIOD);
  assert.equal(s.org_unit, TOWNSHIP);
  assert.equal(s.group_by, 'none');
  assert.equal(s.aggregates_only, false);
  assert.equal(s.logrank, null, 'no test with one group');
  assert.equal(s.groups.length, 1);
  const g = s.groups[0];
  assert.equal(g.name, 'all');
  assert.equal(g.n, 8);
  assert.equal(g.persons, 8);
  assert.equal(g.events, 4);
  assert.equal(g.unobserved, 1);
  assert.equal(g.median, 300);
  assert.equal(g.curve.length, 3);
  // t=100: 7 at risk (all but m5), 2 relapses; t=200: 4 at risk, 1; t=300: 3 at risk, 1.
  const v100 = 2 / (7 * 5), v200 = v100 + 1 / (4 * 3), v300 = v200 + 1 / (3 * 2);
  checkPoint(g.curve[0], 100, 7, 2, 5 / 7, v100);
  checkPoint(g.curve[1], 200, 4, 1, 15 / 28, v200);
  checkPoint(g.curve[2], 300, 3, 1, 5 / 14, v300);
  // 1 year: S(300); 2 and 3 years: only f2 (censored at 1,200) is still followed.
  const [y1, y2, y3] = g.at_horizons;
  assert.deepEqual([y1.t, y1.reported, y1.at_risk], [365, true, 2]);
  close(y1.surv, 5 / 14, '1 year');
  assert.deepEqual([y3.t, y3.reported, y3.at_risk], [1095, true, 1]);
  close(y3.surv, 5 / 14, '3 years');
  assert.equal(y2.reported, true);
  assert.ok(s.definitions.censoring.includes('abstinen'));
});

test('survival: by sex with the log-rank test; by facility, release year and programme', async () => {
  await cohort();
  const s = await survival(`${PERIOD}&group_by=sex`);
  assert.deepEqual(s.groups.map((g) => [g.name, g.n, g.events]), [['female', 2, 1], ['male', 6, 3]]);
  const male = s.groups[1];
  // Males: 0 C, 100 E, 100 C, 200 E, 300 E, 400 C.
  checkPoint(male.curve[0], 100, 5, 1, 4 / 5, 1 / (5 * 4));
  checkPoint(male.curve[1], 200, 3, 1, 8 / 15, 1 / 20 + 1 / 6);
  checkPoint(male.curve[2], 300, 2, 1, 4 / 15, 1 / 20 + 1 / 6 + 1 / 2);
  assert.equal(male.median, 300);
  // Log-rank: female expected 2·2/7 + 1·1/4 + 1·1/3, observed 1; variance by the hypergeometric.
  const e = 2 * 2 / 7 + 1 / 4 + 1 / 3;
  const v = (2 * 5 / (49 * 6)) * 2 * 5 + (1 * 3 / (16 * 3)) * 1 * 3 + (1 * 2 / (9 * 2)) * 1 * 2;
  assert.equal(s.logrank.df, 1);
  close(s.logrank.chisq, (1 - e) ** 2 / v, 'chisq');
  assert.ok(s.logrank.p > 0.8 && s.logrank.p < 0.9, `p ${s.logrank.p}`);

  const f = await survival(`${PERIOD}&group_by=facility`);
  assert.deepEqual(f.groups.map((g) => [g.name, g.n]), [[ORG.shizishan, 8]]);
  assert.ok(f.groups[0].label.length > 0);
  const y = await survival(`${PERIOD}&group_by=release_year`);
  assert.deepEqual(y.groups.map((g) => [g.name, g.n]), [[RELEASE.slice(0, 4), 8]]);
  const p = await survival(`${PERIOD}&group_by=programme&programme=biofeedback`);
  assert.deepEqual(p.groups.map((g) => [g.name, g.n]), [['none', 8]]);
  assert.equal(p.programme, 'biofeedback');
});

test('abstinence: maintenance rate and three years abstinent with numerator and denominator', async () => {
  await cohort();
  const a = await abstinence(PERIOD);
  // Reached by follow-up: m1 (relapsed), m3 (abstinent), m4 (latest relapsed), f1 (relapsed),
  // f2 (abstinent): 2 of 5. Three years: only f2 is abstinent 1,095 days on; all 8 eligible.
  assert.equal(a.total.released, 8);
  assert.deepEqual(a.total.abstinence, { numerator: 2, denominator: 5, rate: 0.4 });
  assert.deepEqual(a.total.three_years_abstinent, { numerator: 1, denominator: 8, rate: 0.125 });
  assert.equal(a.groups.length, 1);
  const byFacility = await abstinence(`${PERIOD}&group_by=facility`);
  assert.equal(byFacility.groups[0].name, ORG.shizishan);
  assert.deepEqual(byFacility.groups[0].abstinence, { numerator: 2, denominator: 5, rate: 0.4 });
});

test('analysts: small cells suppressed with their complements; others see everything', async () => {
  await cohort();
  // One group of 8: shown whole.
  const all = await survival(PERIOD, 'analyst');
  assert.equal(all.aggregates_only, true);
  assert.equal(all.groups[0].n, 8);
  assert.equal(all.groups[0].curve.length, 3);
  // Females are 2: withheld, and males with them (n would be the cohort minus 2).
  const bySex = await survival(`${PERIOD}&group_by=sex`, 'analyst');
  assert.deepEqual(bySex.groups.map((g) => [g.name, g.suppressed, g.n, g.curve.length]),
    [['female', true, null, 0], ['male', true, null, 0]]);
  assert.equal(bySex.logrank, null);
  // Abstinence: 2 abstinent, 3 not; 3 not reached; 1 three-year: all withheld, and the reached
  // (5) and not-three-year (7) cells that would give them back by subtraction.
  const a = await abstinence(PERIOD, 'analyst');
  assert.equal(a.total.released, 8);
  assert.equal(a.total.suppressed, true);
  assert.deepEqual(a.total.abstinence, { numerator: null, denominator: null, rate: null });
  assert.deepEqual(a.total.three_years_abstinent, { numerator: null, denominator: 8, rate: null });
  // Every indicator read is audited as an aggregate read, without a person.
  const audit = expectStatus(await get('/audit?action=indicator.abstinence&username=analyst', { token: await token('auditor') }), 200).json;
  assert.ok(audit.items.length >= 1);
  assert.equal(audit.items[0].person_id, null);
  assert.ok(audit.items[0].detail.includes(`org=${TOWNSHIP}`));
});

test('indicators: bad parameters name the parameter; scope and roles', async () => {
  const d = await token('director.wuhan');
  const bad = async (q, field, rule) => {
    expectProblem(await get(`/indicators/survival?${q}`, { token: d }), 400, field, rule);
    expectProblem(await get(`/indicators/abstinence?${q}`, { token: d }), 400, field, rule);
  };
  await bad('from=2025-02-30', 'from', 'date');
  await bad('to=yesterday', 'to', 'date');
  await bad('from=2025-02-01&to=2025-01-01', 'to', 'not_before_from');
  await bad('group_by=colour', 'group_by', 'enum');
  await bad('group_by=programme&programme=yoga', 'programme', 'enum');
  await bad('programme=biofeedback', 'programme', 'requires_group_by_programme');
  await bad('org_unit=', 'org_unit', 'required');
  await bad('period=2025', 'period', 'unknown');
  // Outside the caller's subtree, or no such unit: 404.
  const sw = await token('sw.dazhi');
  expectStatus(await get(`/indicators/survival?org_unit=${ORG.yiyuan}`, { token: sw }), 404);
  expectStatus(await get('/indicators/abstinence?org_unit=999999', { token: d }), 404);
  // Default: the caller's own unit.
  assert.equal((await survival('', 'sw.dazhi')).org_unit, ORG.dazhi);
  // Roles without person or aggregate access.
  expectStatus(await get('/indicators/survival', { token: await token('admin') }), 403);
  expectStatus(await get('/indicators/survival'), 401);
});
