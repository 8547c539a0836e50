import { ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server in the test process. `plan` scripts the replies per
 * recipient (a code per attempt, then acceptance); every accepted message is
 * kept raw and parsed.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  readonly attempts = new Map<string, number>();
  readonly plan = new Map<string, number[]>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        for (const address of to) this.attempts.set(address, (this.attempts.get(address) ?? 0) + 1);
        const code = to.map((address) => this.plan.get(address)?.shift()).find((c) => c !== undefined);
        if (code !== undefined) {
          callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            this.received.push({ to, raw: raw.toString('utf8'), mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  /** Listens on a free port of 127.0.0.1; returns the SMTP_URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((r) => r.to.includes(address.toLowerCase()));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The raw header block of a message, unfolded. */
export function headersOf(raw: string): string {
  return raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
}
