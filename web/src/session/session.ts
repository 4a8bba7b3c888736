import { reactive, readonly } from 'vue'
import { api, isApiError, setCsrfToken } from '@/api'
import type { Me, SessionCreate, User } from '@/api'

interface SessionState {
  user: User | null
  permissions: string[]
  /** True once we asked the server whether a session cookie is still valid. */
  checked: boolean
}

const state = reactive<SessionState>({ user: null, permissions: [], checked: false })

export const session = readonly(state)

function adopt(me: Me): void {
  const { csrf_token: _csrf, ...user } = me
  state.user = user
  state.permissions = me.permissions ?? []
  setCsrfToken(me.csrf_token)
}

function clear(): void {
  state.user = null
  state.permissions = []
  setCsrfToken(null)
}

/** Restores a session from the cookie (GET /me) once per page load; false when not logged in. */
export async function ensureSession(): Promise<boolean> {
  if (state.checked) return state.user !== null
  try {
    adopt(await api.me())
  } catch (e) {
    if (!isApiError(e) || e.status !== 401) console.warn('session probe failed', e)
    clear()
  }
  state.checked = true
  return state.user !== null
}

export async function login(req: SessionCreate): Promise<void> {
  const s = await api.login(req)
  state.user = s.user
  state.permissions = s.user.permissions ?? []
  setCsrfToken(s.csrf_token)
  state.checked = true
  // /me carries the permissions; a failure here must not undo a successful login.
  try {
    adopt(await api.me())
  } catch (e) {
    console.warn('GET /me after login failed', e)
  }
}

export async function logout(): Promise<void> {
  try {
    await api.logout()
  } finally {
    clear()
    state.checked = true
  }
}

/** Forget the local session without calling the server (it already answered 401). */
export function dropSession(): void {
  clear()
  state.checked = true
}

/** Where a user lands: analysts (aggregates only, no caseload) on the dashboard, others on their worklist. */
export function homeRoute(): { name: string } {
  return session.user?.role === 'analyst' ? { name: 'dashboard' } : { name: 'worklist' }
}
