import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DesignerHarness } from './designerHarness.js';

/** A fresh browser context on the designer, logged in as a demo user (password `demo`). */
export async function openAs(browser: Browser, url: string, username: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error ${username}]`, error.message));
  await page.goto(url);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator(`.app-header .user[data-user="${username}"]`).waitFor();
  return page;
}

export async function tokenOf(harness: DesignerHarness, username: string): Promise<string> {
  const response = await fetch(`${harness.server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(response.status, `login as ${username}`).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

export async function callAs<T>(harness: DesignerHarness, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(harness.server.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}: ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

// Run in the page (the test's tsconfig has no DOM types, hence `any`).
export function scrollWidth(): number {
  return (globalThis as any).document.documentElement.scrollWidth;
}

/** Opens the task of an application at an element from the inbox (refreshing until it is there). */
export async function openFromInbox(page: Page, trackingNumber: string, elementId: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/inbox`);
  const row = page.locator(`tereze-task-list li[data-element="${elementId}"]`, { hasText: trackingNumber });
  await expect.poll(async () => {
    if (await row.count()) return true;
    await page.getByRole('button', { name: 'Refresh' }).click();
    return false;
  }, { timeout: 20_000, interval: 1_000 }).toBe(true);
  await row.getByRole('link').click();
  await page.locator('tereze-task-page tereze-task-form .fjs-form').waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
    await page.screenshot({ path: 'artifacts/e2e/open-from-inbox-debug.png' });
    throw error;
  });
}
