export * from './matching.module';
export * from './recommendations.service';
export * from './requests/mentorship-requests.service';
export * from './requests/mentorship.types';
export * from './score/features';
export * from './cohort-runs/cohort-runs.types';
