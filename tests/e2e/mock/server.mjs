// A stand-in for the Huigui server, for UI development and for checking the browser tests while
// the C++ server is not built. It follows docs/api.md for the routes the web UI uses, with a
// small fixed demo (same usernames and password as `huigui demo`). run.sh never uses it.
//
//   node tests/e2e/mock/server.mjs --port 18081 --web-root web/dist
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
)
const PORT = Number(args.port ?? 18081)
const WEB_ROOT = path.resolve(args['web-root'] ?? 'web/dist')
const PASSWORD = 'Huigui@2026'
const DAY = 86400000

const orgUnits = [
  { code: '420000', name: '湖北省', kind: 'province', parent: null },
  { code: '420100', name: '武汉市', kind: 'city', parent: '420000' },
  { code: '420102', name: '江岸区', kind: 'county', parent: '420100' },
  { code: '420102002', name: '大智街道', kind: 'township', parent: '420102' },
  { code: '420102003', name: '一元街道', kind: 'township', parent: '420102' },
]
const users = {
  'sw.dazhi': { role: 'social_worker', org: '420102002' },
  'sw.yiyuan': { role: 'social_worker', org: '420102003' },
  'dir.wuhan': { role: 'director', org: '420100' },
}
const org = (code) => orgUnits.find((o) => o.code === code)
function inSubtree(code, root) {
  for (let o = org(code); o; o = o.parent ? org(o.parent) : null) if (o.code === root) return true
  return false
}

const cst = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10)
const today = () => cst(Date.now())
const addDays = (date, n) => new Date(Date.parse(date + 'T00:00:00Z') + n * DAY).toISOString().slice(0, 10)
const diffDays = (a, b) => Math.round((Date.parse(a + 'T00:00:00Z') - Date.parse(b + 'T00:00:00Z')) / DAY)

const SURNAMES = '王李张刘陈杨赵黄周吴'
const GIVEN = ['明', '华', '强', '伟', '芳', '军', '洋', '勇', '艳', '杰', '涛', '磊']
let nextId = 1
const persons = []
const contacts = []
const tests = []
const episodes = []
for (let i = 0; i < 24; i++) {
  const home = i % 2 === 0 ? '420102002' : '420102003'
  const id = nextId++
  const reg = addDays(today(), -400 - i * 7)
  persons.push({
    id, alias: `${SURNAMES[i % 10]}${GIVEN[(i * 5) % 12]}${i >= 10 ? GIVEN[i % 12] : ''}`,
    sex: i % 3 === 0 ? 'female' : 'male', birth_year: 1975 + (i % 25), home_org_unit: home,
    primary_substance: ['heroin', 'methamphetamine', 'ketamine'][i % 3], registration_date: reg,
    has_identity: true, version: 1,
    identity: { name: `张某${i}`, id_number: '11010519491231002X', phone: '13800138000', address: '武汉市江岸区' },
  })
  const ep = { id: nextId++, person: id, kind: i % 4 === 3 ? 'community_rehab' : 'community_detox', org_unit: home,
    start_date: addDays(reg, 10), planned_end_date: addDays(reg, 10 + 1095), end_date: null, status: 'open', decision_number: `江公禁决字〔2025〕${100 + i}号` }
  episodes.push(ep)
  // Last contact and test between 10 and 45 days ago, so some are overdue, some due, some not.
  const back = 10 + ((i * 11) % 36)
  contacts.push({ id: nextId++, person: id, kind: 'home_visit', at: new Date(Date.now() - back * DAY).toISOString(), note: '走访，情况稳定', recorded_by: 'sw.demo', org_unit: home })
  tests.push({ id: nextId++, person: id, sample: 'urine', result: i === 5 ? 'positive' : 'negative', substances: i === 5 ? ['methamphetamine'] : [], at: new Date(Date.now() - (back + 3) * DAY).toISOString(), recorded_by: 'sw.demo', org_unit: home })
}

