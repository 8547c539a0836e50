import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@switchyard/config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. from `UnsubscribeLinks.headers()`. */
  headers?: Record<string, string>;
  /**
   * A stable id (`<outbox-id@host>`): if a crash makes us send a message
   * twice, mail systems that deduplicate by Message-ID show it once.
   */
  messageId?: string;
}

export interface SentEmail {
  messageId: string;
  /** The .eml file written when no SMTP server is configured. */
  file?: string;
}

/**
 * The one way out for email. With SMTP_URL it talks SMTP through a small
 * connection pool; without it each message becomes an .eml file under
 * MAIL_DIR, so a fresh checkout shows what would have been sent. Errors are
 * nodemailer's (with `responseCode` for SMTP replies): classify them with
 * `classifySendError`.
 */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;
  private readonly toFiles: boolean;
  private directoryReady?: Promise<unknown>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, claimTimeoutMs } = config.mail;
    this.toFiles = !smtpUrl;
    this.transport = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          pool: true,
          maxConnections: Math.min(config.worker.concurrency, 10),
          // Far below the outbox claim timeout: a send that hangs must fail
          // (and be retried) before another worker may claim the row again.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: Math.min(60_000, claimTimeoutMs / 3),
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** A Message-ID for a stable reference (an outbox row id, a digest ledger key). */
  messageIdFor(reference: string): string {
    const host = new URL(this.config.publicUrl).hostname || 'localhost';
    return `<${reference}@${host}>`;
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const info = await this.transport.sendMail({
      from: this.config.mail.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
      messageId: email.messageId,
    });
    const messageId = (info as { messageId: string }).messageId;
    if (!this.toFiles) return { messageId };

    const file = join(this.config.mail.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${fileSafe(messageId)}.eml`);
    // Created once; a failure (a read-only disk) is retried with the next message.
    this.directoryReady ??= mkdir(this.config.mail.dir, { recursive: true }).catch((error: unknown) => {
      this.directoryReady = undefined;
      throw error;
    });
    await this.directoryReady;
    await writeFile(file, (info as { message: Buffer }).message);
    this.logger.log(`no SMTP_URL: wrote the email to ${file}`);
    return { messageId, file };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function fileSafe(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
}
