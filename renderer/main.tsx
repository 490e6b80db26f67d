import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import 'dayjs/locale/zh-cn'
import './i18n'
import './styles.css'
import { App } from './App'
import { CustomerPanel } from './screens/ratings/CustomerPanel'
import { isCustomerPanelHash } from './screens/ratings/panelRoute'

// `#/rate` opens this window as the customer-facing rating panel (好差评), without the counter's app around it.
createRoot(document.getElementById('root')!).render(<StrictMode>{isCustomerPanelHash(window.location.hash) ? <CustomerPanel /> : <App />}</StrictMode>)
