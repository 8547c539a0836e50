import * as net from 'node:net';
import fc from 'fast-check';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { dotStuff, SmtpError, SmtpPool, type SmtpPoolOptions } from './smtp-pool';

interface Received {
  data: Buffer;
  secure: boolean;
  from: string;
  to: string[];
}

interface TestServer {
  port: number;
  received: Received[];
  /** Connections opened so far. */
  connections: number;
  maxConcurrent: number;
  /** Socket data chunks the server read, per connection, in order. */
  chunks: string[][];
  raw: SMTPServer;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const pools: SmtpPool[] = [];

async function startServer(options: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  let open = 0;
  const state: TestServer = {
    port: 0,
    received: [],
    connections: 0,
    maxConcurrent: 0,
    chunks: [],
    raw: undefined as unknown as SMTPServer,
    close: () => new Promise((resolve) => state.raw.close(() => resolve())),
  };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    closeTimeout: 50,
    disableReverseLookup: true,
    // Plain text unless a test asks for STARTTLS, so the bytes on the wire can be checked.
    hideSTARTTLS: true,
    ...options,
    onConnect(session, callback) {
      state.connections++;
      open++;
      state.maxConcurrent = Math.max(state.maxConcurrent, open);
      // The server's own socket, to see how the client's bytes arrive.
      const connection = [...(server as any).connections].find((c: any) => c.id === session.id);
      const chunks: string[] = [];
      state.chunks.push(chunks);
      connection?._socket.on('data', (chunk: Buffer) => chunks.push(chunk.toString('latin1')));
      if (options.onConnect) options.onConnect(session, callback);
      else callback();
    },
    onClose(session, connection) {
      open--;
      options.onClose?.(session, connection);
    },
    onData:
      options.onData ??
      ((stream, session, callback) => {
        const parts: Buffer[] = [];
        stream.on('data', (part: Buffer) => parts.push(part));
        stream.on('end', () => {
          state.received.push({
            data: Buffer.concat(parts),
            secure: session.secure,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback(null, 'OK: queued');
        });
      }),
  });
  state.raw = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as net.AddressInfo).port;
  servers.push(state);
  return state;
}

function pool(port: number, options: Partial<SmtpPoolOptions> & { scheme?: string; auth?: string } = {}): SmtpPool {
  const { scheme = 'smtp', auth = '', ...rest } = options;
  const created = new SmtpPool({
    url: `${scheme}://${auth}127.0.0.1:${port}`,
    maxConnections: 1,
    connectionTimeoutMs: 2000,
    greetingTimeoutMs: 2000,
    socketTimeoutMs: 2000,
    clientName: 'test.local',
    tls: { rejectUnauthorized: false },
    ...rest,
  });
  pools.push(created);
  return created;
}

function mime(body: string): Buffer {
  return Buffer.from(`From: <a@example.com>\r\nTo: <b@example.org>\r\nSubject: test\r\n\r\n${body}`);
}

const envelope = { from: 'sender@example.com', to: ['reader@example.org'] };

async function failure(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmtpError);
    expect((error as Error).message).not.toMatch(/@/);
    return error as SmtpError;
  }
  throw new Error('expected the send to fail');
}

