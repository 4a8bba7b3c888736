// The printable indicators report (issue 5 §3): GET /api/v1/reports/indicators as HTML and PDF.
// A small cohort (two releases from 狮子山) in 江岸区永清街道, eight to nine years ago — a period
// the outcome tests (ten to twelve years ago) and the demo do not use — gives a curve to draw for
// a director and small cells to withhold for an analyst.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomInt } from 'node:crypto';
import {
  ORG, API, addDays, todayCST, get, post, token, createPerson, expectStatus, expectProblem, atLocal,
} from './helpers.mjs';

const TOWNSHIP = '420102006';
const RELEASE = addDays(todayCST(), -2950 - randomInt(400));
const PERIOD = `org_unit=${TOWNSHIP}&from=${addDays(RELEASE, -2)}&to=${addDays(RELEASE, 2)}`;
const CHROMIUM = process.env.HUIGUI_CHROMIUM ?? '/usr/bin/chromium';

async function released(evidence) {
  const police = await token('police.jiangan');
  const officer = await token('officer.shizishan');
  const decision = addDays(RELEASE, -731);
  const person = await createPerson('police.jiangan',
    { sex: 'male', home_org_unit: TOWNSHIP, registration_date: addDays(decision, -10) });
  const ci = expectStatus(await post(`/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: ORG.shizishan, start_date: decision }, { token: police }), 201).json;
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'admit', at: atLocal(addDays(decision, 1)) }, { token: officer }), 201);
  expectStatus(await post(`/episodes/${ci.id}/actions`, { action: 'release', at: atLocal(RELEASE) }, { token: officer }), 201);
  for (const [result, day] of evidence) {
    expectStatus(await post(`/persons/${person.id}/follow-ups`,
      { at: atLocal(addDays(RELEASE, day)), method: 'visit', result, evidence: result === 'relapsed' ? '尿检阳性' : '' },
      { token: police }), 201);
  }
}

let cohortReady;
function cohort() {
  cohortReady ??= (async () => {
    await released([['relapsed', 120]]);
    await released([['abstinent', 200], ['abstinent', 500]]);
  })();
  return cohortReady;
}

const report = async (query, user = 'director.wuhan') =>
  get(`${API}/reports/indicators?${query}`, { token: await token(user), headers: { Accept: '*/*' } });

test('report: HTML for a director — org unit, period, tables, a Kaplan–Meier SVG, both languages', async () => {
  await cohort();
  const res = expectStatus(await report(PERIOD), 200);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = res.text;
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /<h1>戒毒成效指标报告<\/h1>/);
  assert.ok(html.includes(`永清街道 (${TOWNSHIP})`), 'the org unit name and code');
  assert.ok(html.includes(`${addDays(RELEASE, -2)} – ${addDays(RELEASE, 2)}`), 'the period');
  assert.match(html, /director\.wuhan \(director\)/);
  assert.match(html, /<svg [^>]*viewBox/);
  assert.equal((html.match(/<path class="km"/g) ?? []).length, 1);
  assert.match(html, /全部 \(n=2\)<\/text>/);
  // Abstinence: both reached, one abstinent at the latest follow-up: 1 / 2 = 50.0%.
  assert.match(html, /<tr class="total"><td>合计<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">50\.0%<\/td>/);
  assert.ok(!html.includes('<script'), 'no script');
  assert.ok(!html.includes('class="footnote"'), 'nothing withheld for a director');
  const en = expectStatus(await report(`${PERIOD}&lang=en&format=html`), 200).text;
  assert.match(en, /<html lang="en">/);
  assert.match(en, /<h1>Outcome indicators report<\/h1>/);
  assert.match(en, /All \(n=2\)<\/text>/);
});

test('report: analysts get withheld cells and the footnote, as in the JSON answers', async () => {
  await cohort();
  const json = expectStatus(await get(`/indicators/abstinence?${PERIOD}`, { token: await token('analyst') }), 200).json;
  assert.equal(json.total.released, null, 'two releases are a small cell');
  const html = expectStatus(await report(PERIOD, 'analyst'), 200).text;
  assert.match(html, /<span class="withheld">不显示\*<\/span>/);
  assert.match(html, /class="footnote">\* 分析人员仅见汇总数据：少于 5 人/);
  assert.match(html, /1 个分组不予显示\*/);
  assert.ok(!html.includes('<path class="km"'), 'a withheld group is not drawn');
  assert.ok(!/<td class="num">2<\/td>/.test(html.split('三、')[0]), 'no count of 2 in the outcome tables');
});

test('report: PDF printed by headless chromium', async (t) => {
  await cohort();
  const res = await report(`${PERIOD}&format=pdf&lang=en`);
  if (res.status === 503 && !fs.existsSync(CHROMIUM)) {
    t.skip(`chromium is not installed (${res.json?.detail})`);
    return;
  }
  expectStatus(res, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'),
    new RegExp(`^attachment; filename="indicators-${TOWNSHIP}-${addDays(RELEASE, -2)}-${addDays(RELEASE, 2)}\\.pdf"$`));
  assert.ok(res.text.startsWith('%PDF-'), `a PDF: ${res.text.slice(0, 20)}`);
});

test('report: bad parameters are 400 naming each field; 401 without a session; 404 outside scope', async () => {
  const director = await token('director.wuhan');
  const bad = async (query) => get(`${API}/reports/indicators?${query}`, { token: director });
  expectProblem(await bad('format=xml'), 400, 'format', 'enum');
  expectProblem(await bad('format=csv'), 400, 'format', 'enum');
  expectProblem(await bad('lang=fr'), 400, 'lang', 'enum');
  expectProblem(await bad('from=2024-02-30'), 400, 'from', 'date');
  expectProblem(await bad('to=yesterday'), 400, 'to', 'date');
  expectProblem(await bad('from=2024-05-01&to=2024-04-01'), 400, 'to', 'not_before_from');
  expectProblem(await bad('group_by=colour'), 400, 'group_by', 'enum');
  expectProblem(await bad('org_unit='), 400, 'org_unit', 'required');
  expectProblem(await bad('colour=red'), 400, 'colour', 'unknown');
  const several = expectProblem(await bad('format=doc&lang=de&from=x'), 400);
  assert.deepEqual(several.json.errors.map((e) => e.field).sort(), ['format', 'from', 'lang']);
  expectProblem(await get(`${API}/reports/indicators`), 401);
  expectProblem(await bad('org_unit=420200'), 404);
  expectProblem(await get(`${API}/reports/indicators`, { token: await token('admin') }), 403);
});
