import { Modal, type ModalProps } from 'antd'
import { DIALOG_OPEN_ATTRIBUTE } from '../hooks/dialogFocus'
import { useFocusReturn } from '../hooks/useFocusReturn'

/**
 * Every dialog of the app (antd's Modal, through here only — a test holds
 * to that): it gives the keyboard back to the page the moment it closes,
 * to the element that had focus before it opened, else the screen's region
 * (see hooks/dialogFocus.ts for why antd's own return is not used). Its root
 * says whether it is open, so a closing dialog swallows no shortcut.
 */
export function Dialog(props: ModalProps): React.JSX.Element {
  const open = props.open ?? false
  useFocusReturn(open)
  const attributes = { [DIALOG_OPEN_ATTRIBUTE]: String(open) }
  return <Modal {...props} {...attributes} focusable={{ ...props.focusable, focusTriggerAfterClose: false }} />
}
