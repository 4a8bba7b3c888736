// Scenario j: the province dashboard (总览, issue 5 §4). director.hubei opens it: the cards show
// the figures of GET /indicators/dashboard for 湖北省 (current users, rates with numerator and
// denominator, sparklines of the trend), the survival comparison with the Kaplan–Meier curves of
// GET /indicators/survival?group_by=programme, the six no's streak of GET /safety/streaks and a
// row per city; the org-unit tree drills into 武汉市, the children table into one of its
// counties, the breadcrumb climbs back; the page in English. The analyst lands on the dashboard
// with withheld cells and no streak card, and the period shortcut "上一年度" asks for last year.
// Screenshots dashboard, dashboard-city, dashboard-county, dashboard-en, dashboard-analyst.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PASSWORD, apiGet, login, openBrowser, screenshot } from './lib/browser.mjs'

/** Waits for the dashboard answer for `code` (any period). */
function waitForDashboard(page, code) {
  return page.waitForResponse((r) => {
    if (r.request().method() !== 'GET') return false
    const url = new URL(r.url())
    return url.pathname === '/api/v1/indicators/dashboard' && (code === undefined || url.searchParams.get('org_unit') === code)
  })
}

const count = (n) => (n === null ? '<5' : new Intl.NumberFormat('zh-CN').format(n))
/** The card's rendering of a rate: "—" when the denominator is 0, "<5" when withheld. */
function rate(value, den) {
  if (den === 0) return '—'
  return value === null ? '<5' : `${(value * 100).toFixed(1)}%`
}

/** The tree node of `code` when it is the highlighted (current) one. */
function currentTreeNode(page, code) {
  return page.getByTestId('org-tree').locator(`.el-tree-node.is-current > .el-tree-node__content [data-testid="org-node"][data-code="${code}"]`)
}

async function cardValue(page, key) {
  return (await page.getByTestId(`kpi-${key}`).getByTestId('kpi-value').innerText()).trim()
}

