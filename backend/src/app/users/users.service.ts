import { Injectable } from '@nestjs/common';
import {
  Role,
  type CreateUserDto,
  type Paged,
  type UpdateUserDto,
  type UserListQuery,
  type UserResponse,
} from '@radfleet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { toUserResponse } from '../auth/auth.service.js';
import { PasswordService } from '../auth/password.service.js';
import { assertVersion, isUniqueViolation, likePattern, orderBy } from '../common/persistence.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { FacilityEntity } from '../facilities/entities/facility.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { UserErrorCode, UserException } from './users.exception.js';

const SORTABLE: Record<string, string> = {
  email: 'u.email',
  name: 'u.name',
  role: 'u.role',
  active: 'u.active',
  createdAt: 'u.created_at',
};

function snapshot(u: UserEntity): Record<string, unknown> {
  return {
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    facilityIds: (u.facilities ?? []).map((f) => f.id).sort(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly facilities: FacilitiesService,
    private readonly audit: AuditService,
  ) {}

  async list(q: UserListQuery): Promise<Paged<UserResponse>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.facilities', 'f');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: likePattern(q.q) });
    for (const o of orderBy(q.sort, SORTABLE, 'email', 'u.id'))
      qb.addOrderBy(o.expression, o.direction);
    const [rows, total] = await qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toUserResponse), total, page, pageSize };
  }

  async get(id: string): Promise<UserResponse> {
    return toUserResponse(await this.find(this.dataSource.manager, id));
  }

  async create(dto: CreateUserDto, options: { audit?: boolean } = {}): Promise<UserResponse> {
    this.passwords.assertAcceptable(dto.password, 'password', dto.email);
    const facilityIds =
      dto.role === Role.FACILITY_MANAGER ? [...new Set(dto.facilityIds ?? [])] : [];
    await this.facilities.assertExist(facilityIds, 'facilityIds');
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      return await this.dataSource.transaction(async (em) => {
        const repo = em.getRepository(UserEntity);
        const saved = await repo.save(
          repo.create({
            email: dto.email.trim(),
            name: dto.name,
            role: dto.role,
            passwordHash,
            active: true,
            facilities: facilityIds.map((id) => ({ id }) as FacilityEntity),
          }),
        );
        const user = await this.find(em, saved.id);
        if (options.audit !== false) {
          await this.audit.record(em, {
            action: 'CREATE',
            entityType: 'user',
            entityId: user.id,
            before: null,
            after: snapshot(user),
          });
        }
        return toUserResponse(user);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'UQ_users_email_lower')) {
        throw new UserException(
          UserErrorCode.EMAIL_TAKEN,
          `A user with email ${dto.email} exists already.`,
          {
            errors: [{ field: 'email', message: 'email is taken' }],
          },
        );
      }
      throw e;
    }
  }

  async update(actorId: string, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    if (dto.password !== undefined) this.passwords.assertAcceptable(dto.password, 'password');
    const passwordHash =
      dto.password !== undefined ? await this.passwords.hash(dto.password) : undefined;
    if (dto.facilityIds) await this.facilities.assertExist(dto.facilityIds, 'facilityIds');
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
      const user = await this.find(em, id);
      assertVersion('user', dto.version, user.version);
      const before = snapshot(user);
      const role = dto.role ?? user.role;
      const active = dto.active ?? user.active;
      if (user.role === Role.ADMIN && (role !== Role.ADMIN || !active))
        await this.assertNotLastAdmin(em, id, actorId);

      const facilityIds =
        role !== Role.FACILITY_MANAGER
          ? []
          : [...new Set(dto.facilityIds ?? user.facilities.map((f) => f.id))];
      user.name = dto.name ?? user.name;
      user.role = role;
      user.active = active;
      user.facilities = facilityIds.map((fid) => ({ id: fid }) as FacilityEntity);
      if (passwordHash) user.passwordHash = passwordHash;
      // Any change to the row bumps the version, even one that only touches the facility links.
      user.updatedAt = new Date();
      await em.getRepository(UserEntity).save(user);
      if (!active || passwordHash) {
        // Deactivation and a password reset end the user's sessions at once.
        await em.query(
          'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
          [id],
        );
      }
      const after = await this.find(em, id);
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'user',
        entityId: id,
        before: passwordHash ? { ...before, password: '[set]' } : before,
        after: passwordHash ? { ...snapshot(after), password: '[reset]' } : snapshot(after),
      });
      return toUserResponse(after);
    });
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  async countAdmins(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).countBy({ role: Role.ADMIN, active: true });
  }

  private async assertNotLastAdmin(em: EntityManager, id: string, actorId: string): Promise<void> {
    const others = await em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.role = :r AND u.active AND u.id <> :id', { r: Role.ADMIN, id })
      .getCount();
    if (others === 0) {
      throw new UserException(
        UserErrorCode.LAST_ADMIN,
        'The last active administrator cannot be demoted or deactivated.',
      );
    }
    if (id === actorId) {
      throw new UserException(
        UserErrorCode.LAST_ADMIN,
        'Administrators cannot demote or deactivate themselves.',
      );
    }
  }

  private async find(em: EntityManager, id: string): Promise<UserEntity> {
    const user = await em
      .getRepository(UserEntity)
      .findOne({ where: { id }, relations: { facilities: true } });
    if (!user) throw new UserException(UserErrorCode.USER_NOT_FOUND, `There is no user ${id}.`);
    return user;
  }
}
