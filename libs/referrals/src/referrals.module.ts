import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';

/** Referral openings and requests, for the API. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [],
})
export class ReferralsModule {}
