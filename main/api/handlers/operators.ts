import type { Handler } from '../dispatcher'
import { requireOperator } from '../../services/cases/operator'

export const operatorsList: Handler<'operators.list'> = (_input, { services }) => services.operators.list()

export const operatorsAdd: Handler<'operators.add'> = (input, { services }) => services.operators.add(input, requireOperator(services.session))

export const operatorsDisable: Handler<'operators.disable'> = async (input, { services }) => {
  const view = await services.operators.setDisabled(input.id, true, requireOperator(services.session))
  services.session.endSessionsOf(view.id, 'disabled')
  return view
}

export const operatorsEnable: Handler<'operators.enable'> = (input, { services }) => services.operators.setDisabled(input.id, false, requireOperator(services.session))

export const operatorsResetPin: Handler<'operators.resetPin'> = async (input, { services }) => {
  const view = await services.operators.resetPin(input.id, input.pin, requireOperator(services.session))
  services.session.endSessionsOf(view.id, 'pinReset')
  return view
}
