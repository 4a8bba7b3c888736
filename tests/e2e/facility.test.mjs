// Scenario h: the facility dashboard. director.hubei opens 戒毒场所, sees every facility with its
// occupancy, opens 狮子山 and records a safety incident through the dialog; officer.shizishan sees
// only his facility and its dashboard (occupancy by zone adds up, units with officers); a person
// in the facility shows the zone panel. Screenshots facilities, facility-dashboard,
// facility-incident-dialog, facility-incident-recorded, facility-officer, person-placement.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { SCREENSHOT_DIR, apiGet, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

const SHIZISHAN = '420000F01'

test('h. facility dashboard: director records an incident; the officer sees his facility only', { timeout: 180_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'director.hubei')
    const listed = waitForApi(page, 'GET', /^\/api\/v1\/facilities$/)
    await page.getByTestId('nav-facilities').filter({ hasText: '戒毒场所' }).click()
    assert.equal((await listed).status(), 200)
    await page.getByTestId('facilities-page').waitFor()
    const all = await apiGet(page, '/api/v1/facilities?limit=200')
    assert.equal(all.status, 200)
    await page.getByTestId('facilities-table').getByText('湖北省狮子山强制隔离戒毒所').waitFor()
    assert.equal(await page.getByTestId('facility-occupancy').count(), all.body.items.length)
    await screenshot(page, 'facilities')

    const capacity = waitForApi(page, 'GET', new RegExp(`^/api/v1/facilities/${SHIZISHAN}/capacity$`))
    await page.getByTestId(`open-facility-${SHIZISHAN}`).click()
    assert.equal((await capacity).status(), 200)
    await page.getByTestId('facility-name').filter({ hasText: '狮子山' }).waitFor()
    await page.getByTestId('facility-zones').getByText('各分区在所人数').waitFor()
    await page.getByTestId('facility-units').getByText('一大队').waitFor()
    await page.getByTestId('six-nos-streak').waitFor()
    assert.equal(await page.locator('.programme-summary-slot').count(), 1, 'the slot for the programme summary is there')

    await screenshot(page, 'facility-dashboard')

    // Record an incident through the dialog; the list shows it.
    const before = (await apiGet(page, `/api/v1/safety/incidents?facility=${SHIZISHAN}`)).body.total
    await page.getByTestId('record-incident').click()
    const dialog = page.getByTestId('incident-dialog')
    await dialog.waitFor()
    await page.getByTestId('incident-category').click()
    await page.locator('.el-select-dropdown__item').filter({ hasText: '食品安全事件' }).click()
    await page.getByTestId('incident-description').fill('晚餐后三名戒毒人员腹痛，送医务室观察')
    await page.getByTestId('incident-follow-up').fill('食品留样送检，暂停该批次食材')
    await screenshot(page, 'facility-incident-dialog')
    const created = waitForApi(page, 'POST', /^\/api\/v1\/safety\/incidents$/)
    await page.getByTestId('incident-submit').click()
    assert.equal((await created).status(), 201)
    await page.getByTestId('incidents-table').getByText('晚餐后三名戒毒人员腹痛').first().waitFor()
    const after = (await apiGet(page, `/api/v1/safety/incidents?facility=${SHIZISHAN}`)).body.total
    assert.equal(after, before + 1)
    await page.getByTestId('facility-safety').getByText('本年度已发生事故').waitFor()
    await screenshot(page, 'facility-incident-recorded')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }

  const o = await openBrowser()
  try {
    const { page } = o
    await login(page, 'officer.shizishan')
    await page.getByTestId('nav-facilities').click()
    await page.getByTestId('facilities-page').waitFor()
    const mine = await apiGet(page, '/api/v1/facilities')
    assert.deepEqual(mine.body.items.map((f) => f.facility.code), [SHIZISHAN])
    await page.getByTestId(`open-facility-${SHIZISHAN}`).click()
    await page.getByTestId('facility-name').filter({ hasText: '狮子山' }).waitFor()
    const cap = (await apiGet(page, `/api/v1/facilities/${SHIZISHAN}/capacity`)).body
    const zones = Object.values(cap.occupancy_by_zone).reduce((a, n) => a + n, 0)
    assert.equal(zones + cap.unplaced, cap.occupied)
    await page.getByTestId('facility-units').getByText('officer.shizishan').first().waitFor()
    await screenshot(page, 'facility-officer')
    // Another facility is out of his scope.
    await page.goto(page.url().replace(SHIZISHAN, '420000F02'))
    await page.getByTestId('facility-not-found').waitFor()

    // A person in the facility: the zone panel shows the current zone.
    const placed = cap.occupancy_by_unit.find((u) => u.persons > 0)
    assert.ok(placed, 'someone is placed')
    const persons = await apiGet(page, '/api/v1/persons?limit=200')
    let shown = false
    for (const p of persons.body.items) {
      const pl = await apiGet(page, `/api/v1/persons/${p.id}/placements`)
      if (pl.status !== 200 || !pl.body.current) continue
      await page.goto(page.url().replace(/#\/.*$/, `#/persons/${p.id}`))
      const panel = page.getByTestId('placement-panel')
      await panel.waitFor()
      await page.getByTestId('placement-current').getByText(pl.body.current.unit.name).waitFor()
      await page.evaluate(() => document.fonts.ready)
      await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'person-placement.png') })
      shown = true
      break
    }
    assert.ok(shown, 'a placed person was found')
    assert.deepEqual(o.errors, [])
  } finally {
    await o.close()
  }
})