test('j. dashboard: cards with numbers, survival, streak, drill-down by tree and table, English', { timeout: 180_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'director.hubei')
    const first = waitForDashboard(page, '420000')
    const curves = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/indicators/survival')
    await page.getByTestId('nav-dashboard').filter({ hasText: '总览' }).click()
    const res = await first
    assert.equal(res.status(), 200)
    const d = await res.json()
    assert.equal(d.org_unit, '420000')
    assert.equal(d.aggregates_only, false)
    assert.equal(d.trend.length, 12)
    assert.ok(d.total.current_users > 0, 'the demo province has current users')
    assert.ok(d.children.some((c) => c.code === '420100'), '武汉市 is a child of 湖北省')
    const c = await curves
    assert.equal(c.status(), 200)
    assert.equal(new URL(c.url()).searchParams.get('group_by'), 'programme')

    await page.getByTestId('dashboard-page').waitFor()
    await page.locator('[data-testid="dashboard-unit"][data-code="420000"]').waitFor()
    const t = d.total
    assert.equal(await cardValue(page, 'current-users'), count(t.current_users))
    assert.equal(await cardValue(page, 'abstinence'), rate(t.abstinence_rate, t.reached))
    assert.equal(await cardValue(page, 'three-years'), rate(t.three_years_rate, t.three_years_eligible))
    assert.equal(await cardValue(page, 'testing'), rate(t.testing_rate, t.under_measures))
    assert.equal(await cardValue(page, 'loss'), rate(t.loss_rate, t.under_measures))
    assert.equal(await cardValue(page, 'timeliness'), rate(t.timeliness, t.handovers_due))
    assert.equal(await cardValue(page, 'occupancy'), rate(t.occupancy_rate, t.beds))
    assert.equal(await cardValue(page, 'flow'), `${count(t.admissions)} / ${count(t.releases)}`)
    // Numerator and denominator next to the rate.
    const testingRatio = await page.getByTestId('kpi-testing').getByTestId('kpi-ratio').innerText()
    assert.ok(testingRatio.includes(count(t.tested)) && testingRatio.includes(count(t.under_measures)), testingRatio)
    const occupancyRatio = await page.getByTestId('kpi-occupancy').getByTestId('kpi-ratio').innerText()
    assert.ok(occupancyRatio.includes(count(t.occupied)) && occupancyRatio.includes(count(t.beds)), occupancyRatio)
    // Sparklines where the trend has the indicator, and the definition as a tooltip.
    for (const key of ['testing', 'loss', 'flow']) {
      await page.getByTestId(`kpi-${key}`).getByTestId('kpi-spark').locator('canvas').first().waitFor()
    }
    await page.getByTestId('kpi-abstinence').getByTestId('kpi-help').hover()
    await page.locator('.kpi-help').filter({ hasText: '最近一次回访为保持操守' }).waitFor()
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor()

    // Survival: one line per group of the dashboard, the curves when the cohort has any.
    const survival = page.getByTestId('survival-compare')
    await survival.waitFor()
    assert.equal(await survival.getByTestId('survival-group').count(), d.survival.length)
    const cj = await c.json()
    if (cj.groups.length) await survival.getByTestId('survival-chart').locator('canvas').first().waitFor()

    // Six no's: the streak the safety API reports (the demo register: 9 years).
    const streaks = await apiGet(page, '/api/v1/safety/streaks?org_unit=420000')
    assert.equal(streaks.status, 200)
    await page.getByTestId('dashboard-six-nos').filter({ hasText: String(streaks.body.six_nos.completed_years_streak ?? 0) }).waitFor()

    // Children: a row per city with figures (Wuhan among them), the total in the footer.
    const table = page.getByTestId('children-table')
    await table.locator('[data-testid="child-drill"][data-code="420100"]').waitFor()
    assert.equal(await page.getByTestId('dashboard-trail').locator('.el-breadcrumb__item').count(), 1)
    await screenshot(page, 'dashboard')

    // Drill down through the tree: 武汉市.
    const city = waitForDashboard(page, '420100')
    await page.getByTestId('org-tree').locator('[data-testid="org-node"][data-code="420100"]').click()
    const cityRes = await city
    assert.equal(cityRes.status(), 200)
    const dc = await cityRes.json()
    assert.equal(dc.name, '武汉市')
    await page.locator('[data-testid="dashboard-unit"][data-code="420100"]').waitFor()
    assert.equal(await cardValue(page, 'current-users'), count(dc.total.current_users))
    assert.equal(await page.getByTestId('dashboard-trail').locator('.el-breadcrumb__item').count(), 2)
    await currentTreeNode(page, '420100').waitFor()
    await page.getByTestId('children-card').scrollIntoViewIfNeeded()
    await screenshot(page, 'dashboard-city')

    // Drill down through the children table: 江岸区 (大智街道's county), highlighted in the tree.
    const countyCode = '420102'
    assert.ok(dc.children.some((x) => x.code === countyCode), '江岸区 is a child of 武汉市')
    const link = table.locator(`[data-testid="child-drill"][data-code="${countyCode}"]`)
    const county = waitForDashboard(page, countyCode)
    await link.click()
    assert.equal((await county).status(), 200)
    await page.locator(`[data-testid="dashboard-unit"][data-code="${countyCode}"]`).waitFor()
    assert.equal(await page.getByTestId('dashboard-trail').locator('.el-breadcrumb__item').count(), 3)
    await currentTreeNode(page, countyCode).waitFor()
    await table.locator('[data-testid="child-drill"]').first().waitFor()
    await screenshot(page, 'dashboard-county')

    // The breadcrumb climbs back to the province.
    const back = waitForDashboard(page, '420000')
    await page.getByTestId('dashboard-trail').locator('a[data-code="420000"]').click()
    assert.equal((await back).status(), 200)
    await page.locator('[data-testid="dashboard-unit"][data-code="420000"]').waitFor()
    assert.equal(await page.getByTestId('dashboard-trail').locator('.el-breadcrumb__item').count(), 1)

    // English.
    await page.getByTestId('lang-switch').click()
    await page.getByTestId('lang-en').click()
    await page.getByTestId('nav-dashboard').filter({ hasText: 'Dashboard' }).waitFor()
    await page.getByTestId('dashboard-page').getByText('Rehabilitation dashboard').waitFor()
    await page.getByTestId('kpi-testing').getByText('Testing rate').waitFor()
    await page.getByTestId('children-card').getByText('Units below').waitFor()
    await page.getByTestId('lang-en').waitFor({ state: 'hidden' })
    await page.locator('.el-main').evaluate((e) => e.scrollTo(0, 0))
    await screenshot(page, 'dashboard-en')
    assert.deepEqual(b.errors.map(String), [])
  } finally {
    await b.close()
  }
})

test('j2. the analyst lands on the dashboard: aggregates only, withheld cells, period shortcut', { timeout: 120_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await page.goto(`${BASE_URL}/#/login`)
    await page.getByTestId('login-username').fill('analyst')
    await page.getByTestId('login-password').fill(PASSWORD)
    const first = waitForDashboard(page, '420000')
    await page.getByTestId('login-submit').click()
    const res = await first
    assert.equal(res.status(), 200)
    const d = await res.json()
    assert.equal(d.aggregates_only, true)
    await page.getByTestId('dashboard-page').waitFor()
    await page.getByTestId('aggregates-note').waitFor()
    assert.equal(await page.getByTestId('streak-card').count(), 0, 'no six no\'s card without person access')
    assert.equal(await cardValue(page, 'current-users'), count(d.total.current_users))
    const cells = [d.total, ...d.children]
    if (cells.some((u) => u.suppressed)) await page.getByTestId('withheld-legend').waitFor()

    // The period shortcut "上一年度".
    const lastYear = Number(d.to.slice(0, 4)) - 1
    const again = waitForDashboard(page, '420000')
    await page.getByTestId('dashboard-period').click()
    await page.locator('.el-picker-panel__shortcut').filter({ hasText: '上一年度' }).click()
    const r = await again
    const url = new URL(r.url())
    assert.equal(url.searchParams.get('from'), `${lastYear}-01-01`)
    assert.equal(url.searchParams.get('to'), `${lastYear}-12-31`)
    assert.equal(r.status(), 200)
    await screenshot(page, 'dashboard-analyst')
    assert.deepEqual(b.errors.map(String), [])
  } finally {
    await b.close()
  }
})
