import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobPayload, QUEUES } from '@switchyard/queue';
import { CohortRunsService } from './cohort-runs.service';

// One run at a time per worker: a large cohort uses a core for a while.
@Processor(QUEUES.matching, { concurrency: 1 })
export class CohortRunsProcessor extends WorkerHost {
  constructor(private readonly runs: CohortRunsService) {
    super();
  }

  async process(job: Job<JobPayload<'matching', 'run-cohort-matching'>>): Promise<void> {
    if (job.name !== 'run-cohort-matching') throw new Error(`Unknown matching job ${job.name}`);
    await this.runs.execute(job.data.runId);
  }
}
