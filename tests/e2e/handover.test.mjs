// Scenario f: a person released from compulsory isolation is handed over to 大智街道. The set-up
// goes through the API (police.jiangan and officer.shizishan); sw.dazhi then works the handover
// inbox in the browser: acknowledge, record the report-in; the person page shows the community
// rehabilitation episode active from today.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PASSWORD, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

/** `YYYY-MM-DD` in China Standard Time, `days` from now (negative: past). */
function cstDate(shiftDays = 0, shiftYears = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  d.setUTCFullYear(d.getUTCFullYear() + shiftYears)
  d.setUTCDate(d.getUTCDate() + shiftDays)
  return d.toISOString().slice(0, 10)
}
/**
 * A timestamp in the past today (UTC+8): `minutes` ago, never in the future and never before
 * today's start (just after midnight CST it is a few seconds into today instead, keeping the
 * order of calls), so the test does not depend on the time of day it runs at.
 */
function cstNowMinus(minutes) {
  const now = Date.now() + 8 * 3600 * 1000
  const midnight = Math.floor(now / 86_400_000) * 86_400_000
  const earliest = midnight + Math.max(1, 60 - minutes) * 1000  // later calls: smaller minutes
  const d = new Date(Math.min(now, Math.max(now - minutes * 60 * 1000, earliest)))
  return `${d.toISOString().slice(0, 19)}+08:00`
}

