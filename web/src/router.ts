import { createRouter, createWebHashHistory } from 'vue-router'
import { ensureSession, homeRoute, session } from '@/session/session'
import AppLayout from '@/layout/AppLayout.vue'
import LoginPage from '@/pages/login/LoginPage.vue'

// Hash routing: the server's SPA fallback is not needed for deep links (#/persons/42).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
    {
      path: '/',
      component: AppLayout,
      children: [
        { path: '', redirect: () => homeRoute() },
        {
          path: 'dashboard',
          name: 'dashboard',
          component: () => import('@/pages/dashboard/DashboardPage.vue'),
        },
        {
          path: 'worklist',
          name: 'worklist',
          component: () => import('@/pages/worklist/WorklistPage.vue'),
        },
        {
          path: 'persons',
          name: 'persons',
          component: () => import('@/pages/persons/PersonsPage.vue'),
        },
        {
          path: 'persons/:id',
          name: 'person',
          component: () => import('@/pages/person/PersonPage.vue'),
          props: true,
        },
        {
          path: 'alerts',
          name: 'alerts',
          component: () => import('@/pages/alerts/AlertsPage.vue'),
        },
        {
          path: 'handovers',
          name: 'handovers',
          component: () => import('@/pages/handovers/HandoversPage.vue'),
        },
        {
          path: 'aftercare',
          name: 'aftercare',
          component: () => import('@/pages/aftercare/AftercarePage.vue'),
        },
        {
          path: 'facilities',
          name: 'facilities',
          component: () => import('@/pages/facilities/FacilitiesPage.vue'),
        },
        {
          path: 'facilities/:code',
          name: 'facility',
          component: () => import('@/pages/facility/FacilityPage.vue'),
          props: true,
        },
        {
          path: 'allocation',
          name: 'allocation',
          component: () => import('@/pages/allocation/AllocationPage.vue'),
        },
        {
          path: 'indicators',
          name: 'indicators',
          component: () => import('@/pages/indicators/IndicatorsPage.vue'),
        },
        {
          path: 'settings',
          name: 'settings',
          component: () => import('@/pages/settings/SettingsPage.vue'),
        },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const loggedIn = await ensureSession()
  if (to.meta.public) {
    return loggedIn && to.name === 'login' ? homeRoute() : true
  }
  if (!loggedIn || !session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  return true
})
