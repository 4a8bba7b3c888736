// Scenarios d and e: language switch, wrong password, logout.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, login, openBrowser, screenshot, waitForApi } from './lib/browser.mjs'

test('d. the language switch turns the UI into English and back', { timeout: 120_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'sw.dazhi')
    await page.getByTestId('nav-worklist').filter({ hasText: '工作清单' }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')

    await page.getByTestId('lang-switch').click()
    await page.getByTestId('lang-en').click()
    await page.getByTestId('nav-worklist').filter({ hasText: 'Worklist' }).waitFor()
    await page.getByTestId('logout').filter({ hasText: 'Log out' }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
    // Element Plus follows: the table header and the enum labels are English too.
    await page.getByTestId('worklist-table').getByText('Pseudonym').first().waitFor()
    await page.getByTestId('lang-en').waitFor({ state: 'hidden' })
    await screenshot(page, 'worklist-en')

    // The choice survives a reload.
    await page.reload()
    await page.getByTestId('nav-worklist').filter({ hasText: 'Worklist' }).waitFor()

    await page.getByTestId('lang-switch').click()
    await page.getByTestId('lang-zh-CN').click()
    await page.getByTestId('nav-worklist').filter({ hasText: '工作清单' }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
    assert.deepEqual(b.errors.map(String), [])
  } finally {
    await b.close()
  }
})

test('e. a wrong password shows an error message', { timeout: 60_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await page.goto(`${BASE_URL}/#/login`)
    await page.getByTestId('login-username').fill('sw.dazhi')
    await page.getByTestId('login-password').fill('not-the-password')
    const answer = waitForApi(page, 'POST', /^\/api\/v1\/session$/)
    await page.getByTestId('login-submit').click()
    assert.equal((await answer).status(), 401)
    const error = page.getByTestId('login-error')
    await error.waitFor()
    assert.match(await error.innerText(), /用户名或密码错误/)
    await page.getByTestId('login-page').waitFor()
    await screenshot(page, 'login-error')
  } finally {
    await b.close()
  }
})

test('logout returns to the login page and the session is gone', { timeout: 60_000 }, async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, 'sw.dazhi')
    const out = waitForApi(page, 'DELETE', /^\/api\/v1\/session$/)
    await page.getByTestId('logout').click()
    assert.equal((await out).status(), 204)
    await page.getByTestId('login-page').waitFor()
    await page.goto(`${BASE_URL}/#/worklist`)
    await page.getByTestId('login-page').waitFor()
  } finally {
    await b.close()
  }
})
