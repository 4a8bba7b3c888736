// Checks the typed API client (src/api/types.ts, src/api/client.ts) against the server's OpenAPI
// document: every route the client calls must be in the document, and every interface in
// types.ts named like a component schema must have the same property names.
//
//   node scripts/check-api.mjs [../src/http/openapi.json | http://127.0.0.1:8080/api/v1/openapi.json]
//
// Exit status 0 when they agree, 1 otherwise; 2 when the document cannot be read. Also used by
// the browser tests (tests/e2e) against the running server.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const SRC = path.resolve(here, '..', 'src', 'api')

/** Interfaces of types.ts: name → { props: Set, required: Set }, `extends` resolved. */
export function readInterfaces(source = fs.readFileSync(path.join(SRC, 'types.ts'), 'utf8')) {
  const raw = new Map()
  for (const m of source.matchAll(/export interface (\w+)(?:<\w+>)?(?: extends ([\w, ]+))? \{([^}]*)\}/g)) {
    const props = new Map()
    for (const p of m[3].matchAll(/^\s+(\w+)(\??):/gm)) props.set(p[1], p[2] !== '?')
    raw.set(m[1], { parents: m[2] ? m[2].split(',').map((s) => s.trim()) : [], props })
  }
  const resolve = (name) => {
    const r = raw.get(name)
    if (!r) return new Map()
    const out = new Map()
    for (const parent of r.parents) for (const [k, v] of resolve(parent)) out.set(k, v)
    for (const [k, v] of r.props) out.set(k, v)
    return out
  }
  return new Map([...raw.keys()].map((n) => [n, resolve(n)]))
}

/** `METHOD /api/v1/path/{id}` of every call in client.ts. */
export function readClientRoutes(source = fs.readFileSync(path.join(SRC, 'client.ts'), 'utf8')) {
  const routes = new Set()
  for (const m of source.matchAll(/request<[^(]*>\(\s*'(\w+)',\s*[`'](\/[^`']*)[`']/g)) {
    const p = m[2].replace(/\$\{encodeURIComponent\(String\(\w+\)\)\}/g, '{id}')
    routes.add(`${m[1]} /api/v1${p}`)
  }
  return routes
}

function schemaProps(schema, components, seen = new Set()) {
  if (!schema) return null
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()
    if (seen.has(name)) return null
    return schemaProps(components[name], components, new Set([...seen, name]))
  }
  if (schema.allOf) {
    const out = { props: new Set(), required: new Set() }
    for (const s of schema.allOf) {
      const p = schemaProps(s, components, seen)
      if (p) {
        p.props.forEach((x) => out.props.add(x))
        p.required.forEach((x) => out.required.add(x))
      }
    }
    return out
  }
  if (!schema.properties) return null
  return { props: new Set(Object.keys(schema.properties)), required: new Set(schema.required ?? []) }
}

/** Compares; returns a list of human-readable problems (empty when the client agrees). */
export function compare(doc, interfaces = readInterfaces(), routes = readClientRoutes()) {
  const problems = []
  const paths = doc.paths ?? {}
  for (const r of routes) {
    const [method, p] = r.split(' ')
    const item = paths[p] ?? Object.entries(paths).find(([k]) => k.replace(/\{[^}]+\}/g, '{id}') === p)?.[1]
    if (!item || !item[method.toLowerCase()]) problems.push(`route ${r} is not in the OpenAPI document`)
  }
  const components = doc.components?.schemas ?? {}
  for (const [name, schema] of Object.entries(components)) {
    const mine = interfaces.get(name)
    if (!mine) continue
    const theirs = schemaProps(schema, components)
    if (!theirs) continue
    for (const p of theirs.props) if (!mine.has(p)) problems.push(`${name}.${p} is in the OpenAPI document but not in types.ts`)
    for (const p of mine.keys()) if (!theirs.props.has(p)) problems.push(`${name}.${p} is in types.ts but not in the OpenAPI document`)
  }
  return problems
}

async function load(source) {
  if (/^https?:/.test(source)) {
    const res = await fetch(source)
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`)
    return res.json()
  }
  return JSON.parse(fs.readFileSync(source, 'utf8'))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? path.resolve(here, '..', '..', 'src', 'http', 'openapi.json')
  let doc
  try {
    doc = await load(source)
  } catch (e) {
    console.error(`check-api: cannot read the OpenAPI document: ${e.message}`)
    process.exit(2)
  }
  const problems = compare(doc)
  const shared = [...readInterfaces().keys()].filter((n) => doc.components?.schemas?.[n])
  for (const p of problems) console.error(`check-api: ${p}`)
  console.log(`check-api: ${readClientRoutes().size} routes, ${shared.length} schemas compared (${shared.join(', ')}); ${problems.length} problems`)
  process.exit(problems.length ? 1 : 0)
}
