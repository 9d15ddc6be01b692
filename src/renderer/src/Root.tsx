import { Center, Loader } from '@mantine/core';
import { LockScreen } from './shell/LockScreen';
import { Shell } from './shell/Shell';
import { SignInPage } from './features/sign-in/SignInPage';
import { SignInSteps } from './features/sign-in/SignInSteps';
import { useSession } from './session/SessionProvider';

/** Which screen the console shows follows from the session alone. */
export function Root() {
  const { state } = useSession();
  if (state.kind === 'loading') {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  if (state.kind === 'signed-out') return <SignInPage notice={state.notice} />;
  if (state.view.stage !== 'active') return <SignInSteps view={state.view} />;
  if (state.view.locked) return <LockScreen />;
  return <Shell />;
}
