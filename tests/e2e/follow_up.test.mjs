// i. 回访: sw.dazhi opens a person released from compulsory isolation 100 days ago, sees the
// follow-up schedule overdue on the 回访 tab, records a follow-up through the dialog and sees the
// schedule move on. The released person is made through the API (police decides, the facility
// admits and releases), so the test does not depend on which demo person was released when.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PASSWORD, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

async function apiAs(username) {
  const res = await fetch(`${BASE_URL}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 201, `login ${username}`)
  const { token } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await r.json().catch(() => null)
    assert.ok(r.status < 300, `${method} ${path} -> ${r.status} ${JSON.stringify(json)}`)
    return json
  }
}

function cstDate(offsetDays) {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000)
  return d.toISOString().slice(0, 10)
}
const at = (date) => `${date}T10:00:00+08:00`

test('i. a follow-up recorded on the 回访 tab moves the schedule on', { timeout: 120_000 }, async () => {
  const police = await apiAs('police.jiangan')
  const officer = await apiAs('officer.shizishan')
  const suffix = Math.random().toString(36).slice(2, 6)
  const person = await police('POST', '/persons', {
    alias: `回访演示${suffix}`, sex: 'male', birth_year: 1985, home_org_unit: '420102002',
    primary_substance: 'heroin', registration_date: '2024-01-15',
  })
  const decision = cstDate(-(731 + 100))
  const ci = await police('POST', `/persons/${person.id}/episodes`,
    { kind: 'compulsory_isolation', org_unit: '420000F01', start_date: decision })
  const admitted = new Date(Date.parse(`${decision}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  await officer('POST', `/episodes/${ci.id}/actions`, { action: 'admit', at: at(admitted) })
  const release = new Date(Date.parse(`${decision}T00:00:00Z`) + 731 * 86_400_000).toISOString().slice(0, 10)
  await officer('POST', `/episodes/${ci.id}/actions`, { action: 'release', at: at(release) })

  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'sw.dazhi')
    await page.goto(`${BASE_URL}/#/persons/${person.id}`)
    await page.getByTestId('person-alias').filter({ hasText: person.alias }).waitFor()
    const listed = waitForApi(page, 'GET', new RegExp(`^/api/v1/persons/${person.id}/follow-ups$`))
    await page.getByTestId('person-tabs').getByText('回访', { exact: true }).click()
    assert.equal((await listed).status(), 200)
    const panel = page.getByTestId('follow-up-panel')
    await panel.getByTestId('follow-up-progress').filter({ hasText: '已完成 0 / 7 次' }).waitFor()
    await panel.getByTestId('follow-up-next').filter({ hasText: '已逾期' }).waitFor()

    await panel.getByTestId('follow-up-record').click()
    const dialog = page.getByTestId('follow-up-dialog')
    await dialog.getByText('走访').click()
    // A relapse without evidence is refused in the form, before any request.
    await dialog.getByText('复吸', { exact: true }).click()
    await dialog.getByTestId('follow-up-submit').click()
    await dialog.getByTestId('follow-up-error').waitFor()
    await dialog.getByText('保持操守').click()
    await dialog.locator('textarea').fill('上门回访，家属确认未再吸食，已就业')
    await screenshot(page, 'follow-up-dialog')
    const created = waitForApi(page, 'POST', new RegExp(`^/api/v1/persons/${person.id}/follow-ups$`))
    await dialog.getByTestId('follow-up-submit').click()
    assert.equal((await created).status(), 201)
    // Recorded today, 100 days after release: it meets the first point (day 30) only.
    await panel.getByTestId('follow-up-progress').filter({ hasText: '已完成 1 / 7 次' }).waitFor()
    await panel.getByTestId('follow-up-table').getByText('保持操守').waitFor()
    await screenshot(page, 'follow-up-panel')
  } finally {
    await b.close()
  }
})
