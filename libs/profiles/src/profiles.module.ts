import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchyard/identity';
import { MentorProfileResolver, SwitcherProfileResolver, UserProfilesResolver } from './profiles.resolver';
import { ProfilesService } from './profiles.service';
import { RadarController } from './radar.controller';
import { RadarService } from './radar.service';
import { TaxonomyAdminService } from './taxonomy/taxonomy-admin.service';
import { TaxonomyChangeResolver, TaxonomyResolver } from './taxonomy/taxonomy.resolver';
import { TaxonomySeeder } from './taxonomy/taxonomy.seeder';
import { TaxonomyService } from './taxonomy/taxonomy.service';

@Module({
  imports: [IdentityModule],
  controllers: [RadarController],
  providers: [
    TaxonomyService,
    TaxonomyAdminService,
    TaxonomySeeder,
    ProfilesService,
    RadarService,
    TaxonomyResolver,
    TaxonomyChangeResolver,
    SwitcherProfileResolver,
    MentorProfileResolver,
    UserProfilesResolver,
  ],
  exports: [TaxonomyService, ProfilesService],
})
export class ProfilesModule {}
