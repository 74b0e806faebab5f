import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@radfleet/shared';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AuthErrorCode, AuthException } from './auth.exception.js';

// OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// `Algorithm` is a const enum, which isolated modules cannot read: 2 is Argon2id.
const OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

@Injectable()
export class PasswordService {
  /** A hash of a random secret, verified against when the account does not exist, so both cases take as long. */
  private readonly dummy = hash(`no-such-account-${Math.random()}`, OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(hashValue: string | null, password: string): Promise<boolean> {
    if (!hashValue) {
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(hashValue, password).catch(() => false);
  }

  /** Refuses short, overlong and commonly used passwords, and one that is the account's email. */
  assertAcceptable(password: string, field = 'password', email?: string): void {
    const problem =
      password.length < PASSWORD_MIN_LENGTH
        ? `${field} must be at least ${PASSWORD_MIN_LENGTH} characters long`
        : password.length > PASSWORD_MAX_LENGTH
          ? `${field} must be at most ${PASSWORD_MAX_LENGTH} characters long`
          : COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password)
            ? `${field} is one of the most commonly used passwords; choose another`
            : email &&
                password.toLowerCase().includes(email.toLowerCase().split('@')[0]!) &&
                password.length < 20
              ? `${field} must not be built from the email address`
              : null;
    if (problem) {
      throw new AuthException(AuthErrorCode.WEAK_PASSWORD, problem, {
        errors: [{ field, message: problem }],
      });
    }
  }
}
