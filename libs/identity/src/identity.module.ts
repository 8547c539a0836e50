import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { QUEUES } from '@switchyard/queue';
import { AuthGuard } from './auth.guard';
import { AuthHook } from './auth.hook';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { RefreshToken } from './refresh-token.entity';
import { MaintenanceProcessor } from './refresh-token-purge.processor';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

@Injectable()
class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(private readonly auth: AuthService) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.auth.ensureBootstrapAdmin();
    if (outcome !== 'unchanged') this.logger.log(`bootstrap administrator: ${outcome}`);
  }
}

/** Users and tokens, for any process (no GraphQL, no HTTP hooks). */
@Module({
  imports: [TypeOrmModule.forFeature([User, RefreshToken])],
  providers: [UsersService, TokenService],
  exports: [UsersService, TokenService],
})
export class IdentityCoreModule {}

/** Accounts and sign-in for the API process. */
@Module({
  imports: [IdentityCoreModule],
  providers: [
    AuthService,
    AuthResolver,
    UsersResolver,
    AuthHook,
    BootstrapAdmin,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityCoreModule],
})
export class IdentityModule {}

@Injectable()
class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.maintenance) private readonly queue: Queue) {}

  // Upserting the scheduler is idempotent, so every worker instance may do it.
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'purge-refresh-tokens',
      { pattern: '17 3 * * *', tz: 'UTC' },
      { name: 'purge-refresh-tokens', data: { graceDays: 7 } },
    );
  }
}

/** Identity's background jobs, for the worker process. */
@Module({
  imports: [IdentityCoreModule],
  providers: [MaintenanceProcessor, MaintenanceSchedule],
})
export class IdentityJobsModule {}
