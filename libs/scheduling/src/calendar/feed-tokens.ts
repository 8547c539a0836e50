import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';

/**
 * Secret calendar feed tokens: the user id, a version and an HMAC of both.
 * Nothing secret is stored (the key is derived from JWT_SECRET), so the URL
 * can be shown again at any time; rotating bumps the version, which revokes
 * every earlier URL at once. Rotating JWT_SECRET revokes all of them.
 */
@Injectable()
export class FeedTokens {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createHmac('sha256', config.auth.jwtSecret).update('switchyard calendar feed v1').digest();
  }

  async tokenFor(userId: string): Promise<string> {
    return this.sign(userId, await this.version(userId));
  }

  feedUrl(token: string): string {
    return `${this.config.publicUrl}/calendar/feed/${token}.ics`;
  }

  /** Revokes the current URL and returns the new token. */
  async rotate(userId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ version: number }[]>(
      `INSERT INTO calendar_feeds (user_id, version) VALUES ($1, 2)
       ON CONFLICT (user_id) DO UPDATE SET version = calendar_feeds.version + 1, rotated_at = now() RETURNING version`,
      [userId],
    );
    return this.sign(userId, row.version);
  }

  /** The user a token belongs to, or null when it is malformed, forged or revoked. */
  async verify(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 36) return null;
    const id = raw.subarray(0, 16).toString('hex');
    const userId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const version = raw.readUInt32BE(16);
    if (!timingSafeEqual(raw.subarray(20), this.mac(userId, version))) return null;
    return version === (await this.version(userId)) ? userId : null;
  }

  private async version(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ version: number }[]>('SELECT version FROM calendar_feeds WHERE user_id = $1', [userId]);
    return row?.version ?? 1;
  }

  private sign(userId: string, version: number): string {
    const head = Buffer.alloc(20);
    Buffer.from(userId.replace(/-/g, ''), 'hex').copy(head, 0);
    head.writeUInt32BE(version, 16);
    return Buffer.concat([head, this.mac(userId, version)]).toString('base64url');
  }

  private mac(userId: string, version: number): Buffer {
    return createHmac('sha256', this.key).update(`${userId.toLowerCase()}:${version}`).digest().subarray(0, 16);
  }
}
