// GET /api/v1/audit and the `huigui audit verify` command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, post, expectStatus, expectProblem, token, createPerson, assertList, suffix } from './helpers.mjs';

const BIN = process.env.HUIGUI_BIN;
const DB = process.env.HUIGUI_DB;
const KEY = process.env.HUIGUI_KEY;

function assertEntry(e) {
  for (const k of ['seq', 'at', 'username', 'role', 'action', 'person_id', 'org_unit', 'request_id', 'detail']) {
    assert.ok(k in e, `AuditEntry.${k}: ${JSON.stringify(e)}`);
  }
  assert.equal(typeof e.seq, 'number');
  assert.match(String(e.at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, `AuditEntry.at in UTC: ${e.at}`);
}

async function auditFor(personId) {
  return assertList(await get(`/audit?person_id=${personId}&limit=200`, { token: await token('auditor') }));
}

test('a person read by a social worker is audited with user, role and request id', async () => {
  const p = await createPerson('sw.dazhi');
  const before = await auditFor(p.id);
  const rid = `audit-${suffix()}`;
  expectStatus(await get(`/persons/${p.id}`, { token: await token('sw.dazhi'), headers: { 'X-Request-Id': rid } }), 200);
  const after = await auditFor(p.id);
  assert.ok(after.total > before.total, 'a new audit row for the read');
  after.items.forEach(assertEntry);
  const row = after.items.find((e) => e.request_id === rid);
  assert.ok(row, `an audit row carries request_id ${rid}: ${JSON.stringify(after.items.slice(0, 5))}`);
  assert.equal(row.username, 'sw.dazhi');
  assert.equal(row.role, 'social_worker');
  assert.equal(String(row.person_id), String(p.id));
  assert.ok(!JSON.stringify(after).includes(p.sent.identity.id_number), 'no identity in audit rows');
});

test('an identity reveal is audited with its reason', async () => {
  const p = await createPerson('sw.dazhi');
  const reason = `reveal-reason-${suffix()}`;
  const rid = `reveal-${suffix()}`;
  expectStatus(await post(`/persons/${p.id}/identity/reveal`, { reason }, { token: await token('sw.dazhi'), headers: { 'X-Request-Id': rid } }), 200);
  const rows = await auditFor(p.id);
  const row = rows.items.find((e) => e.request_id === rid);
  assert.ok(row, 'reveal audited');
  assert.match(row.action, /reveal/i);
  assert.ok(JSON.stringify(row.detail).includes(reason), `the reason is in detail: ${JSON.stringify(row)}`);
  assert.ok(!JSON.stringify(row).includes(p.sent.identity.id_number), 'the revealed number is not in the audit row');
  // Filter by action and username.
  const byAction = assertList(await get(`/audit?person_id=${p.id}&action=${encodeURIComponent(row.action)}`, { token: await token('auditor') }));
  assert.ok(byAction.items.length >= 1);
  assert.ok(byAction.items.every((e) => e.action === row.action));
  const byUser = assertList(await get('/audit?username=sw.dazhi&limit=5', { token: await token('auditor') }));
  assert.ok(byUser.items.length >= 1);
  assert.ok(byUser.items.every((e) => e.username === 'sw.dazhi'));
  const refused = await post(`/persons/${p.id}/identity/reveal`, {}, { token: await token('sw.dazhi') });
  expectProblem(refused, 400, 'reason');
  const again = await auditFor(p.id);
  assert.equal(again.items.filter((e) => /reveal/i.test(e.action)).length, rows.items.filter((e) => /reveal/i.test(e.action)).length,
    'a refused reveal records no reveal');
});

test('GET /audit: admin and auditor read; others 403; pagination; bad query 400', async () => {
  const admin = assertList(await get('/audit?limit=3', { token: await token('admin') }));
  assert.ok(admin.items.length <= 3);
  assert.ok(admin.total >= admin.items.length);
  // Pagination over a stable set: the read rows of one fresh person (reading the audit may
  // itself be audited, so filter by the action of a person read).
  const p = await createPerson('sw.dazhi');
  const rid = `page-${suffix()}`;
  expectStatus(await get(`/persons/${p.id}`, { token: await token('sw.dazhi'), headers: { 'X-Request-Id': rid } }), 200);
  for (let i = 0; i < 4; i++) expectStatus(await get(`/persons/${p.id}`, { token: await token('sw.dazhi') }), 200);
  const rows = assertList(await get(`/audit?person_id=${p.id}`, { token: await token('auditor') }));
  assert.equal(rows.limit, 50, 'default limit 50');
  const readAction = rows.items.find((e) => e.request_id === rid)?.action;
  assert.ok(readAction, 'the read is audited');
  const q = `/audit?person_id=${p.id}&action=${encodeURIComponent(readAction)}`;
  const all = assertList(await get(q, { token: await token('auditor') }));
  assert.equal(all.total, 5, 'five audited reads');
  const a = assertList(await get(`${q}&limit=2&offset=0`, { token: await token('auditor') }));
  const b = assertList(await get(`${q}&limit=2&offset=2`, { token: await token('auditor') }));
  assert.equal(a.items.length, 2);
  assert.equal(b.items.length, 2);
  assert.equal(a.total, 5);
  assert.equal(b.offset, 2);
  assert.deepEqual([...a.items, ...b.items].map((e) => e.seq), all.items.slice(0, 4).map((e) => e.seq), 'pages follow the full list');
  for (const u of ['director.hubei', 'sw.dazhi', 'police.jiangan', 'analyst', 'inspector', 'officer.shizishan']) {
    expectProblem(await get('/audit', { token: await token(u) }), 403);
  }
  const t = await token('auditor');
  expectProblem(await get('/audit?person_id=abc', { token: t }), 400, 'person_id');
  expectProblem(await get('/audit?limit=201', { token: t }), 400, 'limit');
  expectProblem(await get('/audit'), 401);
});

function verify(db) {
  return spawnSync(BIN, ['audit', 'verify', '--db', db, '--key', KEY], { encoding: 'utf8', timeout: 60000 });
}

test('`huigui audit verify` exits 0 on the live database', { skip: !BIN || !DB || !KEY ? 'HUIGUI_BIN/DB/KEY not set' : false }, () => {
  const r = verify(DB);
  assert.equal(r.status, 0, `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
});

const sqliteFile = DB?.startsWith('sqlite:') ? DB.slice('sqlite:'.length) : null;
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

test('`huigui audit verify` detects a tampered audit row (SQLite copy) and names its seq',
  { skip: !BIN || !sqliteFile ? 'needs HUIGUI_BIN and a sqlite: HUIGUI_DB' : !hasSqlite3 ? 'sqlite3 CLI missing' : false }, (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'huigui-audit-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const copy = join(dir, 'copy.db');
    // .backup copes with WAL mode while the server runs.
    const b = spawnSync('sqlite3', [sqliteFile, `.backup '${copy}'`], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(copy));
    const ok = verify(`sqlite:${copy}`);
    assert.equal(ok.status, 0, `untampered copy verifies: ${ok.stdout}${ok.stderr}`);
    const u = spawnSync('sqlite3', [copy, "UPDATE audit_log SET action='x' WHERE seq=3; SELECT changes();"], { encoding: 'utf8' });
    assert.equal(u.status, 0, u.stderr);
    assert.equal(u.stdout.trim(), '1', 'one audit row changed');
    const bad = verify(`sqlite:${copy}`);
    assert.notEqual(bad.status, 0, `verify must fail on a tampered copy: ${bad.stdout}${bad.stderr}`);
    assert.match(`${bad.stdout}\n${bad.stderr}`, /\b3\b/, 'the output names seq 3');
  });

test('BIN is executable when given', { skip: !BIN }, () => {
  assert.ok(existsSync(BIN));
});

test('writes are audited: contact, drug test and episode creation carry their request ids', async () => {
  const p = await createPerson('sw.dazhi');
  const t = await token('sw.dazhi');
  const ids = {};
  const send = async (what, path, body) => {
    ids[what] = `w-${what}-${suffix()}`;
    expectStatus(await post(path, body, { token: t, headers: { 'X-Request-Id': ids[what] } }), 201);
  };
  const now = new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  await send('contact', `/persons/${p.id}/contacts`, { kind: 'phone', at: now, note: 'audit me' });
  await send('test', `/persons/${p.id}/drug-tests`, { sample: 'urine', result: 'negative', at: now, substances: [] });
  await send('episode', `/persons/${p.id}/episodes`, { kind: 'community_detox', org_unit: '420102002', start_date: '2026-02-01' });
  const rows = await auditFor(p.id);
  for (const [what, rid] of Object.entries(ids)) {
    const row = rows.items.find((e) => e.request_id === rid);
    assert.ok(row, `${what} is audited`);
    assert.equal(row.username, 'sw.dazhi');
    assert.equal(String(row.person_id), String(p.id));
  }
});
