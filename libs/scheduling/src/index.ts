export * from './scheduling.module';
export * from './availability/availability.service';
export * from './sessions/sessions.service';
export * from './sessions/session.types';
export * from './sessions/planner';
export * from './calendar/ics';
export * from './calendar/feed-tokens';
