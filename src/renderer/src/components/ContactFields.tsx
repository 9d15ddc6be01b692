import { TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

/** One contact input as a form has it: its label, an optional hint, the value and its error. */
export interface ContactInput {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  required?: boolean;
}

/** A person's mobile number and email address, as every intake form takes them. */
export function ContactFields({ mobile, email }: { mobile: ContactInput; email: ContactInput }) {
  return (
    <>
      <TextInput
        label={mobile.label}
        description={mobile.description}
        value={mobile.value}
        onChange={(e) => mobile.onChange(e.currentTarget.value)}
        error={mobile.error}
        maxLength={24}
        type="tel"
        autoComplete="off"
        classNames={{ input: 'mono' }}
        required={mobile.required}
      />
      <TextInput
        label={email.label}
        description={email.description}
        value={email.value}
        onChange={(e) => email.onChange(e.currentTarget.value)}
        error={email.error}
        maxLength={254}
        type="email"
        autoComplete="off"
        required={email.required}
      />
    </>
  );
}
