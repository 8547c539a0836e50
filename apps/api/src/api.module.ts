import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@switchyard/config';
import { DatabaseModule } from '@switchyard/database';
import { GraphQLModule } from '@switchyard/graphql';
import { IdentityModule } from '@switchyard/identity';
import { ProfilesModule } from '@switchyard/profiles';
import { MatchingModule } from '@switchyard/matching';
import { NotificationsModule } from '@switchyard/notifications';
import { SchedulingModule } from '@switchyard/scheduling';
import { CommunityModule } from '@switchyard/community';
import { ReferralsModule } from '@switchyard/referrals';
import { HealthModule } from '@switchyard/observability';
import { QueueModule } from '@switchyard/queue';
import { RedisModule } from '@switchyard/redis';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot('producer'),
        GraphQLModule,
        HealthModule,
        IdentityModule,
        ProfilesModule,
        NotificationsModule,
        MatchingModule,
        SchedulingModule,
        CommunityModule,
        ReferralsModule,
      ],
    };
  }
}
