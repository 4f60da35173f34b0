// Two-factor authentication through the app, as people use it. A Staff member made by the Owner turns
// it on from the profile (the key read from the page as an authenticator app would, codes computed
// by tests/e2e/totp.ts), sees the recovery codes once, signs in with a code and with a recovery code
// (which works once), and turns it off; signed out everywhere by the Owner, the app returns to the
// sign-in page. The Owner requires it for Supervisors: a Supervisor without
// it is sent to set it up and can use nothing else until it is on, and the Owner sees who has it.
// Fresh accounts throughout: a wrong code counts towards the sign-in lockout of that e-mail.
import { describe, expect, it } from 'vitest';
import { as, db, shopIds } from '../support/context.ts';
import {
  appUrl,
  browserSessions,
  DESKTOP,
  freshCode,
  login,
  PHONE,
  screenshot,
  signIn,
  signOut,
  twoFactor,
} from './pages.ts';
import { totp } from './totp.ts';

const PASSWORD = 'two-factor-pass-1';
const made: string[] = [];

const session = browserSessions(PHONE, async () => {
  const owner = await as('kampalaOwner');
  // The requirement would stop the demo Supervisor in the other test files.
  await owner.request('PUT', '/api/shop/security', { require_two_factor: [] });
  // Suspended, not deleted: a user who signed in has audit entries, which are append-only.
  for (const id of made) await owner.request('POST', `/api/staff/${id}/suspend`);
});

/** A fresh account of the Kampala shop, made by its Owner; answers its e-mail and (unique) name. */
async function member(
  role: 'Staff' | 'Supervisor',
  first: string,
): Promise<{ id: string; email: string; name: string }> {
  const stamp = String(Date.now());
  const email = `two-factor-${role.toLowerCase()}-${stamp}@kampala.example.com`;
  const lastName = `Twofactor ${stamp.slice(-6)}`;
  const owner = await as('kampalaOwner');
  const created = await owner.call<{ id: string }>('POST', '/api/staff', {
    email,
    password: PASSWORD,
    first_name: first,
    last_name: lastName,
    role,
  });
  made.push(created.id);
  return { id: created.id, email, name: `${first} ${lastName}` };
}

const tfaSecret = async (id: string): Promise<string | null> =>
  ((await db()('directus_users').where({ id }).first('tfa_secret')) as { tfa_secret: string | null })
    .tfa_secret;

