// In-facility treatment over HTTP (issue 4 §3): the treatment plan, sessions of its programmes,
// craving assessments, the craving trend and the facility programme summary with small-cell
// suppression.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  ORG, addDays, todayCST, get, post, req, token, createPerson, expectStatus, expectProblem,
  atLocal,
} from './helpers.mjs';

const put = (path, body, opts = {}) => req('PUT', path, { ...opts, body });
const at = atLocal;

const PLAN = {
  programmes: [
    { programme: 'systematic_desensitisation', goal: '渴求 VAS 降至基线一半以下', planned_sessions: 24 },
    { programme: 'biofeedback', goal: '掌握放松反应，心率变异性提升', planned_sessions: 12 },
    { programme: 'psychological_counselling', goal: '识别高危情境', planned_sessions: 6 },
  ],
};

const desensitisation = (date, overrides = {}) => ({
  programme: 'systematic_desensitisation', stage: 'relaxation_training', date,
  vas_before: 72, vas_after: 50, heart_rate: 96, rmssd: 28.5, skin_conductance: 9.6,
  notes: '诱发渴求后放松训练', ...overrides,
});
const biofeedback = (date, overrides = {}) => ({
  programme: 'biofeedback', date, vas_before: 60, vas_after: 42, heart_rate: 88, rmssd: 35.2,
  skin_conductance: 7.1, ...overrides,
});

// A person admitted to `facility` `daysAgo` days ago; returns the episode and the officer's token.
async function admitted(daysAgo = 60, facility = ORG.shizishan, officerName = 'officer.shizishan', overrides = {}) {
  const person = await createPerson('police.jiangan', overrides);
  const police = await token('police.jiangan');
  const officer = await token(officerName);
  const decision = addDays(todayCST(), -daysAgo);
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: facility, start_date: decision }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: at(decision) }, { token: officer }), 201);
  return { person, ci, officer, decision };
}

test('treatment plan: empty until put, then programmes with progress; analysts and other facilities cannot write', async () => {
  const { ci, officer } = await admitted();
  const url = `/episodes/${ci.id}/treatment-plan`;
  const empty = expectStatus(await get(url, { token: officer }), 200).json;
  assert.deepEqual(empty.programmes, []);
  assert.equal(empty.created_by, null);
  const saved = expectStatus(await put(url, PLAN, { token: officer }), 200).json;
  assert.deepEqual(saved.programmes.map((p) => p.programme), PLAN.programmes.map((p) => p.programme));
  assert.equal(saved.created_by, 'officer.shizishan');
  assert.deepEqual(saved.progress.map((p) => [p.planned, p.done]), [[24, 0], [12, 0], [6, 0]]);
  // Directors read in their subtree; the province director sees Shizishan.
  const read = expectStatus(await get(url, { token: await token('director.hubei') }), 200).json;
  assert.equal(read.programmes[0].goal, PLAN.programmes[0].goal);
  expectProblem(await put(url, PLAN, { token: await token('director.hubei') }), 403);
  expectProblem(await get(url, { token: await token('analyst') }), 403);
  expectProblem(await put(url, PLAN, { token: await token('officer.women') }), 404);
  expectProblem(await get(url, { token: await token('officer.women') }), 404);
});

