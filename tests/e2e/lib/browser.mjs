// Shared set-up of the browser tests: the system Chromium driven by playwright-core (no browser
// download), one fresh profile per context, screenshots under build/e2e/.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = path.resolve(here, '..', '..', '..')
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'build', 'e2e')
export const BASE_URL = (process.env.HUIGUI_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '')
export const PASSWORD = process.env.HUIGUI_DEMO_PASSWORD ?? 'Huigui@2026'
const CHROMIUM = process.env.HUIGUI_CHROMIUM ?? '/usr/bin/chromium'

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]

/**
 * Opens a browser with a fresh profile. The returned page records uncaught page errors in
 * `errors`; `close()` removes the profile.
 */
export async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'huigui-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(20_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const errors = []
  page.on('pageerror', (e) => errors.push(e))
  return {
    context,
    page,
    errors,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // Let web fonts finish so Chinese text is drawn with its glyphs, not fallback boxes.
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Waits for the answer of an API call: `method` and a path that `pathPart` matches. */
export function waitForApi(page, method, pathPart) {
  return page.waitForResponse(
    (r) => r.request().method() === method && new URL(r.url()).pathname.match(pathPart) !== null,
  )
}

/** Logs in through the login form and waits for the worklist to be loaded. */
export async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE_URL}/#/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  const session = waitForApi(page, 'POST', /^\/api\/v1\/session$/)
  const worklist = waitForApi(page, 'GET', /^\/api\/v1\/worklist$/)
  await page.getByTestId('login-submit').click()
  const res = await session
  assert.equal(res.status(), 201, `POST /api/v1/session for ${username} answered ${res.status()}`)
  const wl = await worklist
  assert.equal(wl.status(), 200, `GET /api/v1/worklist answered ${wl.status()}`)
  await page.getByTestId('worklist-page').waitFor()
  await page.getByTestId('user-name').filter({ hasText: username }).waitFor()
}

/** Calls the API from inside the page (same cookie as the UI). */
export async function apiGet(page, pathAndQuery) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, pathAndQuery)
}

/** All worklist items across pages, through the API. */
export async function fullWorklist(page) {
  const items = []
  for (let offset = 0; ; offset += 200) {
    const { status, body } = await apiGet(page, `/api/v1/worklist?limit=200&offset=${offset}`)
    assert.equal(status, 200)
    items.push(...body.items)
    if (body.items.length === 0 || items.length >= body.total) return items
  }
}
