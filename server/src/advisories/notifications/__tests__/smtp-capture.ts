import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  /** Decoded headers we look at, by lower-case name. */
  headers: Record<string, string>;
  subject: string;
  /** The body, transfer encoding undone. */
  text: string;
}

export interface SmtpCapture {
  port: number;
  messages: CapturedMail[];
  /** Stops accepting connections (the port is refused until start); stopping twice is fine. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (plain text, AUTH PLAIN/LOGIN with one user) that keeps what it receives. */
export async function startSmtpCapture(auth: { user: string; password: string }, port = 0): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let server: SMTPServer;
  let running = false;
  const listen = (onPort: number) =>
    new Promise<number>((resolve, reject) => {
      server = new SMTPServer({
        secure: false,
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        authMethods: ['PLAIN', 'LOGIN'],
        logger: false,
        onAuth(a, _session, done) {
          if (a.username === auth.user && a.password === auth.password) done(null, { user: a.username });
          else done(new Error('Invalid username or password'));
        },
        onData(stream, session, done) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            messages.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope));
            done();
          });
        },
      });
      server.once('error', reject);
      server.listen(onPort, '127.0.0.1', () => {
        running = true;
        resolve((server.server.address() as { port: number }).port);
      });
    });
  const bound = await listen(port);
  return {
    port: bound,
    messages,
    stop: async () => {
      if (!running) return;
      running = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: async () => void (await listen(bound)),
  };
}

function parse(raw: string, envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> }): CapturedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : body;
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    headers,
    subject: headers.subject ?? '',
    text: text.replace(/\r\n/g, '\n'),
  };
}
