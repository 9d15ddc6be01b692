import { useState } from 'react';
import { useKeyErrors } from './use-key-errors';

const NO_FIELDS: readonly string[] = [];

/** A confirmation dialog's one action: busy while it runs, the refusal in the keys screen's words. */
export function useConfirm(onConfirm: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const errors = useKeyErrors(NO_FIELDS);
  async function confirm() {
    errors.clear();
    setBusy(true);
    try {
      await onConfirm();
    } catch (err) {
      errors.report(err);
      setBusy(false);
    }
  }
  return { busy, formError: errors.formError, confirm };
}
