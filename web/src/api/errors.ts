import type { FieldError, Problem } from './types'

/**
 * A failed API call. `status` is the HTTP status (0 when the network failed); `problem` is the
 * parsed problem+json body when the server sent one.
 */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem | null

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail || problem?.title || fallback)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  /** The problem code: the last path segment of `type` (`.../problems/<code>`), or ''. */
  get code(): string {
    const type = this.problem?.type ?? ''
    const slash = type.lastIndexOf('/')
    return slash >= 0 ? type.slice(slash + 1) : type
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? []
  }

  /** Field messages keyed by field path (`identity.id_number`), several joined by '; '. */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.fieldErrors) {
      out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message
    }
    return out
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body
}
