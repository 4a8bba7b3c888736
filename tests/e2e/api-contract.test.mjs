// The web UI's typed API client agrees with the OpenAPI document the running server publishes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL } from './lib/browser.mjs'
import { compare } from '../../web/scripts/check-api.mjs'

test('the web API client matches GET /api/v1/openapi.json', { timeout: 30_000 }, async () => {
  const res = await fetch(`${BASE_URL}/api/v1/openapi.json`)
  assert.equal(res.status, 200)
  const doc = await res.json()
  assert.match(String(doc.openapi), /^3\.1/)
  assert.deepEqual(compare(doc), [])
})
