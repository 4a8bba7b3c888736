export * from './types'
export { ApiError, isApiError } from './errors'
export { api, setCsrfToken, setUnauthorizedHandler } from './client'
