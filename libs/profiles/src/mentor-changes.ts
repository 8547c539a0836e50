import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { UsersService } from '@switchyard/identity';
import { REDIS } from '@switchyard/redis';

export type MentorChangeListener = (mentorId: string) => Promise<void> | void;

/**
 * Tells whoever caches mentor data (the recommendation index) that a mentor's
 * profile, availability or load changed: listeners in this process at once
 * (awaited, so the caller's next read is fresh), other API and worker
 * processes through Redis pub/sub.
 */
@Injectable()
export class MentorChanges implements OnModuleInit, OnModuleDestroy {
  private readonly listeners = new Set<MentorChangeListener>();
  private subscriber?: Redis;
  private readonly channel: string;
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    users: UsersService,
  ) {
    this.channel = `${config.redis.prefix}:mentor-changed`;
    // Languages and time zone are part of what recommendations use; only mentors matter, the listener filters.
    users.onUpdated((userId) => this.changed(userId));
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [origin, mentorId] = message.split(' ');
      if (origin !== this.origin && mentorId) void this.emitLocally(mentorId);
    });
    await this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }

  listen(listener: MentorChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async changed(mentorId: string): Promise<void> {
    await this.emitLocally(mentorId);
    await this.redis.publish(this.channel, `${this.origin} ${mentorId}`).catch(() => undefined);
  }

  private async emitLocally(mentorId: string): Promise<void> {
    await Promise.all([...this.listeners].map(async (listener) => listener(mentorId)));
  }
}
