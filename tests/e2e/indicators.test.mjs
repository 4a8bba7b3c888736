// Scenario i: the outcome indicators dashboard. director.hubei opens 成效指标: the abstinence card
// shows numerator / denominator as the API gives them, the survival chart and the 1/2/3-year
// table; grouping by releasing facility shows one row per facility and the log-rank test; the
// printable report opens in a new tab. Screenshots indicators, indicators-by-facility,
// indicators-report.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

test('i. outcome indicators: survival curves, 1/2/3-year estimates, abstinence rate with its counts', { timeout: 120_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'director.hubei')
    const survival = waitForApi(page, 'GET', /^\/api\/v1\/indicators\/survival$/)
    const abstinence = waitForApi(page, 'GET', /^\/api\/v1\/indicators\/abstinence$/)
    await page.getByTestId('nav-indicators').filter({ hasText: '成效指标' }).click()
    assert.equal((await survival).status(), 200)
    const a = await (await abstinence).json()
    await page.getByTestId('indicators-page').waitFor()
    const { numerator, denominator } = a.total.abstinence
    assert.ok(denominator > 0, 'the demo has releases reached by follow-up')
    await page.getByTestId('abstinence-ratio').filter({ hasText: `${numerator} / ${denominator}` }).waitFor()
    await page.getByTestId('survival-chart').locator('canvas').first().waitFor()
    assert.equal(await page.getByTestId('horizon-table').locator('tbody tr').count(), 1)
    await screenshot(page, 'indicators')

    const grouped = waitForApi(page, 'GET', /^\/api\/v1\/indicators\/survival$/)
    await page.getByTestId('ind-group-by').click()
    await page.locator('.el-select-dropdown__item').filter({ hasText: '出所场所' }).click()
    const s = await (await grouped).json()
    assert.equal(s.group_by, 'facility')
    assert.ok(s.groups.length >= 2, JSON.stringify(s.groups.map((g) => g.name)))
    await page.getByTestId('logrank').waitFor()
    await page.getByTestId('horizon-table').getByText('湖北省狮子山强制隔离戒毒所').waitFor()
    assert.equal(await page.getByTestId('horizon-table').locator('tbody tr').count(), s.groups.length)
    const again = await apiGet(page, '/api/v1/indicators/survival?group_by=facility')
    assert.equal(again.status, 200)
    await screenshot(page, 'indicators-by-facility')

    // The printable report of what the page shows: opens in a new tab with the facility curves.
    const pdfHref = await page.getByTestId('ind-report-pdf').getAttribute('href')
    assert.match(pdfHref, /^\/api\/v1\/reports\/indicators\?.*group_by=facility.*&format=pdf&lang=zh-CN$/)
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('ind-report-html').click()])
    await tab.waitForLoadState()
    assert.match(new URL(tab.url()).search, /org_unit=420000&from=.*&group_by=facility&format=html/)
    await tab.locator('h1').filter({ hasText: '戒毒成效指标报告' }).waitFor()
    assert.ok((await tab.locator('svg path.km').count()) >= 2, 'a curve per facility')
    await tab.getByText('湖北省狮子山强制隔离戒毒所').first().waitFor()
    await screenshot(tab, 'indicators-report')
    await tab.close()

    // Activity: the province's cities, then drill down into 武汉市's counties.
    const card = page.getByTestId('activity-card')
    await card.getByTestId('activity-table').waitFor()
    const wuhan = card.locator('[data-testid="activity-drill"][data-code="420100"]')
    await wuhan.waitFor()
    const drilled = waitForApi(page, 'GET', /^\/api\/v1\/indicators\/activity$/)
    await wuhan.click()
    const d = await (await drilled).json()
    assert.equal(d.org_unit, '420100')
    await card.locator('[data-testid="activity-drill"][data-code="420102"]').waitFor()
    assert.equal(await card.getByTestId('activity-trail').locator('.el-breadcrumb__item').count(), 2)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'indicators-activity')
  } finally {
    await b.close()
  }
})
