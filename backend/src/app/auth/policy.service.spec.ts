import { Permission, Role } from '@radfleet/shared';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from './auth-user.js';
import { PolicyService } from './policy.service.js';

const user = (role: Role, facilityIds: string[] = []): AuthUser => ({
  id: 'u',
  email: 'u@x.ru',
  name: 'U',
  role,
  facilityIds,
  sessionId: 's',
});

describe('PolicyService', () => {
  const policy = new PolicyService();

  it('lets EXECUTIVE read and approve replacement plans, but write nothing else', () => {
    expect(policy.has(user(Role.EXECUTIVE), Permission.READ)).toBe(true);
    expect(policy.has(user(Role.EXECUTIVE), Permission.PLAN_APPROVE)).toBe(true);
    expect(policy.has(user(Role.PROCUREMENT), Permission.PLAN_APPROVE)).toBe(false);
    for (const p of Object.values(Permission).filter(
      (p) => p !== Permission.READ && p !== Permission.SELF && p !== Permission.PLAN_APPROVE,
    )) {
      expect(policy.has(user(Role.EXECUTIVE), p), p).toBe(false);
    }
  });

  it('lets PROCUREMENT write everything but users and the audit', () => {
    const p = user(Role.PROCUREMENT);
    expect(policy.has(p, Permission.CONTRACT_WRITE)).toBe(true);
    expect(policy.has(p, Permission.DEVICE_WRITE)).toBe(true);
    expect(policy.has(p, Permission.USER_ADMIN)).toBe(false);
    expect(policy.has(p, Permission.AUDIT_READ)).toBe(false);
  });

  it('scopes a facility manager to their facilities', () => {
    const m = user(Role.FACILITY_MANAGER, ['f1', 'f2']);
    expect(policy.writableFacilities(m, Permission.DEVICE_WRITE)).toEqual(['f1', 'f2']);
    expect(() => policy.assertCanWriteFacilities(m, Permission.DEVICE_WRITE, ['f1'])).not.toThrow();
    expect(() => policy.assertCanWriteFacilities(m, Permission.DEVICE_WRITE, ['f1', 'f3'])).toThrow(
      /assigned to you/,
    );
    expect(() => policy.assertCanWriteFacilities(m, Permission.CONTRACT_WRITE, ['f1'])).toThrow(
      /may not/,
    );
  });

  it('does not scope ADMIN or PROCUREMENT', () => {
    expect(policy.writableFacilities(user(Role.ADMIN), Permission.DEVICE_WRITE)).toBeNull();
    expect(policy.writableFacilities(user(Role.PROCUREMENT), Permission.DEVICE_WRITE)).toBeNull();
  });
});
