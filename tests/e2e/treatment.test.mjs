// Scenario t: in-facility treatment. officer.shizishan opens 严良 (the page's man whose six months
// of systematic desensitisation brought his craving clearly down), sees his plan and craving
// chart, records a desensitisation session and a craving assessment through the forms, then a
// diagnostic assessment whose detox score shows live and whose outcome the server returns.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { SCREENSHOT_DIR, apiGet, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

async function setSlider(page, testId, value) {
  const input = page.getByTestId(testId).locator('.el-slider__input input')
  await input.fill(String(value))
  await input.press('Tab')
}

test('t. officer.shizishan records a session, a craving assessment and a diagnostic assessment for 严良', { timeout: 180_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'officer.shizishan')
    await page.getByTestId('nav-persons').click()
    await page.getByTestId('persons-page').waitFor()
    await page.getByTestId('search-alias').fill('严良')
    const searched = waitForApi(page, 'GET', /^\/api\/v1\/persons$/)
    await page.getByTestId('search-submit').click()
    assert.equal((await searched).status(), 200)
    const hit = page.getByTestId('search-result-alias').filter({ hasText: '严良' }).first()
    await hit.waitFor()
    const id = await hit.getAttribute('data-person-id')
    await hit.click()
    await page.getByTestId('person-alias').filter({ hasText: '严良' }).waitFor()

    // The treatment tab: plan with progress, the craving chart with its summary.
    const craving = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${id}/craving$`))
    await page.getByRole('tab', { name: '戒治' }).click()
    assert.equal((await craving).status(), 200)
    const tab = page.getByTestId('treatment-tab')
    await tab.getByTestId('plan-programme').first().getByText('系统脱敏', { exact: true }).waitFor()
    await tab.getByTestId('craving-chart').locator('canvas').first().waitFor()
    await tab.getByTestId('craving-halved').filter({ hasText: '渴求减半' }).waitFor()
    const before = await apiGet(page, `/api/v1/persons/${id}/craving`)
    assert.equal(before.status, 200)

    // Record a desensitisation session: the stage and readings appear for this programme only.
    await tab.getByTestId('record-session').click()
    const dialog = page.getByTestId('session-dialog')
    await dialog.getByTestId('session-stage').waitFor()
    await dialog.getByTestId('session-stage-relaxation_training').click()
    await setSlider(page, 'session-vas-before', 46)
    await setSlider(page, 'session-vas-after', 28)
    await dialog.getByTestId('session-heart-rate').locator('input').fill('84')
    await dialog.getByTestId('session-rmssd').locator('input').fill('41.5')
    await dialog.getByTestId('session-skin-conductance').locator('input').fill('6.2')
    await dialog.getByTestId('session-notes').fill('线索暴露后放松训练，渴求明显回落')
    const saved = waitForApi(page, 'POST', /\/treatment-sessions$/)
    await dialog.getByTestId('session-submit').click()
    const savedRes = await saved
    assert.equal(savedRes.status(), 201, await savedRes.text())
    const session = await savedRes.json()
    assert.equal(session.stage, 'relaxation_training')
    assert.equal(session.vas_before, 46)
    assert.equal(session.vas_after, 28)
    assert.equal(session.heart_rate, 84)
    await tab.getByTestId('sessions-table').getByText('线索暴露后放松训练，渴求明显回落').first().waitFor()

    // A craving assessment with a DDQ total.
    await tab.getByTestId('record-craving').click()
    const cdialog = page.getByTestId('craving-dialog')
    await setSlider(page, 'craving-vas', 26)
    await cdialog.getByTestId('craving-instrument-ddq').click()
    await cdialog.getByTestId('craving-total').locator('input').fill('33')
    const assessed = waitForApi(page, 'POST', /\/craving-assessments$/)
    await cdialog.getByTestId('craving-submit').click()
    const assessedRes = await assessed
    assert.equal(assessedRes.status(), 201, await assessedRes.text())
    const a = await assessedRes.json()
    assert.equal(a.vas, 26)
    assert.equal(a.total, 33)
    const after = await apiGet(page, `/api/v1/persons/${id}/craving`)
    assert.equal(after.body.assessments.length, before.body.assessments.length + 1)
    assert.equal(after.body.sessions.length, before.body.sessions.length + 1)
    await tab.getByTestId('craving-summary').getByText('26').first().waitFor()
    await page.waitForTimeout(300)
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.evaluate(() => document.fonts.ready)
    await tab.screenshot({ path: path.join(SCREENSHOT_DIR, 'person-treatment.png') })

    // The diagnostic assessment form: the detox score counts the items ticked, live.
    await page.getByRole('tab', { name: '诊断评估' }).click()
    const panel = page.getByTestId('assessment-panel')
    await panel.getByTestId('record-assessment').click()
    const adialog = page.getByTestId('assessment-dialog')
    const score = adialog.getByTestId('assessment-score')
    await score.getByText('0', { exact: true }).waitFor()
    const items = ['negative_test', 'off_withdrawal_medication', 'acute_withdrawal_resolved', 'no_marked_protracted_withdrawal', 'no_drug_induced_psychosis']
    for (const [i, item] of items.entries()) {
      await adialog.getByTestId(`assessment-item-${item}`).click()
      await score.getByText(String((i + 1) * 20), { exact: true }).waitFor()
    }
    await adialog.getByTestId('assessment-environment').getByText('一般').click()
    const recorded = waitForApi(page, 'POST', /\/assessments$/)
    await adialog.getByTestId('assessment-submit').click()
    const recordedRes = await recorded
    assert.equal(recordedRes.status(), 201, await recordedRes.text())
    const outcome = await recordedRes.json()
    assert.equal(outcome.detox_score, 100)
    assert.equal(outcome.overall, 'pass')
    await adialog.getByTestId('assessment-result').getByText('本次评估：合格').waitFor()
    await screenshot(page, 'person-assessment-form')
    await adialog.getByText('关闭').click()
    await adialog.waitFor({ state: 'hidden' })
    await panel.getByTestId('assessments-table').getByText('入所评估').first().waitFor()
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'person-assessments.png') })
    assert.deepEqual(b.errors.map(String), [])
  } finally {
    await b.close()
  }
})
