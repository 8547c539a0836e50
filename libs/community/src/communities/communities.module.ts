import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';

/** Communities: creation, organizers, membership, focus fields. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [CommunityAccess],
  exports: [CommunityAccess],
})
export class CommunitiesModule {}
