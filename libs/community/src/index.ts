export * from './community.module';
export * from './community-access';
