import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { MentorChanges } from './mentor-changes';
import { MentorProfileResolver, SwitcherProfileResolver, UserProfilesResolver } from './profiles.resolver';
import { ProfilesService } from './profiles.service';
import { RadarController } from './radar.controller';
import { RadarService } from './radar.service';
import { TaxonomyAdminService } from './taxonomy/taxonomy-admin.service';
import { TaxonomyChangeResolver, TaxonomyResolver } from './taxonomy/taxonomy.resolver';
import { TaxonomySeeder } from './taxonomy/taxonomy.seeder';
import { TaxonomyService } from './taxonomy/taxonomy.service';

/** Taxonomy, profiles and mentor-change events, for any process. */
@Module({
  imports: [IdentityCoreModule],
  providers: [MentorChanges, TaxonomyService, ProfilesService],
  exports: [MentorChanges, TaxonomyService, ProfilesService],
})
export class ProfilesCoreModule {}

/** The profiles API: GraphQL, the radar route, taxonomy administration and seeding. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule],
  controllers: [RadarController],
  providers: [
    TaxonomyAdminService,
    TaxonomySeeder,
    RadarService,
    TaxonomyResolver,
    TaxonomyChangeResolver,
    SwitcherProfileResolver,
    MentorProfileResolver,
    UserProfilesResolver,
  ],
  exports: [ProfilesCoreModule],
})
export class ProfilesModule {}
