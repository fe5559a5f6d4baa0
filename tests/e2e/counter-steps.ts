import type { Page } from 'playwright-core';
import { MANAGER_PIN } from '../property/support/sync-world';

/** A manager types the PIN into the prompt that is waiting for it. */
export async function approve(page: Page, pin = MANAGER_PIN): Promise<void> {
  await page.getByTestId('pin-prompt').waitFor();
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('pin-prompt').waitFor({ state: 'detached' });
}

/** Types into the catalog search and puts the first hit on the bill with Enter. */
export async function addBySearch(page: Page, text: string): Promise<void> {
  const field = page.getByTestId('catalog-search');
  await field.fill(text);
  await page.getByTestId('catalog-item').first().waitFor();
  await field.press('Enter');
}

/** Signs a counter user in with their PIN where the screen asks for it (收银 and 核销 share the sign-in). */
export async function signInAtCounter(page: Page, pin = MANAGER_PIN): Promise<void> {
  // A till's first sync brings its staff: a PIN typed before they arrive is refused, as a cashier
  // would see, and typed again.
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('staff-pin').fill(pin);
    await page.getByTestId('staff-sign-in').click();
    try {
      await page.getByTestId('staff-current').waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