describe('two-factor authentication', () => {
  it('is turned on from the profile, signs in with a code or a recovery code (once), and is turned off', async () => {
    const staff = await member('Staff', 'Tendo');
    const { page, errors } = await session();

    await login.submit(page, staff.email, PASSWORD);
    await page.waitForURL((url) => url.pathname === '/app/pos', { timeout: 30_000 });
    await page.goto(appUrl('/profile'));
    await twoFactor.card(page).waitFor({ timeout: 30_000 });
    expect(await twoFactor.status(page)).toBe('Off');

    const { secret, codes } = await twoFactor.turnOn(page, PASSWORD);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(await tfaSecret(staff.id)).toBe(secret);
    expect(await twoFactor.status(page)).toBe('On');
    await twoFactor.card(page).getByText('10 recovery codes left').waitFor();
    // Shown once: the page holds them no more.
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
    await screenshot(page, 'two-factor-on-phone');

    // A code from the authenticator: a wrong one is refused, the right one lets in.
    await signOut(page);
    await login.submit(page, staff.email, PASSWORD);
    await login.codePrompt(page);
    await page.getByText('Enter the 6-digit code from your authenticator app').first().waitFor();
    await screenshot(page, 'two-factor-prompt-phone');
    await login.withCode(page, totp(secret) === '000000' ? '111111' : '000000');
    await page.getByText('That code is not right; try the current one').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/app/login');
    await login.withCode(page, await freshCode(page, secret));
    await page.waitForURL((url) => url.pathname === '/app/pos', { timeout: 30_000 });
    await page.getByTestId('pos').waitFor({ timeout: 30_000 });

    // A recovery code in its place, once.
    await signOut(page);
    await login.submit(page, staff.email, PASSWORD);
    await login.codePrompt(page);
    await login.withRecoveryCode(page, codes[0] ?? '');
    await page.waitForURL((url) => url.pathname === '/app/pos', { timeout: 30_000 });
    await signOut(page);
    await login.submit(page, staff.email, PASSWORD);
    await login.codePrompt(page);
    await login.withRecoveryCode(page, codes[0] ?? '');
    await page.getByText('That recovery code is not right or was already used').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/app/login');

    // Turned off with a code from the authenticator.
    await page.getByRole('button', { name: 'Use the code from the authenticator app' }).click();
    await login.withCode(page, await freshCode(page, secret));
    await page.waitForURL((url) => url.pathname === '/app/pos', { timeout: 30_000 });
    await page.goto(appUrl('/profile'));
    await twoFactor.card(page).getByText('9 recovery codes left').waitFor({ timeout: 30_000 });
    await twoFactor.turnOff(page, await freshCode(page, secret));
    await expect.poll(() => twoFactor.status(page)).toBe('Off');
    expect(await tfaSecret(staff.id)).toBeNull();

    // The Owner signs them out everywhere: the app goes back to the sign-in page and says why.
    await (await as('kampalaOwner')).call('POST', `/api/staff/${staff.id}/sign-out`);
    await page.goto(appUrl('/customers'));
    await page.waitForURL((url) => url.pathname === '/app/login', { timeout: 30_000 });
    await page.getByText('Your session has ended (a password change or a sign-out everywhere)').waitFor();
    await page.locator('input[name=email]').waitFor();
    expect(errors).toEqual([]);
  });

  it('is required by the Owner for Supervisors: one without it is sent to set it up first', async () => {
    const supervisor = await member('Supervisor', 'Akello');
    const { kampala } = await shopIds();

    // The Owner requires it in Settings.
    const owner = await session(DESKTOP);
    await signIn(owner.page, 'kampalaOwner');
    await owner.page.goto(appUrl('/settings'));
    const security = owner.page.getByTestId('security-card');
    await security.waitFor({ timeout: 30_000 });
    // The settings page draws twice as the back office settles: tick once it has.
    await owner.page.waitForLoadState('networkidle');
    await security.getByRole('checkbox', { name: 'Require two-factor for Supervisors' }).check();
    await security.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        async () =>
          (
            (await db()('shop_security').where({ shop_id: kampala }).first('require_two_factor')) as
              { require_two_factor: string[] } | undefined
          )?.require_two_factor,
      )
      .toEqual(['Supervisor']);
    const row = security.getByTestId('security-member').filter({ hasText: supervisor.name });
    await row.getByText('2FA off').waitFor();

    // The Supervisor signs in: to the profile's two-factor section, and nowhere else until it is on.
    const { page, errors } = await session(PHONE);
    await login.submit(page, supervisor.email, PASSWORD);
    await page.waitForURL((url) => url.pathname === '/app/profile' && url.hash === '#two-factor', {
      timeout: 30_000,
    });
    await page.getByTestId('two-factor-banner').waitFor({ timeout: 30_000 });
    await screenshot(page, 'two-factor-required-phone');
    await page.goto(appUrl('/sales'));
    await page.waitForURL((url) => url.pathname === '/app/profile', { timeout: 30_000 });
    await page.getByTestId('two-factor-banner').waitFor({ timeout: 30_000 });

    await twoFactor.turnOn(page, PASSWORD);
    await page.getByText('Two-factor authentication is on: the whole app is open again').waitFor();
    expect(await page.getByTestId('two-factor-banner').count()).toBe(0);
    await page.goto(appUrl('/sales'));
    await page.locator('.RaList-main, [data-testid=phone-list]').first().waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/app/sales');

    // The Owner sees it on.
    await owner.page.reload();
    await owner.page
      .getByTestId('security-card')
      .getByTestId('security-member')
      .filter({ hasText: supervisor.name })
      .getByText('2FA on')
      .waitFor({ timeout: 30_000 });
    await screenshot(owner.page, 'settings-security-desktop');
    expect([...errors, ...owner.errors]).toEqual([]);
  });
});
