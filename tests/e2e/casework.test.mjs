// Scenarios a–c: a social worker works her worklist; another township cannot see her person.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, apiGet, fullWorklist, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

describe('case work of a township social worker', { timeout: 180_000 }, () => {
  let browser
  let page
  /** The first worklist person: { id, alias, row } */
  let target = null

  before(async () => {
    browser = await openBrowser()
    page = browser.page
  })
  after(async () => {
    await browser?.close()
  })

  test('a. sw.dazhi records a contact and a negative urine test; the person leaves the worklist', async () => {
    await page.goto(`${BASE_URL}/#/login`)
    await page.getByTestId('login-page').waitFor()
    await screenshot(page, 'login')

    await login(page, 'sw.dazhi')
    const aliases = page.getByTestId('worklist-alias')
    await aliases.first().waitFor()
    assert.ok((await aliases.count()) > 0, 'the worklist of sw.dazhi shows items')
    await screenshot(page, 'worklist')

    // The worklist is risk-tiered and also carries statutory deadlines (report-in, notices…): a
    // contact and a urine test settle only an item whose next obligation is a test or a contact.
    // Take the first such row; when none is due, the first row (then only the recorded contact
    // and test are checked, through the person's obligations).
    const shown = await aliases.evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')))
    const full = await fullWorklist(page)
    const settles = (w) => w.next_kind === undefined || w.next_kind === 'test' || w.next_kind === 'contact'
    const pick = shown.find((pid) => full.some((w) => String(w.person.id) === pid && settles(w))) ?? shown[0]
    const first = page.locator(`[data-testid="worklist-alias"][data-person-id="${pick}"]`).first()
    const id = await first.getAttribute('data-person-id')
    const alias = (await first.innerText()).trim()
    const before = full.find((w) => String(w.person.id) === id)
    assert.ok(before, `person ${id} is on the worklist API answer`)
    target = { id, alias, row: before, settles: settles(before) }

    const personLoaded = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${id}/timeline$`))
    await first.click()
    await page.getByTestId('person-page').waitFor()
    await page.getByTestId('person-alias').filter({ hasText: alias }).waitFor()
    await personLoaded
    await screenshot(page, 'person')

    const entries = page.getByTestId('timeline-entry')
    const countOf = (type) => page.locator(`[data-testid="timeline-entry"][data-type="${type}"]`).count()
    const waitForCount = (type, n) => page.waitForFunction(
      ([ty, want]) => document.querySelectorAll(`[data-testid="timeline-entry"][data-type="${ty}"]`).length === want,
      [type, n])
    await entries.first().waitFor()
    const contactsBefore = await countOf('contact')
    const testsBefore = await countOf('drug_test')

    // Contact: phone (the default kind), now (the default time), a note.
    await page.getByTestId('record-contact').click()
    const contactDialog = page.getByTestId('contact-dialog')
    await contactDialog.waitFor()
    await page.getByTestId('contact-kind').filter({ hasText: '电话联系' }).waitFor()
    await page.getByTestId('contact-note').fill('电话联系，本人近况稳定，按时报到。')
    let created = waitForApi(page, 'POST', new RegExp(`^/api/v1/persons/${id}/contacts$`))
    let timeline = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${id}/timeline$`))
    await page.getByTestId('contact-submit').click()
    let res = await created
    assert.equal(res.status(), 201, `POST contacts answered ${res.status()}: ${await res.text()}`)
    await timeline
    await page.locator('.el-message--success').first().waitFor()
    await contactDialog.waitFor({ state: 'hidden' })

    // Drug test: urine, negative, now; substances stay disabled for a negative result.
    await page.getByTestId('record-test').click()
    const testDialog = page.getByTestId('test-dialog')
    await testDialog.waitFor()
    await page.getByTestId('test-sample-urine').click()
    await page.getByTestId('test-result-negative').click()
    assert.ok(await page.getByTestId('test-substances').locator('.is-disabled').count() > 0 ||
      await page.getByTestId('test-substances').evaluate((el) => el.classList.contains('is-disabled')),
      'substances are disabled for a negative result')
    created = waitForApi(page, 'POST', new RegExp(`^/api/v1/persons/${id}/drug-tests$`))
    timeline = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${id}/timeline$`))
    await page.getByTestId('test-submit').click()
    res = await created
    assert.equal(res.status(), 201, `POST drug-tests answered ${res.status()}: ${await res.text()}`)
    await timeline
    await testDialog.waitFor({ state: 'hidden' })

    // The reloaded timeline shows one more contact and one more drug test, by sw.dazhi.
    await waitForCount('contact', contactsBefore + 1)
    await waitForCount('drug_test', testsBefore + 1)
    await entries.filter({ hasText: '电话联系' }).filter({ hasText: 'sw.dazhi' }).first().waitFor()
    await entries.filter({ hasText: '阴性' }).filter({ hasText: 'sw.dazhi' }).first().waitFor()
    await screenshot(page, 'person-after-recording')

    const wl = waitForApi(page, 'GET', /^\/api\/v1\/worklist$/)
    await page.getByTestId('nav-worklist').click()
    assert.equal((await wl).status(), 200)
    await page.getByTestId('worklist-page').waitFor()
    await page.getByTestId('worklist-table').waitFor()

    const afterRows = (await fullWorklist(page)).filter((w) => String(w.person.id) === id)
    const after = afterRows.find((w) => w.next_kind === before.next_kind && w.episode_id === before.episode_id) ?? afterRows[0]
    if (!target.settles) {
      // No test/contact item was due: the recorded contact and test leave no test or contact
      // obligation overdue for the person.
      const { status, body } = await apiGet(page, `/api/v1/persons/${id}/obligations`)
      assert.equal(status, 200)
      const late = body.items.filter((o) => (o.kind === 'test' || o.kind === 'contact') && o.status === 'overdue')
      assert.deepEqual(late, [], `no overdue test or contact for ${alias} (${id}) after recording`)
    } else if (after) {
      assert.notDeepEqual(after, before, `the worklist row of ${alias} (${id}) changed after recording`)
    } else {
      assert.equal(await page.locator(`[data-testid="worklist-alias"][data-person-id="${id}"]`).count(), 0,
        `${alias} (${id}) is no longer shown on the worklist`)
    }
    assert.deepEqual(browser.errors.map(String), [], 'no uncaught errors in the page')
  })

  test('b. sw.dazhi finds that person by alias in person search', async () => {
    assert.ok(target, 'scenario a found a person')
    await page.getByTestId('nav-persons').click()
    await page.getByTestId('persons-page').waitFor()
    await page.getByTestId('search-alias').fill(target.alias)
    const searched = waitForApi(page, 'GET', /^\/api\/v1\/persons$/)
    await page.getByTestId('search-submit').click()
    const res = await searched
    assert.equal(res.status(), 200)
    const hit = page.locator(`[data-testid="search-result-alias"][data-person-id="${target.id}"]`)
    await hit.waitFor()
    assert.equal((await hit.innerText()).trim(), target.alias)
    await screenshot(page, 'person-search')
    const open = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${target.id}$`))
    await hit.click()
    assert.equal((await open).status(), 200)
    await page.getByTestId('person-alias').filter({ hasText: target.alias }).waitFor()
  })

  test('b2. revealing the identity needs a reason and is marked as audited', async (t) => {
    assert.ok(target, 'scenario a found a person')
    await page.getByTestId('person-alias').filter({ hasText: target.alias }).waitFor()
    const button = page.getByTestId('reveal-identity')
    if (await button.isDisabled()) {
      t.skip('the person has no recorded identity')
      return
    }
    await button.click()
    await page.getByTestId('reveal-dialog').waitFor()
    // No reason: the form refuses before calling the server.
    await page.getByTestId('reveal-submit').click()
    await page.getByTestId('reveal-dialog').locator('.el-form-item__error').waitFor()
    await page.getByTestId('reveal-reason').fill('上门走访前核对住址')
    const revealed = waitForApi(page, 'POST', new RegExp(`^/api/v1/persons/${target.id}/identity/reveal$`))
    await page.getByTestId('reveal-submit').click()
    const res = await revealed
    assert.equal(res.status(), 200, `reveal answered ${res.status()}: ${await res.text()}`)
    const identity = await res.json()
    await page.getByTestId('identity-panel').waitFor()
    assert.equal((await page.getByTestId('identity-id-number').innerText()).trim(), identity.id_number)
    await screenshot(page, 'person-identity')
    await page.getByTestId('hide-identity').click()
    await page.getByTestId('identity-panel').waitFor({ state: 'detached' })
  })

  test('c. sw.yiyuan (another township) neither finds nor opens that person', async () => {
    assert.ok(target, 'scenario a found a person')
    const other = await openBrowser()
    try {
      const p = other.page
      await login(p, 'sw.yiyuan')
      await p.getByTestId('user-org').filter({ hasText: '一元' }).waitFor()
      await p.getByTestId('nav-persons').click()
      await p.getByTestId('persons-page').waitFor()
      await p.getByTestId('search-alias').fill(target.alias)
      const searched = waitForApi(p, 'GET', /^\/api\/v1\/persons$/)
      await p.getByTestId('search-submit').click()
      const res = await searched
      assert.equal(res.status(), 200)
      const body = await res.json()
      assert.ok(!body.items.some((x) => String(x.id) === target.id), 'the API answer does not contain the person')
      await p.getByTestId('search-results').and(p.locator('[data-searched="yes"]')).waitFor()
      assert.equal(await p.locator(`[data-testid="search-result-alias"][data-person-id="${target.id}"]`).count(), 0)

      const opened = waitForApi(p, 'GET', new RegExp(`^/api/v1/persons/${target.id}$`))
      await p.goto(`${BASE_URL}/#/persons/${target.id}`)
      assert.equal((await opened).status(), 404, 'GET of a person outside the scope answers 404')
      await p.getByTestId('person-not-found').waitFor()
      await screenshot(p, 'person-not-found')
      const direct = await apiGet(p, `/api/v1/persons/${target.id}/timeline`)
      assert.equal(direct.status, 404, 'the timeline of a person outside the scope answers 404')
      assert.deepEqual(other.errors.map(String), [])
    } finally {
      await other.close()
    }
  })
})
