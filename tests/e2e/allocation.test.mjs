// Scenario h: 统一调配. director.hubei opens the allocation page (the demo has a few hundred
// people decided into compulsory isolation and not yet admitted, facilities nearly full),
// proposes, reads the placements with their explanations and the unplaced groups with their
// reasons, approves, and sees the admissions made: the people show as admitted at the facility.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

/** Scrolls the layout's main pane (the page itself does not scroll). */
async function scrollMain(page, top) {
  await page.evaluate((y) => document.querySelector('.el-main')?.scrollTo(0, y), top)
}

describe('province-wide allocation of pending admissions', { timeout: 180_000 }, () => {
  let browser
  let page
  let proposalId
  let placed

  before(async () => {
    browser = await openBrowser()
    page = browser.page
  })
  after(async () => {
    await browser?.close()
  })

  test('h1. director.hubei proposes an allocation and reads it', async () => {
    await login(page, 'director.hubei')
    const pending = waitForApi(page, 'GET', /^\/api\/v1\/allocations\/pending$/)
    await page.getByTestId('nav-allocation').click()
    await page.getByTestId('allocation-page').waitFor()
    const p = await pending
    assert.equal(p.status(), 200)
    const counts = await p.json()
    assert.ok(counts.total >= 40, `the demo has pending admissions: ${counts.total}`)

    const proposed = waitForApi(page, 'POST', /^\/api\/v1\/allocations$/)
    await page.getByTestId('allocation-propose').click()
    const res = await proposed
    assert.equal(res.status(), 201, `propose answered ${res.status()}: ${await res.text()}`)
    const body = await res.json()
    proposalId = body.id
    placed = body.placed
    assert.ok(placed > 0 && body.unplaced > 0 && body.out_of_region > 0,
      `placements, unplaced and out-of-region: ${JSON.stringify({ placed, u: body.unplaced, o: body.out_of_region })}`)

    const result = page.locator(`[data-testid="allocation-result"][data-proposal-id="${proposalId}"]`)
    await result.waitFor()
    assert.equal(await result.getAttribute('data-status'), 'proposed')
    assert.equal((await page.getByTestId('summary-placed').innerText()).match(/\d+/g).join(''), String(placed))
    await page.getByTestId('allocation-facilities').getByText('湖北省狮子山强制隔离戒毒所').waitFor()
    // Unplaced groups read their reason in Chinese: the pregnant woman is not admitted by law.
    await page.locator('[data-testid="unplaced-reason"][data-reason="no_eligible_facility"]').first().waitFor()
    await page.getByTestId('allocation-unplaced').getByText('怀孕（依法不予收治）').first().waitFor()
    await scrollMain(page, 0)
    await screenshot(page, 'allocation-proposal')
    // A group's placement explains itself once expanded: an out-of-region one names the nearer
    // facilities it did not use and why.
    const groups = page.getByTestId('allocation-groups')
    const outOfRegion = groups.locator('.el-table__row', { hasText: '跨地区' }).first()
    await outOfRegion.locator('.el-table__expand-icon').click()
    const why = groups.getByTestId('placement-why').first()
    await why.waitFor()
    assert.match(await why.innerText(), /理由：.*更近的/)
    await groups.scrollIntoViewIfNeeded()
    await screenshot(page, 'allocation-explanations')
  })

  test('h2. approving admits everyone placed; the page shows who was admitted', async () => {
    assert.ok(proposalId, 'h1 proposed')
    const capacityBefore = (await apiGet(page, '/api/v1/facilities/420000F01/capacity')).body.occupied
    await page.getByTestId('allocation-approve').click()
    const approved = waitForApi(page, 'POST', new RegExp(`^/api/v1/allocations/${proposalId}/approve$`))
    await page.locator('.el-message-box__btns .el-button--primary').click()
    const res = await approved
    assert.equal(res.status(), 200, `approve answered ${res.status()}: ${await res.text()}`)
    const body = await res.json()
    assert.equal(body.admitted.length, placed)

    await page.locator(`[data-testid="allocation-result"][data-status="approved"]`).waitFor()
    await page.getByTestId('allocation-admitted').waitFor()
    assert.equal(await page.getByTestId('admitted-person').count(), placed)
    assert.equal(await page.getByTestId('allocation-approve').count(), 0)

    // The admissions are real: the first admitted person's episode is in the facility chosen.
    const first = body.admitted[0]
    const episode = (await apiGet(page, `/api/v1/episodes/${first.episode_id}`)).body
    assert.equal(episode.state, 'in_facility')
    assert.equal(episode.org_unit, first.facility)
    const toShizishan = body.admitted.filter((a) => a.facility === '420000F01').length
    const capacityAfter = (await apiGet(page, '/api/v1/facilities/420000F01/capacity')).body.occupied
    assert.equal(capacityAfter, capacityBefore + toShizishan)
    await scrollMain(page, 0)
    await screenshot(page, 'allocation-approved')
  })
})
