// Diagnostic assessments (诊断评估) over HTTP, and early release resting on them.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem,
  atLocal,
} from './helpers.mjs';

const at = atLocal;
const allItems = (v) => ({
  negative_test: v, off_withdrawal_medication: v, acute_withdrawal_resolved: v,
  no_marked_protracted_withdrawal: v, no_drug_induced_psychosis: v,
});
const body = (kind, date, overrides = {}) => ({
  kind, date, detox_items: allItems(20), physical_mental: 'pass', behaviour: 'pass',
  social_environment: 'good', ...overrides,
});

async function isolated(daysAgo) {
  const person = await createPerson('police.jiangan');
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(todayCST(), -daysAgo);
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  return { person, ci, officer, decision };
}

test('assessments: recorded and evaluated; a passing comprehensive one makes early release proposable', async () => {
  const { ci, officer, decision } = await isolated(400);
  expectProblem(await post(`/episodes/${ci.id}/assessments`, body('intake', decision), { token: officer }), 422, 'date', 'assessment_needs_admission');
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(decision) }, { token: officer }), 201);
  const intake = expectStatus(await post(`/episodes/${ci.id}/assessments`,
    body('intake', decision, { detox_items: { ...allItems(20), negative_test: 0 } }), { token: officer }), 201).json;
  assert.equal(intake.detox_score, 80);
  assert.equal(intake.overall, 'fail');
  const comprehensive = expectStatus(await post(`/episodes/${ci.id}/assessments`,
    body('comprehensive_after_one_year', addDays(decision, 366)), { token: officer }), 201).json;
  assert.equal(comprehensive.overall, 'pass');
  assert.equal(comprehensive.early_release_proposable, true);
  const list = expectStatus(await get(`/episodes/${ci.id}/assessments`, { token: officer }), 200).json;
  assert.deepEqual(list.items.map((a) => a.kind), ['intake', 'comprehensive_after_one_year']);
  // The proposal names no result: it rests on the recorded assessment.
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'propose_early_release', at: at(addDays(decision, 367)) }, { token: officer }), 201);
  const expiry = expectStatus(await post(`/episodes/${ci.id}/assessments`,
    body('before_expiry', addDays(decision, 368), { social_environment: 'average' }), { token: officer }), 201).json;
  assert.equal(expiry.recommendation, 'community_rehab');
});

test('assessments: a failed comprehensive assessment leaves early release refused', async () => {
  const { ci, officer, decision } = await isolated(400);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(decision) }, { token: officer }), 201);
  expectStatus(await post(`/episodes/${ci.id}/assessments`,
    body('comprehensive_after_one_year', addDays(decision, 366), { behaviour: 'fail' }), { token: officer }), 201);
  const refused = await post(`/episodes/${ci.id}/actions`, { action: 'propose_early_release', at: at(addDays(decision, 367)) }, { token: officer });
  expectProblem(refused, 422);
  assert.equal(refused.json.errors[0].rule, 'passing_assessment_required');
});

test('assessments: bad input names the field; wrong episodes and roles are refused; nothing written', async () => {
  const { ci, officer, decision, person } = await isolated(40);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(decision) }, { token: officer }), 201);
  const url = `/episodes/${ci.id}/assessments`;
  expectProblem(await post(url, body('intake', decision, { detox_items: { ...allItems(20), negative_test: 10 } }), { token: officer }), 400, 'detox_items.negative_test');
  expectProblem(await post(url, body('intake', decision, { detox_items: { ...allItems(20), extra: 20 } }), { token: officer }), 400, 'detox_items.extra', 'unknown');
  expectProblem(await post(url, body('weekly', decision), { token: officer }), 400, 'kind');
  expectProblem(await post(url, body('intake', '2026-02-30'), { token: officer }), 400, 'date', 'date');
  expectProblem(await post(url, body('intake', addDays(todayCST(), 2)), { token: officer }), 400, 'date');
  expectProblem(await post(url, body('intake', decision, { behaviour: 'maybe' }), { token: officer }), 400, 'behaviour');
  expectProblem(await post(url, { ...body('intake', decision), mood: 'ok' }, { token: officer }), 400, 'mood', 'unknown');
  expectProblem(await post(url, body('intake', decision), { token: await token('analyst') }), 403);
  expectProblem(await post(url, body('intake', decision), { token: await token('sw.yiyuan') }), 404);
  expectProblem(await post('/episodes/abc/assessments', body('intake', decision), { token: officer }), 400);
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: todayCST() }, { token: await token('police.jiangan') }), 201).json;
  expectProblem(await post(`/episodes/${cd.id}/assessments`, body('intake', todayCST()), { token: await token('police.jiangan') }), 422, 'kind', 'assessment_episode_kind');
  assert.equal(expectStatus(await get(url, { token: officer }), 200).json.total, 0, 'nothing written');
});

test('assessments: due dates are obligations of the facility, done once recorded', async () => {
  const { person, ci, officer, decision } = await isolated(40);
  const kinds = async () => Object.fromEntries(
    expectStatus(await get(`/persons/${person.id}/obligations`, { token: officer }), 200).json.items
      .filter((o) => o.kind.startsWith('assessment_')).map((o) => [o.kind, o]));
  assert.deepEqual(await kinds(), {}, 'nothing is due before admission');
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(decision) }, { token: officer }), 201);
  let due = await kinds();
  assert.equal(due.assessment_intake.due, decision);
  assert.equal(due.assessment_intake.status, 'overdue');
  assert.equal(due.assessment_intake.owner, ORG.shizishan);
  assert.equal(due.assessment_end_of_detox_stage.due, addDays(decision, 30));
  assert.equal(due.assessment_comprehensive_after_one_year.status, 'open');
  assert.ok(due.assessment_before_expiry);
  expectStatus(await post(`/episodes/${ci.id}/assessments`, body('intake', decision), { token: officer }), 201);
  due = await kinds();
  assert.equal(due.assessment_intake.status, 'done');
  assert.equal(due.assessment_end_of_detox_stage.status, 'overdue');
});
