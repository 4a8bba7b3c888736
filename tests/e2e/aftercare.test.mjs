// Scenario g: 后续照管 counts. director.hubei finds 王峰 (the Legal Daily case of the demo) by
// alias, and his person page's counts card shows 11 peer-education and 14 home visits; the
// aftercare station view (menu "后续照管站") shows a station's counts and persons reached.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import fs from 'node:fs'
import { SCREENSHOT_DIR, apiGet, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

test('g. the person page shows 王峰\'s aftercare contact counts; the station view shows a station', { timeout: 120_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'director.hubei')

    // Find him through the person search.
    await page.getByTestId('nav-persons').click()
    await page.getByTestId('persons-page').waitFor()
    await page.getByTestId('search-alias').fill('王峰')
    const searched = waitForApi(page, 'GET', /^\/api\/v1\/persons$/)
    await page.getByTestId('search-submit').click()
    assert.equal((await searched).status(), 200)
    const hit = page.getByTestId('search-result-alias').filter({ hasText: '王峰' }).first()
    await hit.waitFor()
    const id = await hit.getAttribute('data-person-id')
    assert.ok(id, 'the search result carries the person id')

    const counts = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${id}/contact-counts$`))
    await hit.click()
    assert.equal((await counts).status(), 200)
    await page.getByTestId('person-alias').filter({ hasText: '王峰' }).waitFor()

    const card = page.getByTestId('person-contact-counts')
    await card.getByText('后续照管统计').waitFor()
    assert.equal((await card.getByTestId('contact-count-peer_education').innerText()).trim(), '11')
    assert.equal((await card.getByTestId('contact-count-home_visit').innerText()).trim(), '14')
    // Labels are translated, and every kind is listed (zeros included), the new ones too.
    await card.getByText('同伴教育').waitFor()
    await card.getByText('上门走访').waitFor()
    await card.locator('[data-kind="workplace_visit"]').getByText('就业单位走访').waitFor()
    await card.locator('[data-kind="job_help"]').getByText('就业帮扶').waitFor()
    // The card agrees with the API.
    const api = await apiGet(page, `/api/v1/persons/${id}/contact-counts`)
    assert.equal(api.status, 200)
    assert.equal((await card.getByTestId('contact-count-total').innerText()).trim(), String(api.body.total))
    assert.equal(await card.getByTestId('contact-count').count(), api.body.items.length)

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.evaluate(() => document.fonts.ready)
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'person-aftercare-counts.png') })
    await screenshot(page, 'person-aftercare-page')

    // The aftercare station view: the director's province contains stations.
    await page.getByTestId('nav-aftercare').filter({ hasText: '后续照管站' }).click()
    await page.getByTestId('aftercare-page').waitFor()
    const stations = await apiGet(page, '/api/v1/org-units?kind=aftercare_station&limit=200')
    assert.equal(stations.status, 200)
    assert.ok(stations.body.items.length > 0)
    const station = stations.body.items[0]
    await page.getByTestId('aftercare-station').click()
    const stationCounts = waitForApi(page, 'GET', new RegExp(`^/api/v1/org-units/${station.code}/contact-counts$`))
    await page.getByTestId(`aftercare-station-${station.code}`).click()
    assert.equal((await stationCounts).status(), 200)
    const expected = await apiGet(page, `/api/v1/org-units/${station.code}/contact-counts`)
    const result = page.getByTestId('aftercare-result')
    await result.getByText(station.name).waitFor()
    await result.getByTestId('contact-count-total').filter({ hasText: String(expected.body.total) }).waitFor()
    await result.getByTestId('aftercare-persons').getByText(String(expected.body.persons)).first().waitFor()
    await screenshot(page, 'aftercare-stations')
    assert.deepEqual(b.errors.map(String), [])
  } finally {
    await b.close()
  }
})

test('g2. a township social worker without stations in scope gets no aftercare menu', { timeout: 60_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'sw.dazhi')
    const stations = await apiGet(page, '/api/v1/org-units?kind=aftercare_station&limit=1')
    await page.getByTestId('nav-worklist').waitFor()
    const menu = page.getByTestId('nav-aftercare')
    if (stations.status === 200 && stations.body.total > 0) await menu.waitFor()
    else assert.equal(await menu.count(), 0)
  } finally {
    await b.close()
  }
})
