import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { UnsubscribeKind, signUnsubscribeToken, unsubscribeKey, verifyUnsubscribeToken } from './unsubscribe-tokens';

/** Signs and checks one-click unsubscribe links (API and worker). */
@Injectable()
export class UnsubscribeLinks {
  private readonly key?: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = config.unsubscribeSecret ? unsubscribeKey(config.unsubscribeSecret) : undefined;
  }

  /** False when neither UNSUBSCRIBE_SECRET nor JWT_SECRET is set: mail then goes out without links. */
  get available(): boolean {
    return this.key !== undefined;
  }

  url(userId: string, kind: UnsubscribeKind): string {
    return `${this.config.publicUrl}/unsubscribe?token=${signUnsubscribeToken(this.requireKey(), userId, kind)}`;
  }

  /**
   * RFC 2369 / RFC 8058 headers: mail clients show an "unsubscribe" button
   * that POSTs `List-Unsubscribe=One-Click` to the URL (from `url()`) without opening it.
   */
  headers(url: string): { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': string } {
    return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }

  verify(token: unknown): { userId: string; kind: UnsubscribeKind } | null {
    return this.key ? verifyUnsubscribeToken(this.key, token) : null;
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('Unsubscribe links need UNSUBSCRIBE_SECRET or JWT_SECRET.');
    return this.key;
  }
}
