import { SMS_PLACEHOLDERS } from '../../shared/contract/notify';

export interface SmsFields {
  to: string;
  text: string;
  signature: string;
}

export const DEFAULT_SMS_BODY_TEMPLATE = '{"mobile": "{{to}}", "content": "{{text}}", "sign": "{{signature}}"}';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Why a body template cannot be used, or null: it must be a JSON object naming the number and the text. */
export function smsBodyTemplateProblem(template: string): 'not_json' | 'not_object' | 'missing_to' | 'missing_text' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    return 'not_json';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not_object';
  if (!template.includes(SMS_PLACEHOLDERS[0])) return 'missing_to';
  if (!template.includes(SMS_PLACEHOLDERS[1])) return 'missing_text';
  return null;
}

function fill(value: Json, fields: SmsFields): Json {
  if (typeof value === 'string') {
    return value.replace(/\{\{(to|text|signature)\}\}/g, (_whole, name: keyof SmsFields) => fields[name]);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, fields));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, fields)]));
  return value;
}

/**
 * The gateway's request body: the admin's JSON template with the placeholders filled in inside
 * its string values, so that whatever the text holds (quotes, newlines) it stays one JSON value.
 */
export function smsRequestBody(template: string, fields: SmsFields): string {
  return JSON.stringify(fill(JSON.parse(template) as Json, fields));
}
