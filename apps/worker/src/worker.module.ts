import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@switchyard/config';
import { DatabaseModule } from '@switchyard/database';
import { IdentityJobsModule } from '@switchyard/identity';
import { MatchingJobsModule } from '@switchyard/matching';
import { QueueModule } from '@switchyard/queue';
import { RedisModule } from '@switchyard/redis';
import { SchedulingJobsModule } from '@switchyard/scheduling';
import { CommunityJobsModule } from '@switchyard/community';
import { NotificationsJobsModule } from '@switchyard/notifications';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, QueueModule.forRoot('worker'), IdentityJobsModule, MatchingJobsModule, SchedulingJobsModule, CommunityJobsModule, NotificationsJobsModule],
    };
  }
}
