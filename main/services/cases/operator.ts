import { AppError } from '../../domain/errors'
import type { SessionService } from '../system/session'

/**
 * The signed-in operator every write records. Commands carry no operator of
 * their own, so a screen cannot write in someone else's name.
 */
export function requireOperator(session: SessionService): string {
  const operator = session.get().operator
  if (!operator) throw new AppError('FORBIDDEN', '请先登录（输入工号）')
  return operator
}
