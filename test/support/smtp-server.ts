import { AddressInfo } from 'net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The message as it came over the wire (headers still RFC 2047 encoded). */
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface TestSmtpServer {
  /** `smtp://user:pass@127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The next `n` messages are refused with 451 (a temporary failure) after their data is sent. */
  refuseNext(n: number): void;
  /** The next `n` messages get no answer after their data is sent (the sender waits, as for a slow server). */
  stallNext(n: number): void;
  /** How many messages were left unanswered so far. */
  stalled(): number;
  close(): Promise<void>;
}

/** A real SMTP server in this process (the `smtp-server` package), which keeps and parses every message it accepts. */
export async function startSmtpServer(credentials = { user: 'dx', pass: 'mật-khẩu' }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refuse = 0;
  let stall = 0;
  let stalledCount = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    // Connections left waiting by stallNext are ended this soon after close(), not after the default 30 s.
    closeTimeout: 300,
    onAuth(auth, _session, done) {
      if (auth.username === credentials.user && auth.password === credentials.pass) done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stall > 0) {
          stall--;
          stalledCount++;
          return; // never answered: the message is not accepted unless the sender waits for an answer that never comes
        }
        if (refuse > 0) {
          refuse--;
          done(Object.assign(new Error('try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
            done();
          })
          .catch(done);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`,
    received,
    refuseNext(n) {
      refuse = n;
    },
    stallNext(n) {
      stall = n;
    },
    stalled: () => stalledCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
