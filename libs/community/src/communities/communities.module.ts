import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { CommunitiesResolver } from './communities.resolver';
import { CommunitiesService } from './communities.service';

/** Communities: creation, organizers, membership, focus fields. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [CommunityAccess, CommunitiesService, CommunitiesResolver],
  exports: [CommunityAccess, CommunitiesService],
})
export class CommunitiesModule {}
