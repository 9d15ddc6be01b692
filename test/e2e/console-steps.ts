import { type Page, expect } from '@playwright/test';
import type { RunningDesk } from '../support/headless-desk';
import { totpNow } from '../support/totp';

/*
 * Steps through the console as a person would, shared by the e2e specs. Selectors work in both
 * languages (test ids, or label patterns naming both), so a spec can switch language freely.
 */

export const TOTP_STEP_MS = 30_000;
export const stepAt = (ms: number) => Math.floor(ms / TOTP_STEP_MS);

/** A field of a form, by its label in either language (Mantine adds " *" to required labels). */
export const field = (page: Page, zh: string, en: string) =>
  page.getByLabel(new RegExp(`^(${escape(zh)}|${escape(en)})`));

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function signIn(page: Page, username: string, password: string, desk?: 'minhang' | 'xuhui') {
  await field(page, '用户名', 'Username').fill(username);
  await field(page, '密码', 'Password').fill(password);
  if (desk) await page.getByTestId(`desk-${desk}`).click();
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

export async function changeOneTimePassword(page: Page, oneTimePassword: string, newPassword: string) {
  const form = page.getByTestId('change-password-form');
  await expect(form).toBeVisible();
  await field(page, '一次性密码', 'One-time password').fill(oneTimePassword);
  await field(page, '新密码', 'New password').fill(newPassword);
  await field(page, '再次输入新密码', 'Repeat the new password').fill(newPassword);
  await form.getByRole('button').filter({ hasText: /设置密码并继续|Set password and continue/ }).click();
}

/** Reads the key shown for manual entry and confirms the enrollment; returns the secret and the TOTP step used. */
export async function enrollTotp(page: Page): Promise<{ secret: string; step: number }> {
  const shown = page.getByTestId('totp-secret');
  await expect(shown).toBeVisible();
  const secret = (await shown.innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const now = Date.now();
  await page.getByTestId('totp-code').fill(totpNow(secret, now));
  await page.getByRole('button', { name: /^(确认并继续|确认|Confirm and continue|Confirm)$/ }).click();
  return { secret, step: stepAt(now) };
}

/** A TOTP code for a step after `usedStep`: the desk refuses a step it has already accepted. Waits for it if needed. */
export async function freshTotp(secret: string, usedStep: number): Promise<string> {
  const wait = (usedStep + 1) * TOTP_STEP_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 200));
  return totpNow(secret);
}

export interface Admin {
  username: string;
  password: string;
  secret: string;
  totpStep: number;
}

/** First run: the printed one-time password, the forced change, TOTP enrollment; ends in the shell. */
export async function onboardAdmin(page: Page, desk: RunningDesk, password = 'Quiet harbour lanterns 2024'): Promise<Admin> {
  if (!desk.admin) throw new Error(`the desk printed no first-run credentials:\n${desk.output()}`);
  await page.goto(desk.url);
  await signIn(page, desk.admin.username, desk.admin.oneTimePassword, 'minhang');
  await changeOneTimePassword(page, desk.admin.oneTimePassword, password);
  const { secret, step } = await enrollTotp(page);
  await expect(page.getByTestId('nav-staff')).toBeVisible();
  return { username: desk.admin.username, password, secret, totpStep: step };
}

/** Creates a staff member on the Staff page and returns the one-time password the modal shows once. */
export async function createStaff(page: Page, member: { username: string; displayName: string; roles: RegExp[] }): Promise<string> {
  await page.getByTestId('nav-staff').click();
  await page.getByTestId('new-staff').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(用户名|Username)/).fill(member.username);
  await dialog.getByLabel(/^(显示名称|Display name)/).fill(member.displayName);
  for (const role of member.roles) await dialog.getByRole('checkbox', { name: role }).click();
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const otp = page.getByTestId('one-time-password');
  await expect(otp).toBeVisible();
  const password = (await otp.innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await page.getByTestId('otp-done').click();
  await expect(page.getByTestId(`staff-row-${member.username}`)).toBeVisible();
  return password;
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-notice')).toBeVisible();
}

/** Calls a desk channel from inside the page as its client does: same origin, the page's session cookie and the proof it keeps in sessionStorage. */
export function rpcFromPage(page: Page, channel: string, input: unknown = {}) {
  return page.evaluate(
    async ({ channel, input }) => {
      const res = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-session': (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('desk.sessionProof') ?? '' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
    },
    { channel, input },
  );
}