function rejectWith(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('SmtpPool', () => {
  it('delivers messages byte for byte, dot-stuffed on the wire', async () => {
    const server = await startServer();
    const smtp = pool(server.port);
    const messages = [
      mime('plain\r\nbody\r\n'),
      mime('.starts with a dot\r\n..two dots\r\n.\r\nend\r\n'),
      Buffer.from('.Header: first line starts with a dot\r\n\r\nbody\r\n'),
    ];
    for (const message of messages) {
      const { response } = await smtp.send(envelope, message);
      expect(response).toMatch(/^250 /);
    }
    expect(server.received.map((r) => r.data.toString('latin1'))).toEqual(messages.map((m) => m.toString('latin1')));
    expect(server.received[0]).toMatchObject({ from: envelope.from, to: envelope.to, secure: false });
    expect(server.connections).toBe(1);
  });

  it('adds the final CRLF to a message without one', async () => {
    const server = await startServer();
    await pool(server.port).send(envelope, mime('no newline at the end'));
    expect(server.received[0].data.toString()).toBe(mime('no newline at the end\r\n').toString());
  });

  it('dot-stuffs like the line-by-line definition', () => {
    const naive = (text: string) => text.replace(/(^|\n)\./g, '$1..');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('.', '\r', '\n', 'a', '..')), (parts) => {
        const text = parts.join('');
        expect(dotStuff(Buffer.from(text, 'latin1')).toString('latin1')).toBe(naive(text));
      }),
    );
    const plain = mime('nothing to stuff\r\n');
    expect(dotStuff(plain)).toBe(plain);
  });

  it.each([
    ['offered', false, 2],
    ['hidden', true, 4],
  ])('pipelines the envelope when PIPELINING is %s', async (_label, hidePIPELINING, writes) => {
    const server = await startServer({ hidePIPELINING });
    await pool(server.port).send(envelope, mime('hello\r\n'));
    // After EHLO: MAIL+RCPT+DATA in one write (or three), then the message with its terminator.
    const chunks = server.chunks[0].filter((c) => !c.startsWith('EHLO'));
    expect(chunks).toHaveLength(writes);
    expect(chunks[0]).toBe(hidePIPELINING ? 'MAIL FROM:<sender@example.com>\r\n' : 'MAIL FROM:<sender@example.com>\r\nRCPT TO:<reader@example.org>\r\nDATA\r\n');
    expect(chunks[chunks.length - 1]).toBe(mime('hello\r\n').toString() + '.\r\n');
  });

  it.each([['PLAIN'], ['LOGIN']])('authenticates with AUTH %s', async (method) => {
    const seen: string[] = [];
    const server = await startServer({
      authMethods: [method],
      authOptional: false,
      hideSTARTTLS: true,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        seen.push(`${auth.method} ${auth.username}`);
        if (auth.username === 'mailer@example.com' && auth.password === 'p@ss:w/rd') callback(null, { user: 'mailer' });
        else callback(new Error('Authentication credentials invalid'));
      },
    });
    await pool(server.port, { auth: `${encodeURIComponent('mailer@example.com')}:${encodeURIComponent('p@ss:w/rd')}@` }).send(envelope, mime('hi\r\n'));
    expect(seen).toEqual([`${method} mailer@example.com`]);
    expect(server.received).toHaveLength(1);

    const error = await failure(pool(server.port, { auth: 'mailer%40example.com:wrong@' }).send(envelope, mime('hi\r\n')));
    expect(error).toMatchObject({ code: 'EAUTH', responseCode: 535, command: `AUTH ${method}` });
    expect(server.received).toHaveLength(1);
  });

  it('upgrades with STARTTLS when offered', async () => {
    const server = await startServer({ hideSTARTTLS: false });
    await pool(server.port).send(envelope, mime('secret\r\n'));
    expect(server.received[0].secure).toBe(true);
  });

  it('speaks implicit TLS on smtps://', async () => {
    const server = await startServer({ secure: true });
    await pool(server.port, { scheme: 'smtps' }).send(envelope, mime('secret\r\n'));
    expect(server.received[0].secure).toBe(true);
  });

  describe.each([
    ['pipelined', false],
    ['one by one', true],
  ])('refusals (%s)', (_label, hidePIPELINING) => {
    it('reports them with the reply code and keeps the connection', async () => {
      const server = await startServer({
        hidePIPELINING,
        onRcptTo(address, _session, callback) {
          if (address.address.startsWith('gone')) callback(rejectWith(`<${address.address}> no such user`, 550));
          else if (address.address.startsWith('busy')) callback(rejectWith('try again later', 451));
          else callback();
        },
        onMailFrom(address, _session, callback) {
          if (address.address.startsWith('banned')) callback(rejectWith('sender blocked', 553));
          else callback();
        },
        onData(stream, _session, callback) {
          const parts: Buffer[] = [];
          stream.on('data', (part: Buffer) => parts.push(part));
          stream.on('end', () => {
            if (Buffer.concat(parts).includes('too big')) return callback(rejectWith('message too large', 552));
            server.received.push({ data: Buffer.concat(parts), secure: false, from: '', to: [] });
            callback(null, 'OK');
          });
        },
      });
      const smtp = pool(server.port);
      const gone = await failure(smtp.send({ from: envelope.from, to: ['gone@example.org'] }, mime('a\r\n')));
      expect(gone).toMatchObject({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
      expect(gone.response).toContain('gone@example.org');
      expect(gone.message).toContain('[address]');
      await smtp.send(envelope, mime('after 550\r\n'));

      const busy = await failure(smtp.send({ from: envelope.from, to: ['busy@example.org'] }, mime('b\r\n')));
      expect(busy).toMatchObject({ code: 'EENVELOPE', responseCode: 451 });
      await smtp.send(envelope, mime('after 451\r\n'));

      const banned = await failure(smtp.send({ from: 'banned@example.com', to: envelope.to }, mime('c\r\n')));
      expect(banned).toMatchObject({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' });
      await smtp.send(envelope, mime('after 553\r\n'));

      const big = await failure(smtp.send(envelope, mime('too big\r\n')));
      expect(big).toMatchObject({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' });
      await smtp.send(envelope, mime('after 552\r\n'));

      expect(server.received.map((r) => r.data.toString())).toEqual(['after 550', 'after 451', 'after 553', 'after 552'].map((b) => mime(`${b}\r\n`).toString()));
      expect(server.connections).toBe(1);
    });
  });

  it('drops the connection after a 421 and opens a new one', async () => {
    let first = true;
    const server = await startServer({
      onRcptTo(_address, _session, callback) {
        if (first) callback(rejectWith('shutting down', 421));
        else callback();
        first = false;
      },
    });
    const smtp = pool(server.port);
    const error = await failure(smtp.send(envelope, mime('a\r\n')));
    expect(error).toMatchObject({ code: 'EENVELOPE', responseCode: 421 });
    await smtp.send(envelope, mime('b\r\n'));
    expect(server.received).toHaveLength(1);
    expect(server.connections).toBe(2);
  });

  it('keeps to maxConnections and queues the rest', async () => {
    const server = await startServer({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => setTimeout(() => callback(null, 'OK'), 5));
      },
    });
    const smtp = pool(server.port, { maxConnections: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => smtp.send(envelope, mime(`message ${i}\r\n`))));
    expect(results).toHaveLength(30);
    expect(server.maxConcurrent).toBe(3);
    expect(server.connections).toBe(3);
  });

  it('reconnects after maxMessagesPerConnection', async () => {
    const server = await startServer();
    const smtp = pool(server.port, { maxMessagesPerConnection: 2 });
    for (let i = 0; i < 5; i++) await smtp.send(envelope, mime(`m${i}\r\n`));
    expect(server.received).toHaveLength(5);
    expect(server.connections).toBe(3);
    expect(server.maxConcurrent).toBe(1);
  });

  it('closes idle connections itself after idleTimeoutMs', async () => {
    const server = await startServer();
    const smtp = pool(server.port, { idleTimeoutMs: 50 });
    await smtp.send(envelope, mime('a\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.chunks[0].at(-1)).toBe('QUIT\r\n');
    await smtp.send(envelope, mime('b\r\n'));
    expect(server.connections).toBe(2);
  });

  it('survives a server that closed an idle connection', async () => {
    // Above smtp-server's 100 ms greeting delay, which the same timer covers.
    const server = await startServer({ socketTimeout: 400 });
    const smtp = pool(server.port);
    await smtp.send(envelope, mime('a\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(server.chunks[0].at(-1)).not.toBe('QUIT\r\n');
    await smtp.send(envelope, mime('b\r\n'));
    expect(server.received).toHaveLength(2);
    expect(server.connections).toBe(2);
  });

  it('retries once on a new connection when a kept one dies before any reply', async () => {
    let mails = 0;
    const server = await startServer({
      onMailFrom(_address, session, callback) {
        // The second message on the first connection: the server goes away without a word.
        if (++mails === 2) {
          const connection = [...(server.raw as any).connections].find((c: any) => c.id === session.id);
          return connection._socket.destroy();
        }
        callback();
      },
    });
    const smtp = pool(server.port);
    await smtp.send(envelope, mime('a\r\n'));
    await smtp.send(envelope, mime('b\r\n'));
    expect(server.received.map((r) => r.data.toString())).toEqual([mime('a\r\n').toString(), mime('b\r\n').toString()]);
    expect(server.connections).toBe(2);
  });

  it('times out when the server never answers the message', async () => {
    const server = await startServer({
      onData(stream) {
        stream.resume();
      },
    });
    const started = Date.now();
    const error = await failure(pool(server.port, { socketTimeoutMs: 200 }).send(envelope, mime('a\r\n')));
    expect(error).toMatchObject({ code: 'ETIMEDOUT', command: 'DATA' });
    expect(error.responseCode).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails with ECONNECTION when nothing listens', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(pool(port).send(envelope, mime('a\r\n')));
    expect(error.code).toBe('ECONNECTION');
    expect(error.responseCode).toBeUndefined();
  });

  it('reads replies split across chunks and several in one chunk', async () => {
    // A scripted server: every reply dribbled out a few bytes at a time, EHLO's multi-line reply included.
    const seen: string[] = [];
    const script = net.createServer((socket) => {
      const say = async (text: string) => {
        for (let i = 0; i < text.length; i += 3) {
          socket.write(text.slice(i, i + 3));
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      let buffer = '';
      void say('220 hello\r\n');
      socket.on('data', async (chunk) => {
        buffer += chunk.toString();
        seen.push(chunk.toString());
        if (buffer.startsWith('EHLO')) {
          buffer = '';
          await say('250-hello\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 8BITMIME\r\n');
        } else if (buffer.endsWith('DATA\r\n') && buffer.startsWith('MAIL')) {
          buffer = '';
          socket.write('250 sender ok\r\n250 recipient ok\r\n354 go ahead\r\n');
        } else if (buffer.endsWith('\r\n.\r\n')) {
          buffer = '';
          await say('250 queued\r\n');
        } else if (buffer === 'QUIT\r\n') {
          socket.end('221 bye\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => script.listen(0, '127.0.0.1', resolve));
    const smtp = pool((script.address() as net.AddressInfo).port);
    expect(await smtp.send(envelope, mime('hi\r\n'))).toEqual({ response: '250 queued' });
    const tooBig = await failure(smtp.send(envelope, Buffer.alloc(2000, 'a')));
    expect(tooBig.code).toBe('EMESSAGE');
    await smtp.close();
    await new Promise((resolve) => script.close(resolve));
    expect(seen.join('')).toContain('MAIL FROM:<sender@example.com>\r\nRCPT TO:<reader@example.org>\r\nDATA\r\n');
  });

  it('ends the empty message when a server answers DATA with 354 after refusing the recipient', async () => {
    const lines: string[] = [];
    const script = net.createServer((socket) => {
      socket.write('220 hi\r\n');
      let buffer = '';
      socket.on('data', (chunk) => {
        buffer += chunk.toString();
        for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          lines.push(line);
          const verb = line.slice(0, 4);
          if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write(verb === 'EHLO' ? '250-hi\r\n250 PIPELINING\r\n' : verb === 'RCPT' ? '550 no\r\n' : verb === 'DATA' ? '354 go\r\n' : line === '.' ? '554 no recipients\r\n' : '250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => script.listen(0, '127.0.0.1', resolve));
    const smtp = pool((script.address() as net.AddressInfo).port);
    expect(await failure(smtp.send(envelope, mime('a\r\n')))).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    await smtp.close();
    await new Promise((resolve) => script.close(resolve));
    expect(lines).toEqual(['EHLO test.local', 'MAIL FROM:<sender@example.com>', 'RCPT TO:<reader@example.org>', 'DATA', '.', 'RSET', 'QUIT']);
  });

  it('close() rejects queued sends, finishes in-flight ones and leaves no connections', async () => {
    const server = await startServer({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => setTimeout(() => callback(null, 'OK'), 50));
      },
    });
    const smtp = pool(server.port);
    const inFlight = smtp.send(envelope, mime('a\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const queued = smtp.send(envelope, mime('b\r\n'));
    const closed = smtp.close();
    await expect(inFlight).resolves.toMatchObject({ response: expect.stringMatching(/^250/) });
    expect(await failure(queued)).toMatchObject({ code: 'ECONNECTION' });
    await closed;
    expect((smtp as any).all.size).toBe(0);
    expect(await failure(smtp.send(envelope, mime('c\r\n')))).toMatchObject({ code: 'ECONNECTION' });
    expect(server.chunks[0].at(-1)).toBe('QUIT\r\n');
  });

  it('refuses envelopes that would inject commands', async () => {
    const smtp = pool(1);
    expect(await failure(smtp.send({ from: 'a@b.c>\r\nRSET', to: ['x@y.z'] }, mime('a\r\n')))).toMatchObject({ code: 'EENVELOPE' });
    expect(await failure(smtp.send({ from: 'a@b.c', to: [] }, mime('a\r\n')))).toMatchObject({ code: 'EENVELOPE' });
  });
});
