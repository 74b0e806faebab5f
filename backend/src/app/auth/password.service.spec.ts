import { describe, expect, it } from 'vitest';
import { AuthException } from './auth.exception.js';
import { PasswordService } from './password.service.js';

describe('PasswordService', () => {
  const service = new PasswordService();

  it('hashes with Argon2id and verifies', async () => {
    const h = await service.hash('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await service.verify(h, 'correct horse battery staple')).toBe(true);
    expect(await service.verify(h, 'correct horse battery stapler')).toBe(false);
  });

  it('answers false for a missing account after doing the same work', async () => {
    expect(await service.verify(null, 'whatever-password')).toBe(false);
  });

  it.each([
    ['short', 'Abc123!x'],
    ['common', 'qwerty123456'],
    ['common, any case', 'QWERTY123456'],
    ['one repeated character', 'aaaaaaaaaaaaaa'],
  ])('refuses a %s password', (_, pw) => {
    expect(() => service.assertAcceptable(pw)).toThrow(AuthException);
  });

  it('refuses a password built from the email', () => {
    expect(() =>
      service.assertAcceptable('ivan.petrov2024', 'password', 'ivan.petrov@clinic.ru'),
    ).toThrow(/email/);
  });

  it('accepts a long uncommon password and names the field on refusal', () => {
    expect(() => service.assertAcceptable('radfleet-demo-strong')).not.toThrow();
    try {
      service.assertAcceptable('short', 'newPassword');
    } catch (e) {
      expect((e as AuthException).extensions.errors).toEqual([
        { field: 'newPassword', message: 'newPassword must be at least 12 characters long' },
      ]);
    }
  });
});