const sessions = new Map()

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': crypto.randomUUID(), ...headers })
  res.end(json)
}
function problem(res, status, code, detail, errors) {
  const body = { type: `https://huigui.example/problems/${code}`, title: code, status, detail, request_id: crypto.randomUUID() }
  if (errors) body.errors = errors
  res.writeHead(status, { 'Content-Type': 'application/problem+json' })
  res.end(JSON.stringify(body))
}
const page = (items, q) => {
  const limit = Math.min(200, Number(q.get('limit') ?? 50)), offset = Number(q.get('offset') ?? 0)
  return { items: items.slice(offset, offset + limit), total: items.length, limit, offset }
}
function personDto(p) {
  const ep = episodes.find((e) => e.person === p.id && e.status === 'open')
  const { identity, ...rest } = p
  return { ...rest, home_org_unit_name: org(p.home_org_unit).name, current_episode: ep ? episodeDto(ep) : null }
}
function episodeDto(e) {
  const { person, ...rest } = e
  return { ...rest, org_unit_name: org(e.org_unit).name }
}
const strip = ({ person, ...rest }) => rest
function lastDate(rows, pid, fallback) {
  const ds = rows.filter((r) => r.person === pid).map((r) => cst(Date.parse(r.at))).sort()
  return ds.length ? ds[ds.length - 1] : fallback
}
function workItem(p) {
  const ep = episodes.find((e) => e.person === p.id && e.status === 'open')
  if (!ep) return null
  const contact_due = addDays(lastDate(contacts, p.id, ep.start_date), 30)
  const test_due = addDays(lastDate(tests, p.id, ep.start_date), 30)
  const next_due = contact_due < test_due ? contact_due : test_due
  if (diffDays(next_due, today()) > 7) return null
  const overdue_days = Math.max(0, diffDays(today(), next_due))
  return { person: { id: p.id, alias: p.alias, home_org_unit: p.home_org_unit, home_org_unit_name: org(p.home_org_unit).name },
    episode_kind: ep.kind, contact_due, test_due, next_due, overdue_days, status: overdue_days > 0 ? 'overdue' : 'due' }
}

function serveStatic(req, res, pathname) {
  let file = path.join(WEB_ROOT, decodeURIComponent(pathname))
  if (!file.startsWith(WEB_ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(WEB_ROOT, 'index.html')
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff' }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' })
  fs.createReadStream(file).pipe(res)
}

