import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled group of fields in a form: a small dimmed uppercase heading over its inputs. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Text fz="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {children}
    </Stack>
  );
}
