import { useState } from 'react';
import type { ApplicationSummary } from '../../../../shared/contract/verification';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { IntakeDone } from './IntakeDone';
import { IntakeRefusal, type Refusal, refusalOf } from './IntakeRefusal';

/** What an intake form keeps of the desk's answers: busy, the application taken in, a refusal, and the errors. */
export function useIntake(fields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<ApplicationSummary | null>(null);
  const errors = useFormErrors(fields);

  /** Sends an application; once taken in it is shown and `onDone` runs. A refusal shows as one, anything else as errors. */
  async function send(request: () => Promise<ApplicationSummary>, onDone: () => void) {
    setBusy(true);
    try {
      setDone(await request());
      onDone();
    } catch (err) {
      const refused = refusalOf(err);
      if (refused) setRefusal(refused);
      else errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return { busy, setBusy, refusal, setRefusal, done, setDone, errors, send };
}

/** The desk's answer at the top of an intake form: the application taken in, a refusal, or the form's error. */
export function IntakeAnswer({ intake }: { intake: ReturnType<typeof useIntake> }) {
  return (
    <>
      <IntakeDone application={intake.done} onClose={() => intake.setDone(null)} />
      <IntakeRefusal refusal={intake.refusal} />
      <FormAlert message={intake.errors.formError} />
    </>
  );
}