test('treatment plan: bad input names the field and rule; nothing written', async () => {
  const { ci, officer } = await admitted();
  const url = `/episodes/${ci.id}/treatment-plan`;
  const p0 = PLAN.programmes[0];
  expectProblem(await put(url, { programmes: [] }, { token: officer }), 400, 'programmes', 'required');
  expectProblem(await put(url, {}, { token: officer }), 400, 'programmes', 'required');
  expectProblem(await put(url, { programmes: 'all' }, { token: officer }), 400, 'programmes', 'type');
  expectProblem(await put(url, { programmes: [p0, p0] }, { token: officer }), 400, 'programmes[1].programme', 'unique');
  expectProblem(await put(url, { programmes: [{ ...p0, programme: 'yoga' }] }, { token: officer }), 400, 'programmes[0].programme', 'one_of');
  expectProblem(await put(url, { programmes: [{ ...p0, goal: '' }] }, { token: officer }), 400, 'programmes[0].goal', 'length');
  expectProblem(await put(url, { programmes: [{ ...p0, planned_sessions: 0 }] }, { token: officer }), 400, 'programmes[0].planned_sessions', 'range');
  expectProblem(await put(url, { programmes: [{ ...p0, planned_sessions: 501 }] }, { token: officer }), 400, 'programmes[0].planned_sessions', 'range');
  expectProblem(await put(url, { programmes: [{ ...p0, mood: 1 }] }, { token: officer }), 400, 'programmes[0].mood', 'unknown');
  expectProblem(await put(url, { programmes: [{ programme: 'biofeedback' }] }, { token: officer }), 400, 'programmes[0].goal', 'required');
  expectProblem(await put(url, { ...PLAN, note: 'x' }, { token: officer }), 400, 'note', 'unknown');
  expectProblem(await put(url, { programmes: [null] }, { token: officer }), 400, 'programmes[0]', 'type');
  expectProblem(await put('/episodes/abc/treatment-plan', PLAN, { token: officer }), 400, 'id');
  expectProblem(await put('/episodes/999999999/treatment-plan', PLAN, { token: officer }), 404);
  assert.deepEqual(expectStatus(await get(url, { token: officer }), 200).json.programmes, [], 'nothing written');
  // Not a compulsory isolation: 422.
  const person = await createPerson('police.jiangan');
  const cd = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'community_detox', org_unit: ORG.dazhi, start_date: todayCST() }, { token: await token('police.jiangan') }), 201).json;
  expectProblem(await get(`/episodes/${cd.id}/treatment-plan`, { token: await token('police.jiangan') }), 422, 'episode', 'compulsory_isolation_only');
  // Decided but not admitted: not yet in the facility.
  const waiting = await createPerson('police.jiangan');
  const ci2 = expectStatus(await post(`/persons/${waiting.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: todayCST() }, { token: await token('police.jiangan') }), 201).json;
  expectProblem(await put(`/episodes/${ci2.id}/treatment-plan`, PLAN, { token: officer }), 422, 'episode', 'in_facility_only');
});

test('treatment sessions: recorded per programme, progress counts them, fields follow the programme', async () => {
  const { ci, officer, decision } = await admitted();
  const url = `/episodes/${ci.id}/treatment-sessions`;
  expectProblem(await post(url, desensitisation(todayCST()), { token: officer }), 422, 'programme', 'plan_required');
  expectStatus(await put(`/episodes/${ci.id}/treatment-plan`, PLAN, { token: officer }), 200);
  const s1 = expectStatus(await post(url, desensitisation(addDays(todayCST(), -7)), { token: officer }), 201).json;
  assert.equal(s1.stage, 'relaxation_training');
  assert.equal(s1.officer, 'officer.shizishan');
  assert.equal(s1.rmssd, 28.5);
  const s2 = expectStatus(await post(url, biofeedback(todayCST()), { token: officer }), 201).json;
  assert.equal(s2.stage, null);
  const counselling = expectStatus(await post(url,
    { programme: 'psychological_counselling', date: decision, vas_before: 40, vas_after: 35, notes: '' }, { token: officer }), 201).json;
  assert.equal(counselling.heart_rate, null);
  const list = expectStatus(await get(url, { token: officer }), 200).json;
  assert.equal(list.total, 3);
  assert.deepEqual(list.items.map((s) => s.id), [counselling.id, s1.id, s2.id], 'oldest first');
  const plan = expectStatus(await get(`/episodes/${ci.id}/treatment-plan`, { token: officer }), 200).json;
  assert.deepEqual(plan.progress.map((p) => p.done), [1, 1, 1]);
  // A programme with sessions stays in the plan.
  expectProblem(await put(`/episodes/${ci.id}/treatment-plan`, { programmes: [PLAN.programmes[0]] }, { token: officer }),
    422, 'programmes', 'programme_has_sessions');
  expectStatus(await get(url, { token: await token('director.hubei') }), 200);
  expectProblem(await get(url, { token: await token('analyst') }), 403);
  expectProblem(await get(`${url}?sort=date`, { token: officer }), 400, 'sort');
});

test('treatment sessions: bad input names the field and rule; nothing written', async () => {
  const { ci, officer, decision } = await admitted();
  expectStatus(await put(`/episodes/${ci.id}/treatment-plan`, PLAN, { token: officer }), 200);
  const url = `/episodes/${ci.id}/treatment-sessions`;
  const today = todayCST();
  const cases = [
    [desensitisation(today, { stage: undefined }), 400, 'stage', 'required'],
    [desensitisation(today, { stage: 'hypnosis' }), 400, 'stage', 'one_of'],
    [biofeedback(today, { stage: 'relaxation_training' }), 400, 'stage', 'not_applicable'],
    [biofeedback(today, { heart_rate: undefined }), 400, 'heart_rate', 'required'],
    [biofeedback(today, { rmssd: undefined }), 400, 'rmssd', 'required'],
    [biofeedback(today, { skin_conductance: undefined }), 400, 'skin_conductance', 'required'],
    [biofeedback(today, { heart_rate: 221 }), 400, 'heart_rate', 'range'],
    [biofeedback(today, { heart_rate: 29 }), 400, 'heart_rate', 'range'],
    [biofeedback(today, { rmssd: 301 }), 400, 'rmssd', 'range'],
    [biofeedback(today, { skin_conductance: 100.5 }), 400, 'skin_conductance', 'range'],
    [biofeedback(today, { heart_rate: 80.5 }), 400, 'heart_rate', 'type'],
    [{ programme: 'psychological_counselling', date: today, vas_before: 40, vas_after: 30, heart_rate: 80 }, 400, 'heart_rate', 'not_applicable'],
    [desensitisation(today, { vas_before: 101 }), 400, 'vas_before', 'range'],
    [desensitisation(today, { vas_after: -1 }), 400, 'vas_after', 'range'],
    [desensitisation(today, { vas_after: undefined }), 400, 'vas_after', 'required'],
    [desensitisation(addDays(today, 1)), 400, 'date', 'not_in_future'],
    [desensitisation(addDays(decision, -1)), 400, 'date', 'within_episode'],
    [desensitisation('2026-02-30'), 400, 'date', 'date'],
    [desensitisation(today, { programme: 'yoga', stage: undefined }), 400, 'programme', 'one_of'],
    [desensitisation(today, { notes: 'x'.repeat(2001) }), 400, 'notes', 'length'],
    [desensitisation(today, { mood: 'calm' }), 400, 'mood', 'unknown'],
    [desensitisation(today, { notes: null }), 400, 'notes', 'not_null'],
    [{ programme: 'education_course', date: today, vas_before: 40, vas_after: 30 }, 422, 'programme', 'in_plan'],
    [desensitisation(today, { officer: 'officer.women' }), 422, 'officer', 'officer_of_facility'],
    [desensitisation(today, { officer: 'sw.dazhi' }), 422, 'officer', 'officer_of_facility'],
  ];
  for (const [body, status, field, rule] of cases) {
    expectProblem(await post(url, body, { token: officer }), status, field, rule);
  }
  expectProblem(await post(url, desensitisation(today), { token: await token('director.hubei') }), 403);
  expectProblem(await post(url, desensitisation(today), { token: await token('officer.women') }), 404);
  assert.equal(expectStatus(await get(url, { token: officer }), 200).json.total, 0, 'nothing written');
});

test('craving assessments: VAS with an optional DDQ total; the trend and the summary', async () => {
  const { person, ci, officer, decision } = await admitted(120);
  expectStatus(await put(`/episodes/${ci.id}/treatment-plan`, PLAN, { token: officer }), 200);
  const url = `/persons/${person.id}/craving-assessments`;
  const first = expectStatus(await post(url, { date: addDays(decision, 1), vas: 80, instrument: 'ddq', total: 70 }, { token: officer }), 201).json;
  assert.equal(first.instrument, 'ddq');
  assert.equal(first.episode_id, ci.id);
  expectStatus(await post(`/episodes/${ci.id}/treatment-sessions`, desensitisation(addDays(decision, 30)), { token: officer }), 201);
  expectStatus(await post(url, { date: addDays(decision, 60), vas: 55 }, { token: officer }), 201);
  const latest = expectStatus(await post(url, { date: addDays(decision, 90), vas: 38, notes: '复评' }, { token: officer }), 201).json;
  assert.equal(latest.total, null);
  const list = expectStatus(await get(url, { token: officer }), 200).json;
  assert.deepEqual(list.items.map((a) => a.vas), [80, 55, 38]);
  const trend = expectStatus(await get(`/persons/${person.id}/craving`, { token: officer }), 200).json;
  assert.equal(trend.assessments.length, 3);
  assert.equal(trend.sessions.length, 1);
  assert.equal(trend.sessions[0].vas_before, 72);
  assert.deepEqual(trend.summary.first, { date: addDays(decision, 1), vas: 80 });
  assert.equal(trend.summary.change, -42);
  assert.equal(trend.summary.halved, true);
  assert.equal(trend.plan.episode_id, ci.id);
  assert.deepEqual(trend.plan.progress.map((p) => p.done), [1, 0, 0]);
  expectStatus(await get(`/persons/${person.id}/craving`, { token: await token('director.hubei') }), 200);
  expectProblem(await get(`/persons/${person.id}/craving`, { token: await token('officer.women') }), 404);
  expectProblem(await get(`/persons/${person.id}/craving`, { token: await token('analyst') }), 403);
  expectProblem(await get('/persons/abc/craving', { token: officer }), 400, 'id');
  expectProblem(await get('/persons/999999999/craving', { token: officer }), 404);
  expectProblem(await get(`${url}?limit=0`, { token: officer }), 400, 'limit');
  // Reads and writes are audited against the person.
  const audit = expectStatus(await get(`/audit?person_id=${person.id}&limit=200`, { token: await token('auditor') }), 200).json;
  const actions = new Set(audit.items.map((e) => e.action));
  for (const a of ['treatment.plan.put', 'treatment.session.create', 'craving_assessment.create', 'craving_assessment.list', 'craving.read']) {
    assert.ok(actions.has(a), `audit has ${a}: ${[...actions].join(', ')}`);
  }
});

test('craving assessments: bad input names the field and rule; scope and roles; nothing written', async () => {
  const { person, officer, decision } = await admitted();
  const url = `/persons/${person.id}/craving-assessments`;
  const today = todayCST();
  const cases = [
    [{ vas: 50 }, 'date', 'required'],
    [{ date: today }, 'vas', 'required'],
    [{ date: today, vas: 101 }, 'vas', 'range'],
    [{ date: addDays(today, 1), vas: 50 }, 'date', 'not_in_future'],
    [{ date: addDays(decision, -1), vas: 50 }, 'date', 'within_episode'],
    [{ date: today, vas: 50, instrument: 'ddq' }, 'total', 'required'],
    [{ date: today, vas: 50, total: 40 }, 'instrument', 'required'],
    [{ date: today, vas: 50, instrument: 'bdi', total: 40 }, 'instrument', 'one_of'],
    [{ date: today, vas: 50, instrument: 'ddq', total: 92 }, 'total', 'range'],
    [{ date: today, vas: 50, instrument: 'ddq', total: 12 }, 'total', 'range'],
    [{ date: today, vas: 50, notes: 'x'.repeat(2001) }, 'notes', 'length'],
    [{ date: today, vas: '50' }, 'vas', 'type'],
    [{ date: today, vas: 50, mood: 1 }, 'mood', 'unknown'],
  ];
  for (const [body, field, rule] of cases) {
    expectProblem(await post(url, body, { token: officer }), 400, field, rule);
  }
  expectProblem(await post(url, { date: today, vas: 50 }, { token: await token('officer.women') }), 404);
  expectProblem(await post(url, { date: today, vas: 50 }, { token: await token('police.jiangan') }), 403);
  expectProblem(await post(url, { date: today, vas: 50 }, { token: await token('analyst') }), 403);
  expectProblem(await post('/persons/0/craving-assessments', { date: today, vas: 50 }, { token: officer }), 400, 'id');
  assert.equal(expectStatus(await get(url, { token: officer }), 200).json.total, 0, 'nothing written');
  // A person not in the facility: 422, whoever can see them.
  const outside = await createPerson('police.jiangan');
  const ci = expectStatus(await post(`/persons/${outside.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: today }, { token: await token('police.jiangan') }), 201).json;
  assert.ok(ci.id);
  expectProblem(await post(`/persons/${outside.id}/craving-assessments`, { date: today, vas: 50 }, { token: officer }), 422, 'person', 'in_facility_only');
});

