import type { Desk } from '../../../shared/desks';
import type { MessageKey } from '../i18n';

/** Campus and place of each desk, as message keys. */
export const DESK_NAMES: Record<Desk, { campus: MessageKey; place: MessageKey }> = {
  minhang: { campus: 'desk.minhang.campus', place: 'desk.minhang.place' },
  xuhui: { campus: 'desk.xuhui.campus', place: 'desk.xuhui.place' },
};
