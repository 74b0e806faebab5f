import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Role } from '@radfleet/shared';
import { AppConfig } from '../config/app.config.js';
import { UsersService } from './users.service.js';

/**
 * With ADMIN_EMAIL and ADMIN_PASSWORD set, the first start on a database without an active
 * administrator creates one; afterwards the variables change nothing.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    if ((await this.users.countAdmins()) > 0) return;
    await this.users.create({
      email,
      name: 'Administrator',
      role: Role.ADMIN,
      password,
      facilityIds: [],
    });
    this.logger.log(`created the first administrator ${email} from ADMIN_EMAIL`);
  }
}
