import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { ReferralOpeningResolver, ReferralRequestResolver, ReferralStatusChangeResolver } from './referrals.resolver';
import { ReferralsService } from './referrals.service';

/** Referral openings and requests, for the API. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [ReferralsService, ReferralOpeningResolver, ReferralRequestResolver, ReferralStatusChangeResolver],
  exports: [ReferralsService],
})
export class ReferralsModule {}
