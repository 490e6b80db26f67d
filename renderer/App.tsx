import { Alert, ConfigProvider, Layout, Menu } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../main/contract'
import { call } from './bridge/client'
import { TopBar } from './components/TopBar'
import { ScanRouting } from './components/ScanRouting'
import { PrintPreviewHost } from './components/PrintPreview'
import { useCameraLight } from './hooks/useCameraLight'
import { isForPage } from './hooks/dialogFocus'
import { useCommandState } from './hooks/useCommandState'
import { navigate, screenIds, useRoute, type Route, type ScreenId } from './hooks/useRoute'
import { AgentScreen } from './screens/AgentScreen'
import { CasesScreen } from './screens/CasesScreen'
import { CourierScreen } from './screens/CourierScreen'
import { DevicesScreen } from './screens/DevicesScreen'
import { IntakeScreen } from './screens/IntakeScreen'
import { OutputScreen } from './screens/OutputScreen'
import { ReportsScreen } from './screens/ReportsScreen'
import { ReviewScreen } from './screens/ReviewScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { ScreenGate } from './components/ScreenGate'
import { useIdleSignOut } from './hooks/useIdleSignOut'

function renderScreen(route: Route): ReactNode {
  switch (route.screen) {
    case 'intake':
      return <IntakeScreen />
    case 'cases':
      return <CasesScreen caseNo={route.params[0]} />
    case 'output':
      return <OutputScreen caseNo={route.params[0]} />
    case 'courier':
      return <CourierScreen caseNo={route.params[0]} />
    case 'agent':
      return <AgentScreen />
    case 'reports':
      return <ReportsScreen />
    case 'devices':
      return <DevicesScreen />
    case 'review':
      return <ReviewScreen caseNo={route.params[0]} />
    case 'settings':
      return <SettingsScreen />
  }
}

/** Alt+1…Alt+9 reach every screen from anywhere: the counter is busy, the mouse is far. */
function useScreenShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      // An open dialog keeps its keys: leaving the screen under it would strand what it holds.
      if (!isForPage(event)) return
      const index = Number(event.key) - 1
      const screen = screenIds[index]
      if (Number.isInteger(index) && screen) {
        event.preventDefault()
        navigate(screen)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

export function App(): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const route = useRoute()
  const { value: info, error: startError } = useCommandState<CommandOutput<'system.info'> | null>('system.info', {
    initial: null,
    load: () => call('system.info', {}),
  })
  useScreenShortcuts()
  useCameraLight()
  useIdleSignOut()

  const items = screenIds.map((id: ScreenId, i) => ({
    key: id,
    label: (
      <span className="nav-item" data-testid={`nav-${id}`}>
        <span>{t(`nav.${id}`)}</span>
        <span className="nav-hint">{t('navHint', { key: i + 1 })}</span>
      </span>
    ),
  }))

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 4 } }}>
      <Layout className="app">
        <Layout.Sider width={168} theme="light" className="app-nav">
          <div className="app-brand">{t('appName')}</div>
          <Menu mode="inline" selectedKeys={[route.screen]} items={items} onClick={({ key }) => navigate(key)} />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <TopBar info={info} />
          </Layout.Header>
          <Layout.Content className="app-content">
            {startError ? <Alert type="error" showIcon message={startError} /> : <ScreenGate screen={route.screen}>{renderScreen(route)}</ScreenGate>}
          </Layout.Content>
        </Layout>
      </Layout>
      <ScanRouting profile={info?.profile ?? null} />
      <PrintPreviewHost />
    </ConfigProvider>
  )
}
