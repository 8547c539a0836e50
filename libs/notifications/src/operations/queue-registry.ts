import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';

/**
 * Every BullMQ queue this process has registered: the platform's (QUEUES in
 * @switchyard/queue) and the ones features register themselves, such as
 * notifications. Found by instance rather than by a list of names, so a new
 * queue shows up on the dashboard without touching this file.
 */
@Injectable()
export class QueueRegistry {
  private cached?: Queue[];

  constructor(private readonly discovery: DiscoveryService) {}

  all(): Queue[] {
    this.cached ??= [
      ...new Map(
        this.discovery
          .getProviders()
          .map((wrapper) => wrapper.instance as unknown)
          .filter((instance): instance is Queue => instance instanceof Queue)
          .map((queue) => [queue.name, queue]),
      ).values(),
    ].sort((a, b) => a.name.localeCompare(b.name));
    return this.cached;
  }
}