test('officer.women cannot write treatment for a Shizishan resident; officer.shizishan cannot for a women\'s facility resident', async () => {
  const { person, ci } = await admitted(30);
  const women = await token('officer.women');
  expectProblem(await put(`/episodes/${ci.id}/treatment-plan`, PLAN, { token: women }), 404);
  expectProblem(await post(`/episodes/${ci.id}/treatment-sessions`, desensitisation(todayCST()), { token: women }), 404);
  expectProblem(await post(`/persons/${person.id}/craving-assessments`, { date: todayCST(), vas: 40 }, { token: women }), 404);
  const her = await admitted(30, '420000F02', 'officer.women', { sex: 'female' });
  expectStatus(await put(`/episodes/${her.ci.id}/treatment-plan`, PLAN, { token: women }), 200);
  expectProblem(await put(`/episodes/${her.ci.id}/treatment-plan`, PLAN, { token: await token('officer.shizishan') }), 404);
});

test('programme summary: aggregates for analysts, small cells suppressed, scope checked', async () => {
  const analyst = await token('analyst');
  const officer = await token('officer.shizishan');
  const summaryUrl = `/facilities/${ORG.shizishan}/programme-summary`;
  const tcm = async () => expectStatus(await get(summaryUrl, { token: analyst }), 200).json.items
    .find((i) => i.programme === 'tcm_emotion_therapy');
  const summary = expectStatus(await get(summaryUrl, { token: analyst }), 200).json;
  assert.equal(summary.min_cell, 5);
  assert.equal(summary.items.length, 6);
  const before = await tcm();
  // Shizishan's demo does not run TCM emotion therapy (the juvenile facility does); add persons
  // one by one: 1–4 persons are a suppressed cell, 5 or more are shown.
  const startedEmpty = before.persons === 0;
  for (let n = 1; n <= 5; n += 1) {
    const { person, ci, decision } = await admitted(100);
    expectStatus(await put(`/episodes/${ci.id}/treatment-plan`,
      { programmes: [{ programme: 'tcm_emotion_therapy', goal: '调畅情志', planned_sessions: 8 }] }, { token: officer }), 200);
    expectStatus(await post(`/episodes/${ci.id}/treatment-sessions`,
      { programme: 'tcm_emotion_therapy', date: addDays(decision, 10), vas_before: 60, vas_after: 50 }, { token: officer }), 201);
    for (const [d, vas] of [[5, 80], [90, 30]]) {
      expectStatus(await post(`/persons/${person.id}/craving-assessments`, { date: addDays(decision, d), vas }, { token: officer }), 201);
    }
    const row = await tcm();
    if (startedEmpty && n < 5) {
      assert.equal(row.suppressed, true, `${n} persons must be suppressed`);
      assert.equal(row.persons, null);
      assert.equal(row.sessions, null);
      assert.equal(row.mean_change, null);
    }
  }
  const shown = await tcm();
  assert.equal(shown.suppressed, false);
  assert.ok(shown.persons >= 5);
  assert.ok(shown.sessions >= 5);
  if (startedEmpty) {
    assert.equal(shown.persons, 5);
    assert.equal(shown.persons_assessed, 5);
    assert.equal(shown.mean_change, -50);
    assert.equal(shown.share_halved, 1);
  }
  expectStatus(await get(summaryUrl, { token: await token('director.hubei') }), 200);
  expectStatus(await get(summaryUrl, { token: officer }), 200);
  expectProblem(await get(summaryUrl, { token: await token('officer.women') }), 404);
  expectProblem(await get(summaryUrl, { token: await token('admin') }), 403);
  expectProblem(await get(`/facilities/${ORG.dazhi}/programme-summary`, { token: analyst }), 404);
  expectProblem(await get(`${summaryUrl}?year=2025`, { token: analyst }), 400, 'year');
});