async function apiLogin(username) {
  const r = await fetch(`${BASE_URL}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(r.status, 201, `login ${username}: ${r.status}`)
  return (await r.json()).token
}

async function call(token, method, path, body) {
  const r = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null, text }
}

describe('handover from a facility to the community', { timeout: 180_000 }, () => {
  let browser
  let page
  const today = cstDate()
  const alias = `衔接${Date.now() % 100000}`
  let personId
  let episodeId
  let handoverId

  before(async () => {
    // Police: the person, and a compulsory isolation order 2 years and 5 days ago.
    const police = await apiLogin('police.jiangan')
    let r = await call(police, 'POST', '/persons', {
      alias, sex: 'male', birth_year: 1988, home_org_unit: '420102002', primary_substance: '冰毒',
    })
    assert.equal(r.status, 201, `create person: ${r.text}`)
    personId = r.body.id
    const start = cstDate(-5, -2)
    r = await call(police, 'POST', `/persons/${personId}/episodes`, {
      kind: 'compulsory_isolation', org_unit: '420000F01', start_date: start,
    })
    assert.equal(r.status, 201, `create episode: ${r.text}`)
    episodeId = r.body.id

    // Facility: admitted on the decision day, released today (after the planned end).
    const officer = await apiLogin('officer.shizishan')
    r = await call(officer, 'POST', `/episodes/${episodeId}/actions`, { action: 'admit', at: `${start}T10:00:00+08:00` })
    assert.equal(r.status, 201, `admit: ${r.text}`)
    r = await call(officer, 'POST', `/episodes/${episodeId}/actions`, { action: 'release', at: cstNowMinus(30) })
    assert.equal(r.status, 201, `release: ${r.text}`)
    assert.equal(r.body.state, 'closed')

    // Police: community rehabilitation ordered today; the release opened a handover to 大智街道.
    r = await call(police, 'POST', `/episodes/${episodeId}/actions`, { action: 'order_community_rehab', at: cstNowMinus(20) })
    assert.equal(r.status, 201, `order_community_rehab: ${r.text}`)

    browser = await openBrowser()
    page = browser.page
  })
  after(async () => {
    await browser?.close()
  })

  test('f1. sw.dazhi sees the handover in her inbox and acknowledges it', async () => {
    await login(page, 'sw.dazhi')
    await page.getByTestId('worklist-table').waitFor()
    await page.getByTestId('tier-tag').first().waitFor()
    await screenshot(page, 'worklist-tiers')

    const loaded = waitForApi(page, 'GET', /^\/api\/v1\/handovers$/)
    await page.getByTestId('nav-handovers').click()
    await page.getByTestId('handovers-page').waitFor()
    const res = await loaded
    assert.equal(res.status(), 200)
    const link = page.locator(`[data-testid="handover-person"][data-person-id="${personId}"]`)
    await link.waitFor()
    assert.equal((await link.innerText()).trim(), alias)
    const row = page.locator('.el-table__body-wrapper tr', { has: link })
    await row.getByText('湖北省狮子山强制隔离戒毒所').waitFor()
    await row.getByText(today).first().waitFor()
    await row.locator('[data-testid="handover-status"][data-status="open"]').waitFor()
    await screenshot(page, 'handover-inbox')

    // The action buttons live in the fixed right column: find this row's by position.
    const index = await page.locator('[data-testid="handover-person"]').evaluateAll(
      (els, id) => els.findIndex((e) => e.getAttribute('data-person-id') === id), String(personId))
    assert.ok(index >= 0)
    const fixedRow = (i) => page.locator('.el-table__fixed-right .el-table__body tr, .el-table__body tr').nth(i)
    const ackButton = page.getByTestId('handover-acknowledge').nth(index)
    const acked = waitForApi(page, 'POST', /^\/api\/v1\/handovers\/\d+\/acknowledge$/)
    await ackButton.click()
    const ack = await acked
    assert.ok(ack.status() === 200 || ack.status() === 201, `acknowledge answered ${ack.status()}: ${await ack.text()}`)
    handoverId = new URL(ack.url()).pathname.split('/')[4]
    await row.locator('[data-testid="handover-status"][data-status="acknowledged"]').waitFor()
    await row.getByTestId('handover-acknowledged').waitFor()
    void fixedRow
    await screenshot(page, 'handover-acknowledged')
  })

  test('f2. she records the report-in; the handover shows it', async () => {
    assert.ok(handoverId, 'f1 acknowledged the handover')
    const link = page.locator(`[data-testid="handover-person"][data-person-id="${personId}"]`)
    const row = page.locator('.el-table__body-wrapper tr', { has: link })
    const index = await page.locator('[data-testid="handover-person"]').evaluateAll(
      (els, id) => els.findIndex((e) => e.getAttribute('data-person-id') === id), String(personId))
    await page.getByTestId('handover-report-in').nth(index).click()
    const dialog = page.getByTestId('handover-record-dialog')
    await dialog.waitFor()
    const saved = waitForApi(page, 'POST', new RegExp(`^/api/v1/handovers/${handoverId}/report-in$`))
    await screenshot(page, 'handover-report-in-dialog')
    await page.getByTestId('handover-record-submit').click()
    const res = await saved
    assert.ok(res.status() === 200 || res.status() === 201, `report-in answered ${res.status()}: ${await res.text()}`)
    await dialog.waitFor({ state: 'hidden' })
    await row.getByTestId('handover-reported').waitFor()
    const status = await row.getByTestId('handover-status').getAttribute('data-status')
    assert.ok(['acknowledged', 'completed'].includes(status), `status after report-in: ${status}`)
    await screenshot(page, 'handover-reported')
  })

  test('f3. the person page shows community rehabilitation active from today', async () => {
    const link = page.locator(`[data-testid="handover-person"][data-person-id="${personId}"]`)
    const opened = waitForApi(page, 'GET', /^\/api\/v1\/episodes\/\d+$/)
    await link.click()
    await page.getByTestId('person-page').waitFor()
    await page.getByTestId('person-alias').filter({ hasText: alias }).waitFor()
    assert.equal((await opened).status(), 200)
    const clock = page.getByTestId('legal-clock')
    await clock.locator('[data-testid="clock-kind"][data-kind="community_rehab"]').waitFor()
    await clock.locator('[data-testid="clock-state"][data-state="active"]').waitFor()
    assert.equal((await clock.getByTestId('clock-term-start').innerText()).trim(), today)
    await clock.locator('[data-testid="clock-action"][data-action="report_in"]').waitFor()
    await page.getByTestId('risk-card').getByTestId('tier-tag').first().waitFor()
    await page.getByTestId('ownership').waitFor()
    await page.getByTestId('person-episode').filter({ hasText: '社区康复' }).waitFor()
    await screenshot(page, 'person-legal-clock')

    // A refused action shows the broken rule, translated, under the form.
    await page.getByTestId('clock-actions').click()
    await page.getByTestId('action-dialog').waitFor()
    await page.getByTestId('action-kind').click()
    await page.getByTestId('action-kind-resume').click()
    const refused = waitForApi(page, 'POST', /^\/api\/v1\/episodes\/\d+\/actions$/)
    await page.getByTestId('action-submit').click()
    const res = await refused
    assert.equal(res.status(), 422, `resume of an active episode answered ${res.status()}`)
    const problem = await res.json()
    assert.equal(problem.errors?.[0]?.rule, 'state_transition')
    await page.getByTestId('action-error').filter({ hasText: '当前状态下不能执行该操作' }).waitFor()
    await screenshot(page, 'person-action-refused')
    await page.getByTestId('action-dialog').getByRole('button', { name: '取消' }).click()
    await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
  })

  test('f4. the alerts page lists alerts in scope', async () => {
    const loaded = waitForApi(page, 'GET', /^\/api\/v1\/alerts$/)
    await page.getByTestId('nav-alerts').click()
    await page.getByTestId('alerts-page').waitFor()
    assert.equal((await loaded).status(), 200)
    await page.getByTestId('alerts-table').waitFor()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'alerts')
    assert.deepEqual(browser.errors.map(String), [], 'no uncaught errors in the page')
  })
})