async function readJson(req) {
  let data = ''
  for await (const chunk of req) data += chunk
  return data ? JSON.parse(data) : null
}

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const p = url.pathname
  if (p === '/healthz') return send(res, 200, { status: 'ok', db: 'ok' })
  if (!p.startsWith('/api/')) return serveStatic(req, res, p)
  let body = null
  try {
    body = await readJson(req)
  } catch {
    return problem(res, 400, 'malformed_json', 'Body is not JSON')
  }
  if (p === '/api/v1/session' && req.method === 'POST') {
    const u = users[body?.username]
    if (!u || body.password !== PASSWORD) return problem(res, 401, 'bad_credentials', 'Wrong username or password')
    const token = crypto.randomUUID(), csrf = crypto.randomUUID()
    sessions.set(token, { username: body.username, csrf })
    return send(res, 201, { token, csrf_token: csrf, expires_at: new Date(Date.now() + 8 * 3600e3).toISOString(), user: { username: body.username, role: u.role, org_unit: org(u.org) } },
      { 'Set-Cookie': `huigui_session=${token}; HttpOnly; SameSite=Strict; Path=/` })
  }
  const cookie = /huigui_session=([^;]+)/.exec(req.headers.cookie ?? '')
  const sess = cookie && sessions.get(cookie[1])
  if (!sess) return problem(res, 401, 'unauthenticated', 'Not logged in')
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return problem(res, 403, 'csrf', 'Missing CSRF token')
  const user = { username: sess.username, ...users[sess.username] }
  const scoped = (pp) => inSubtree(pp.home_org_unit, user.org)
  if (p === '/api/v1/session' && req.method === 'DELETE') {
    sessions.delete(cookie[1])
    return send(res, 204)
  }
  if (p === '/api/v1/me') return send(res, 200, { username: user.username, role: user.role, org_unit: org(user.org), csrf_token: sess.csrf, permissions: ['persons:read', 'persons:write', 'identity:reveal'] })
  if (p === '/api/v1/org-units') return send(res, 200, page(orgUnits.filter((o) => inSubtree(o.code, user.org)), url.searchParams))
  if (p === '/api/v1/worklist') {
    const st = url.searchParams.get('status')
    const items = persons.filter(scoped).map(workItem).filter((w) => w && (!st || w.status === st)).sort((a, b) => b.overdue_days - a.overdue_days)
    return send(res, 200, page(items, url.searchParams))
  }
  if (p === '/api/v1/persons' && req.method === 'GET') {
    const q = url.searchParams.get('q'), idn = url.searchParams.get('id_number')
    const items = persons.filter(scoped).filter((x) => (!q || x.alias.startsWith(q)) && (!idn || x.identity?.id_number === idn)).map(personDto)
    return send(res, 200, page(items, url.searchParams))
  }
  const m = /^\/api\/v1\/persons\/(\d+)(\/.*)?$/.exec(p)
  if (m) {
    const person = persons.find((x) => x.id === Number(m[1]))
    if (!person || !scoped(person)) return problem(res, 404, 'not_found', 'No such person')
    const sub = m[2] ?? ''
    const mine = (rows) => rows.filter((r) => r.person === person.id).sort((a, b) => (a.at < b.at ? 1 : -1)).map(strip)
    if (sub === '') return send(res, 200, personDto(person), { ETag: `"${person.version}"` })
    if (sub === '/identity/reveal') {
      if (!body?.reason) return problem(res, 400, 'validation', 'reason is required', [{ field: 'reason', rule: 'required', message: 'reason is required' }])
      return send(res, 200, person.identity)
    }
    if (sub === '/episodes') return send(res, 200, page(episodes.filter((e) => e.person === person.id).map(episodeDto), url.searchParams))
    if (sub === '/contacts' && req.method === 'GET') return send(res, 200, page(mine(contacts), url.searchParams))
    if (sub === '/drug-tests' && req.method === 'GET') return send(res, 200, page(mine(tests), url.searchParams))
    if (sub === '/contacts' || sub === '/drug-tests') {
      if (Date.parse(body.at) > Date.now()) return problem(res, 400, 'validation', 'at is in the future', [{ field: 'at', rule: 'not_in_future', message: 'must not be in the future' }])
      if (sub === '/drug-tests' && (body.result === 'positive') !== (body.substances?.length > 0)) {
        return problem(res, 400, 'validation', 'substances', [{ field: 'substances', rule: 'substances_iff_positive', message: 'substances must be given iff the result is positive' }])
      }
      const row = { id: nextId++, person: person.id, ...body, at: new Date(Date.parse(body.at)).toISOString(), recorded_by: user.username, org_unit: user.org }
      ;(sub === '/contacts' ? contacts : tests).push(row)
      return send(res, 201, strip(row))
    }
    if (sub === '/timeline') {
      const items = [
        { type: 'registration', at: person.registration_date + 'T00:00:00Z', id: person.id, kind: null, summary: '登记建档', org_unit: person.home_org_unit, recorded_by: null },
        ...episodes.filter((e) => e.person === person.id).map((e) => ({ type: 'episode_start', at: e.start_date + 'T00:00:00Z', id: e.id, kind: e.kind, summary: e.decision_number, org_unit: e.org_unit, recorded_by: null })),
        ...mine(contacts).map((c) => ({ type: 'contact', at: c.at, id: c.id, kind: c.kind, summary: c.note, org_unit: c.org_unit, recorded_by: c.recorded_by })),
        ...mine(tests).map((d) => ({ type: 'drug_test', at: d.at, id: d.id, kind: d.result, summary: `${d.sample} ${d.result}`, org_unit: d.org_unit, recorded_by: d.recorded_by })),
      ].sort((a, b) => (a.at < b.at ? 1 : -1))
      return send(res, 200, { items })
    }
  }
  return problem(res, 404, 'not_found', 'No such route')
}).listen(PORT, '127.0.0.1', () => console.log(`mock huigui on http://127.0.0.1:${PORT}`))
