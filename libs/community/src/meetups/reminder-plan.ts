export interface PlannedReminder {
  minutesBefore: number;
  /** Milliseconds from now until the reminder is due (0: send now). */
  delay: number;
}

/**
 * Which reminders of a meetup to (re)queue at `now`: every offset still ahead,
 * plus, when the sweeper passes `lateGraceMs`, offsets that fell due within
 * that grace period (their job was lost from Redis) as long as the meetup has
 * not started: a reminder a few minutes late beats none. Offsets already past
 * at creation are skipped (grace 0): "starts in 24 hours" for a meetup
 * created 2 hours ahead would be wrong.
 */
export function planReminders(startsAt: Date, offsets: readonly number[], now: number, lateGraceMs = 0): PlannedReminder[] {
  const start = startsAt.getTime();
  if (start <= now) return [];
  const plan: PlannedReminder[] = [];
  for (const minutesBefore of offsets) {
    const due = start - minutesBefore * 60_000;
    if (due > now) plan.push({ minutesBefore, delay: due - now });
    else if (now - due <= lateGraceMs) plan.push({ minutesBefore, delay: 0 });
  }
  return plan;
}

export function meetupReminderJobId(meetupId: string, version: number, minutesBefore: number): string {
  // BullMQ job ids must not contain ':'; fractional minutes keep their '.'.
  return `meetup-reminder-${meetupId}-${version}-${minutesBefore}`;
}
