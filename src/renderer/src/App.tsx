import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { LanguageRoot } from './session/LanguageRoot';
import { Root } from './Root';
import { SessionProvider } from './session/SessionProvider';
import { theme } from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <SessionProvider>
        <LanguageRoot>
          <Notifications position="bottom-right" />
          <Root />
        </LanguageRoot>
      </SessionProvider>
    </MantineProvider>
  );
}
