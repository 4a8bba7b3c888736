import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
// Self-hosted CJK web font: intranet deployments cannot reach a font CDN, and machines without a
// Chinese system font (kiosks, CI browsers) would otherwise show empty boxes.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/500.css'
import './styles/main.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { setUnauthorizedHandler } from './api'
import { dropSession } from './session/session'

setUnauthorizedHandler(() => {
  dropSession()
  if (router.currentRoute.value.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
  }
})

createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
