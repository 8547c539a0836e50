import { Extensions1764400000000 } from './1764400000000-extensions';
import { Identity1764400000001 } from './1764400000001-identity';
import { Profiles1764500000000 } from './1764500000000-profiles';
import { Matching1764600000000 } from './1764600000000-matching';
import { Cohorts1764700000000 } from './1764700000000-cohorts';
import { Scheduling1764800000000 } from './1764800000000-scheduling';
import { Community1764900000000 } from './1764900000000-community';
import { CohortProgram1764900000050 } from './1764900000050-cohort-program';
import { Meetups1764900000100 } from './1764900000100-meetups';
import { Referrals1764900000200 } from './1764900000200-referrals';
import { Notifications1765000000000 } from './1765000000000-notifications';
import { Digests1765100000000 } from './1765100000000-digests';

/**
 * Listed explicitly rather than globbed so the same list works from sources
 * (tests), from `dist/` (production) and from the TypeORM CLI.
 */
export const MIGRATIONS = [
  Extensions1764400000000,
  Identity1764400000001,
  Profiles1764500000000,
  Matching1764600000000,
  Cohorts1764700000000,
  Scheduling1764800000000,
  Community1764900000000,
  CohortProgram1764900000050,
  Meetups1764900000100,
  Referrals1764900000200,
  Notifications1765000000000,
  Digests1765100000000,
];
