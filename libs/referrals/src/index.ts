export * from './referrals.module';
export * from './referrals.service';
export * from './referral.types';
export * from './readiness';
export * from './transitions';
