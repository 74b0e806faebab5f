import { Injectable } from '@nestjs/common';
import {
  Permission,
  type Modality,
  type ModalityResponse,
  type UpdateModalityDto,
} from '@radfleet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PolicyService } from '../auth/policy.service.js';
import { assertVersion, definedOnly } from '../common/persistence.js';
import { DomainException, ErrorKind } from '../common/problem/domain.exception.js';
import { ModalityEntity } from './entities/modality.entity.js';

export function toModalityResponse(m: ModalityEntity): ModalityResponse {
  return {
    code: m.code,
    nameRu: m.nameRu,
    nameEn: m.nameEn,
    serviceLifeYears: m.serviceLifeYears,
    nominalStudiesPerHour: Number(m.nominalStudiesPerHour),
    scheduledHoursPerWeek: Number(m.scheduledHoursPerWeek),
    version: m.version,
  };
}

@Injectable()
export class ModalitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ModalityResponse[]> {
    const rows = await this.dataSource
      .getRepository(ModalityEntity)
      .find({ order: { code: 'ASC' } });
    return rows.map(toModalityResponse);
  }

  async update(user: AuthUser, code: Modality, dto: UpdateModalityDto): Promise<ModalityResponse> {
    this.policy.assertHas(user, Permission.REFERENCE_WRITE);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(ModalityEntity);
      const current = await repo.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!current)
        throw new DomainException(
          'MODALITY_NOT_FOUND',
          ErrorKind.NOT_FOUND,
          `There is no modality ${code}.`,
        );
      assertVersion('modality', dto.version, current.version);
      const before = toModalityResponse(current);
      const { version: _v, ...changes } = definedOnly(dto);
      if (changes.nameRu !== undefined) current.nameRu = changes.nameRu;
      if (changes.nameEn !== undefined) current.nameEn = changes.nameEn;
      if (changes.serviceLifeYears !== undefined)
        current.serviceLifeYears = changes.serviceLifeYears;
      if (changes.nominalStudiesPerHour !== undefined)
        current.nominalStudiesPerHour = String(changes.nominalStudiesPerHour);
      if (changes.scheduledHoursPerWeek !== undefined)
        current.scheduledHoursPerWeek = String(changes.scheduledHoursPerWeek);
      const saved = await repo.save(current);
      const after = toModalityResponse(saved);
      await this.audit.record(em, {
        action: 'UPDATE',
        entityType: 'modality',
        entityId: code,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }
}
