import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';

/**
 * Closes every BullMQ worker, waiting for its active jobs, before any module
 * shuts down. Nest runs the `onApplicationShutdown` hooks module by module, and
 * TypeORM's closes the database pool under a job that is still running
 * (seen: "Connection terminated" failing the job) if it goes first.
 */
@Injectable()
export class DrainWorkersFirst implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => {
        try {
          return host.worker as Worker;
        } catch {
          return undefined; // never started
        }
      })
      .filter((worker): worker is Worker => worker !== undefined);
    this.logger.log(`draining ${workers.length} worker(s)`);
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
