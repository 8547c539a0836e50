import * as net from 'node:net';
import * as os from 'node:os';
import * as tls from 'node:tls';

export interface SmtpPoolOptions {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://... (implicit TLS). */
  url: string;
  maxConnections: number;
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
  /** Default 100, then QUIT and reconnect. */
  maxMessagesPerConnection?: number;
  /** Default 30000: servers drop idle connections, better we close them first. */
  idleTimeoutMs?: number;
  /** EHLO name, default os.hostname() or 'localhost'. */
  clientName?: string;
  /** Extra TLS options (e.g. rejectUnauthorized: false for a test server). */
  tls?: tls.ConnectionOptions;
}

export type SmtpErrorCode = 'ECONNECTION' | 'ETIMEDOUT' | 'EAUTH' | 'EENVELOPE' | 'EMESSAGE' | 'EPROTOCOL';

interface Reply {
  code: number;
  text: string;
}

// Logs must never hold email addresses; the raw reply stays available in `response`.
const ADDRESS = /[^\s<>()[\]{}"',;:]+@[^\s<>()[\]{}"',;:]+/g;
const REPLY_LINE = /^[2-5]\d\d(?:[ -]|$)/;
const LF_DOT = Buffer.from('\n.');
const DOT = Buffer.from('.');
const END_AFTER_CRLF = Buffer.from('.\r\n');
const END = Buffer.from('\r\n.\r\n');

/**
 * The shape of nodemailer's errors, so `classifySendError` works unchanged.
 * Only refusals of this message (EENVELOPE, EMESSAGE) and of our credentials
 * (EAUTH) carry a responseCode: a 5xx greeting or EHLO says nothing about the
 * message and must stay transient.
 */
export class SmtpError extends Error {
  override name = 'SmtpError';
  responseCode?: number;
  response?: string;
  command?: string;

  constructor(message: string, readonly code: SmtpErrorCode, reply?: Reply, command?: string) {
    super((reply ? `${message}: ${reply.text}` : message).replace(ADDRESS, '[address]'));
    if (reply) {
      this.response = reply.text;
      if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EAUTH') this.responseCode = reply.code;
    }
    this.command = command;
  }
}

interface Settings extends Required<Pick<SmtpPoolOptions, 'connectionTimeoutMs' | 'greetingTimeoutMs' | 'socketTimeoutMs'>> {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  name: string;
  tls?: tls.ConnectionOptions;
}

/** One SMTP session; used by one send at a time. */
class Connection {
  messages = 0;
  /** Replies to the current send: none means the server has not seen (or accepted) anything of it. */
  txReplies = 0;
  dead?: SmtpError;
  idleTimer?: NodeJS.Timeout;
  private socket!: net.Socket;
  private pipelining = false;
  private startTls = false;
  private authMethods: string[] = [];
  private maxSize = 0;
  private pending = '';
  private lines: string[] = [];
  private want = 0;
  private got: Reply[] = [];
  private resolve?: (replies: Reply[]) => void;
  private reject?: (error: SmtpError) => void;
  private command = '';
  private timer?: NodeJS.Timeout;
  private quitting = false;

  constructor(
    private readonly s: Settings,
    private readonly onDead: (connection: Connection) => void,
  ) {}

  async open(): Promise<void> {
    const { host, port, secure } = this.s;
    try {
      this.arm(this.s.connectionTimeoutMs, 'connection timeout');
      this.attach(secure ? tls.connect({ host, port, ...serverName(host), ...this.s.tls }) : net.connect({ port, host }));
      await this.until(secure ? 'secureConnect' : 'connect');
      this.arm(this.s.greetingTimeoutMs, 'greeting timeout');
      const [greeting] = await this.read(1, 'CONN');
      if (greeting.code !== 220) throw new SmtpError('invalid greeting', 'EPROTOCOL', greeting, 'CONN');
      this.disarm();
      this.socket.setTimeout(this.s.socketTimeoutMs);
      await this.ehlo();
      if (!secure && this.startTls) {
        const reply = await this.cmd('STARTTLS');
        // Going on in plain text would hand the credentials to whoever refused the upgrade.
        if (reply.code !== 220) throw new SmtpError('STARTTLS refused', 'EPROTOCOL', reply, 'STARTTLS');
        await this.upgrade();
        await this.ehlo();
      }
      if (this.s.user !== undefined) await this.login(this.s.user, this.s.pass ?? '');
    } catch (error) {
      const failure = error instanceof SmtpError ? error : new SmtpError(String((error as Error).message), 'ECONNECTION');
      this.fail(failure);
      throw failure;
    }
  }

  async transact(from: string, to: string[], message: Buffer): Promise<string> {
    this.txReplies = 0;
    if (this.dead) throw new SmtpError(this.dead.message, this.dead.code, undefined, 'MAIL FROM');
    if (this.maxSize > 0 && message.length > this.maxSize) {
      // Permanent by the caller's rules (EMESSAGE without a responseCode); nothing was sent.
      throw new SmtpError(`message of ${message.length} bytes exceeds the server's limit of ${this.maxSize}`, 'EMESSAGE');
    }
    this.messages++;
    const steps = to.length + 2;
    let replies: Reply[];
    if (this.pipelining) {
      const done = this.read(steps, 'MAIL FROM');
      let commands = `MAIL FROM:<${from}>\r\n`;
      for (const rcpt of to) commands += `RCPT TO:<${rcpt}>\r\n`;
      this.socket.write(commands + 'DATA\r\n');
      replies = await done;
    } else {
      replies = [];
      for (let i = 0; i < steps; i++) {
        const reply = i === 0 ? await this.cmd(`MAIL FROM:<${from}>`, 'MAIL FROM') : i <= to.length ? await this.cmd(`RCPT TO:<${to[i - 1]}>`, 'RCPT TO') : await this.cmd('DATA');
        replies.push(reply);
        if (judge(i, steps, reply)) break;
      }
    }
    let failure: SmtpError | undefined;
    for (let i = 0; i < replies.length && !failure; i++) failure = judge(i, steps, replies[i]);
    // A 421 ends the reply batch early (the server is going away), so failure is set.
    if (failure) throw await this.recover(failure, replies[replies.length - 1], replies.length === steps);
    const done = this.read(1, 'DATA');
    // cork: message and terminator leave in one writev, without copying the message.
    this.socket.cork();
    this.socket.write(dotStuff(message));
    this.socket.write(message.length >= 2 && message[message.length - 2] === 13 && message[message.length - 1] === 10 ? END_AFTER_CRLF : END);
    this.socket.uncork();
    const [reply] = await done;
    if (reply.code >= 200 && reply.code < 300) return reply.text;
    throw await this.recover(new SmtpError('message refused', 'EMESSAGE', reply, 'DATA'), reply, false);
  }

  quit(): void {
    if (this.dead || this.quitting) return;
    this.quitting = true;
    this.socket.end('QUIT\r\n');
    this.arm(Math.min(this.s.socketTimeoutMs, 1000), 'QUIT timeout');
  }

  destroy(): void {
    this.fail(new SmtpError('connection closed by the client', 'ECONNECTION'));
  }

  /** Puts the session back to its initial state after a refusal, so the connection can be kept. */
  private async recover(failure: SmtpError, last: Reply, dataAnswered: boolean): Promise<SmtpError> {
    try {
      if (last.code === 421) {
        this.destroy();
      } else {
        // DATA after a refused RCPT should get 503/554; a server that still says 354 waits for a message.
        if (dataAnswered && last.code === 354) await this.cmd('.', 'DATA');
        if ((await this.cmd('RSET')).code !== 250) this.destroy();
      }
    } catch {
      // The connection failed while recovering and is gone; the refusal is what the caller needs.
    }
    return failure;
  }

  private async ehlo(): Promise<void> {
    let reply = await this.cmd(`EHLO ${this.s.name}`, 'EHLO');
    this.pipelining = this.startTls = false;
    this.authMethods = [];
    this.maxSize = 0;
    if (reply.code >= 500) {
      reply = await this.cmd(`HELO ${this.s.name}`, 'HELO');
      if (reply.code !== 250) throw new SmtpError('HELO refused', 'EPROTOCOL', reply, 'HELO');
      return;
    }
    if (reply.code !== 250) throw new SmtpError('EHLO refused', 'EPROTOCOL', reply, 'EHLO');
    for (const line of reply.text.split('\n').slice(1)) {
      const [keyword, ...params] = line.slice(4).trim().toUpperCase().split(/[\s=]+/);
      if (keyword === 'PIPELINING') this.pipelining = true;
      else if (keyword === 'STARTTLS') this.startTls = true;
      else if (keyword === 'AUTH') this.authMethods.push(...params);
      else if (keyword === 'SIZE') this.maxSize = Number(params[0]) || 0;
    }
  }

  private async login(user: string, pass: string): Promise<void> {
    let reply: Reply;
    let command = 'AUTH PLAIN';
    // Servers that list no AUTH at all get PLAIN too: their refusal says more than ours would.
    if (this.authMethods.includes('PLAIN') || !this.authMethods.includes('LOGIN')) {
      reply = await this.cmd(`AUTH PLAIN ${base64(`\0${user}\0${pass}`)}`, command);
    } else {
      command = 'AUTH LOGIN';
      reply = await this.cmd(command);
      if (reply.code === 334) reply = await this.cmd(base64(user), command);
      if (reply.code === 334) reply = await this.cmd(base64(pass), command);
    }
    if (reply.code !== 235) throw new SmtpError('invalid login', 'EAUTH', reply, command);
  }

  private async upgrade(): Promise<void> {
    const raw = this.socket;
    // The TLS socket reads the TCP stream from now on; the raw socket keeps its error and close listeners.
    raw.removeListener('data', this.onData);
    raw.removeListener('timeout', this.onTimeout);
    raw.setTimeout(0);
    this.arm(this.s.socketTimeoutMs, 'TLS handshake timeout');
    this.attach(tls.connect({ socket: raw, ...serverName(this.s.host), ...this.s.tls }));
    await this.until('secureConnect');
    this.disarm();
    this.socket.setTimeout(this.s.socketTimeoutMs);
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  private until(event: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.reject = reject;
      this.socket.once(event, () => {
        this.reject = undefined;
        resolve();
      });
    });
  }

  private async cmd(line: string, name = line): Promise<Reply> {
    const done = this.read(1, name);
    if (!this.dead) this.socket.write(line + '\r\n');
    return (await done)[0];
  }

  private read(count: number, command: string): Promise<Reply[]> {
    if (this.dead) return Promise.reject(new SmtpError(this.dead.message, this.dead.code, undefined, command));
    this.command = command;
    this.want = count;
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  private readonly onData = (chunk: string): void => {
    this.pending += chunk;
    let end: number;
    while (!this.dead && (end = this.pending.indexOf('\n')) !== -1) {
      const line = this.pending.slice(0, this.pending.charCodeAt(end - 1) === 13 ? end - 1 : end);
      this.pending = this.pending.slice(end + 1);
      this.onLine(line);
    }
    if (this.pending.length > 65536) this.fail(new SmtpError('reply line too long', 'EPROTOCOL'));
  };

  private onLine(line: string): void {
    if (!REPLY_LINE.test(line)) return this.fail(new SmtpError('unparseable reply', 'EPROTOCOL', { code: 0, text: line }));
    this.lines.push(line);
    if (line.charCodeAt(3) === 45 /* '-': more lines follow */) return;
    const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n') };
    this.lines = [];
    const resolve = this.resolve;
    if (!resolve) {
      if (this.quitting) return;
      // Typically a 421 on an idle connection: the server is about to close it.
      return this.fail(new SmtpError('unexpected reply', reply.code === 421 ? 'ECONNECTION' : 'EPROTOCOL', { code: 0, text: reply.text }));
    }
    this.txReplies++;
    this.got.push(reply);
    if (this.got.length === this.want || reply.code === 421) {
      const replies = this.got;
      this.got = [];
      this.resolve = this.reject = undefined;
      resolve(replies);
    }
  }

  private readonly onError = (error: Error): void => this.fail(new SmtpError(error.message, 'ECONNECTION'));
  private readonly onClose = (): void => this.fail(new SmtpError('connection closed by the server', 'ECONNECTION'));
  private readonly onTimeout = (): void => {
    // The socket timer also runs while the connection sits idle; only an unanswered command counts.
    if (this.reject) this.fail(new SmtpError('socket timeout', 'ETIMEDOUT'));
  };

  private arm(ms: number, message: string): void {
    this.disarm();
    this.timer = setTimeout(() => this.fail(new SmtpError(message, 'ETIMEDOUT')), ms);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fail(error: SmtpError): void {
    if (this.dead) return;
    this.dead = error;
    this.disarm();
    this.socket?.destroy();
    const reject = this.reject;
    this.resolve = this.reject = undefined;
    if (reject) {
      // The response is kept on the error object (not echoed as a fake reply code).
      error.command ??= this.command || undefined;
      reject(error);
    }
    this.onDead(this);
  }
}

function judge(i: number, steps: number, reply: Reply): SmtpError | undefined {
  if (i === 0) return reply.code === 250 ? undefined : new SmtpError('sender refused', 'EENVELOPE', reply, 'MAIL FROM');
  if (i < steps - 1) return reply.code === 250 || reply.code === 251 ? undefined : new SmtpError('recipient refused', 'EENVELOPE', reply, 'RCPT TO');
  return reply.code === 354 ? undefined : new SmtpError('DATA refused', 'EMESSAGE', reply, 'DATA');
}

/** A line starting with '.' gets another one (RFC 5321 4.5.2); most messages have none and go as they are. */
export function dotStuff(message: Buffer): Buffer {
  let at = message.indexOf(LF_DOT);
  if (at === -1 && message[0] !== 0x2e) return message;
  const parts: Buffer[] = message[0] === 0x2e ? [DOT] : [];
  let start = 0;
  for (; at !== -1; at = message.indexOf(LF_DOT, at + 1)) {
    parts.push(message.subarray(start, at + 1), DOT);
    start = at + 1;
  }
  parts.push(message.subarray(start));
  return Buffer.concat(parts);
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function serverName(host: string): { servername?: string } {
  // SNI forbids IP addresses (RFC 6066), and Node warns about them.
  return net.isIP(host) ? {} : { servername: host };
}

interface Waiter {
  resolve: (connection: Connection) => void;
  reject: (error: unknown) => void;
}

/**
 * A minimal SMTP client for complete RFC 5322 messages: the envelope pipelined
 * in one write, the message in one more, read replies in order. Connections
 * are kept (up to maxConnections) and sends beyond that wait in FIFO order.
 */
export class SmtpPool {
  private readonly settings: Settings;
  private readonly max: number;
  private readonly maxMessages: number;
  private readonly idleTimeoutMs: number;
  private readonly all = new Set<Connection>();
  /** Most recently used last: reused first, so the others can idle out. */
  private readonly idle: Connection[] = [];
  private readonly queue: Waiter[] = [];
  private inflight = 0;
  private closed?: Promise<void>;
  private drained?: () => void;
  private allClosed?: () => void;

  constructor(options: SmtpPoolOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`unsupported SMTP URL scheme ${url.protocol}`);
    const secure = url.protocol === 'smtps:';
    this.settings = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port) || (secure ? 465 : 25),
      secure,
      user: url.username ? decodeURIComponent(url.username) : undefined,
      pass: url.username ? decodeURIComponent(url.password) : undefined,
      name: options.clientName ?? (os.hostname() || 'localhost'),
      connectionTimeoutMs: options.connectionTimeoutMs,
      greetingTimeoutMs: options.greetingTimeoutMs,
      socketTimeoutMs: options.socketTimeoutMs,
      tls: options.tls,
    };
    this.max = Math.max(1, options.maxConnections);
    this.maxMessages = options.maxMessagesPerConnection ?? 100;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  async send(envelope: { from: string; to: string[] }, message: Buffer): Promise<{ response: string }> {
    if (this.closed) throw new SmtpError('the SMTP pool is closed', 'ECONNECTION');
    // CR/LF or brackets in an address would inject commands into the pipelined batch.
    if (envelope.to.length === 0 || /[\r\n<>]/.test(envelope.from) || envelope.to.some((to) => /[\r\n<>]/.test(to))) {
      throw new SmtpError('invalid envelope', 'EENVELOPE');
    }
    this.inflight++;
    try {
      for (let attempt = 0; ; attempt++) {
        const connection = await this.acquire(attempt > 0);
        const reused = connection.messages > 0;
        try {
          return { response: await connection.transact(envelope.from, envelope.to, message) };
        } catch (error) {
          // A kept connection the server had already dropped: nothing of this send was accepted.
          const stale = reused && connection.txReplies === 0 && (error as SmtpError).code === 'ECONNECTION';
          if (attempt > 0 || !stale) throw error;
        } finally {
          this.release(connection);
        }
      }
    } finally {
      if (--this.inflight === 0) this.drained?.();
    }
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    for (const waiter of this.queue.splice(0)) waiter.reject(new SmtpError('the SMTP pool was closed', 'ECONNECTION'));
    for (const connection of this.idle.splice(0)) this.retire(connection);
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    if (this.all.size > 0) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.allClosed = resolve)),
        new Promise<void>((resolve) => (grace = setTimeout(resolve, Math.min(this.settings.socketTimeoutMs, 1000)))),
      ]);
      clearTimeout(grace);
    }
    for (const connection of this.all) connection.destroy();
  }

  private acquire(retry: boolean): Promise<Connection> {
    const connection = this.idle.pop();
    if (connection) {
      clearTimeout(connection.idleTimer);
      return Promise.resolve(connection);
    }
    if (this.all.size < this.max) return this.open();
    return new Promise((resolve, reject) => {
      // A retry has waited its turn already.
      if (retry) this.queue.unshift({ resolve, reject });
      else this.queue.push({ resolve, reject });
    });
  }

  private open(): Promise<Connection> {
    const connection = new Connection(this.settings, this.onDead);
    this.all.add(connection);
    return connection.open().then(() => connection);
  }

  private release(connection: Connection): void {
    if (connection.dead) return;
    if (this.closed || connection.messages >= this.maxMessages) return this.retire(connection);
    const waiter = this.queue.shift();
    if (waiter) return waiter.resolve(connection);
    connection.idleTimer = setTimeout(() => this.retire(connection), this.idleTimeoutMs);
    connection.idleTimer.unref();
    this.idle.push(connection);
  }

  /** QUIT; the slot frees when the server closes the connection (or the QUIT timer destroys it). */
  private retire(connection: Connection): void {
    clearTimeout(connection.idleTimer);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    connection.quit();
  }

  private readonly onDead = (connection: Connection): void => {
    this.all.delete(connection);
    clearTimeout(connection.idleTimer);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    while (this.queue.length > 0 && this.all.size < this.max && !this.closed) {
      const waiter = this.queue.shift()!;
      this.open().then(waiter.resolve, waiter.reject);
    }
    if (this.closed && this.all.size === 0) this.allClosed?.();
  };
}
