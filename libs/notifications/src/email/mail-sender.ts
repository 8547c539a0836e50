import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { SendMailOptions } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type { SMTPPoolSentMessageInfo } from 'nodemailer/lib/smtp-pool';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { buildMime, parseMailbox } from './mime';

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
 * The one way out for email. Messages are built here (mime.ts) and handed
 * over as they are: with SMTP_URL to nodemailer's SMTP connection pool; without
 * it each message becomes an .eml file under MAIL_DIR, so a fresh checkout
 * shows what would have been sent. Errors are nodemailer's (with
 * `responseCode` for SMTP replies): classify them with `classifySendError`.
 */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  /** Unset: write files. */
  private readonly pool?: SMTPPool;
  private readonly fromAddress: string;
  private readonly host: string;
  private directoryReady?: Promise<unknown>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, claimTimeoutMs } = config.mail;
    this.fromAddress = parseMailbox(config.mail.from).address;
    this.host = new URL(config.publicUrl).hostname || 'localhost';
    if (smtpUrl) {
      this.pool = new SMTPPool({
        url: smtpUrl,
        maxConnections: Math.min(config.worker.concurrency, 10),
        // Far below the outbox claim timeout: a send that hangs must fail
        // (and be retried) before another worker may claim the row again.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: Math.min(60_000, claimTimeoutMs / 3),
      });
    }
  }

  /** A Message-ID for a stable reference (an outbox row id, a digest ledger key). */
  messageIdFor(reference: string): string {
    return `<${reference}@${this.host}>`;
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const messageId = email.messageId ?? this.messageIdFor(randomUUID());
    const raw = buildMime({ from: this.config.mail.from, ...email, messageId, date: new Date() });
    if (this.pool) {
      await this.deliver({ from: this.fromAddress, to: [email.to] }, messageId, raw);
      return { messageId };
    }
    const file = join(this.config.mail.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${fileSafe(messageId)}.eml`);
    // Created once; a failure (a read-only disk) is retried with the next message.
    this.directoryReady ??= mkdir(this.config.mail.dir, { recursive: true }).catch((error: unknown) => {
      this.directoryReady = undefined;
      throw error;
    });
    await this.directoryReady;
    await writeFile(file, raw);
    this.logger.log(`no SMTP_URL: wrote the email to ${file}`);
    return { messageId, file };
  }

  onApplicationShutdown(): void {
    this.pool?.close();
  }

  /**
   * Hands a finished message to the pool as a transport plugin's `mail`
   * (nodemailer's documented Transport interface: envelope, Message-ID and a
   * fresh stream of the message on every call, so the pool can requeue it).
   * Going through Mail.sendMail instead would compose every message again as
   * a MIME tree with a stream pipeline, which was most of a digest's cost.
   */
  private deliver(envelope: { from: string; to: string[] }, messageId: string, raw: Buffer): Promise<void> {
    const mail = {
      data: {} as SendMailOptions,
      message: {
        getEnvelope: () => envelope,
        messageId: () => messageId,
        getHeader: (name: string) => (name.toLowerCase() === 'message-id' ? messageId : undefined),
        createReadStream: () => Readable.from([raw], { objectMode: false }),
      },
    } as unknown as MailMessage<SMTPPoolSentMessageInfo>;
    return new Promise((resolve, reject) => {
      this.pool!.send(mail, (error) => (error ? reject(error) : resolve()));
    });
  }
}

function fileSafe(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
}
