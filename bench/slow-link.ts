// The link of bench/outbox.ts: a loopback TCP proxy that delays every chunk, can refuse API
// requests (the kiosk offline), and logs each request line to count round trips.
import { connect, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy adding `oneWayMs` to every chunk in each direction (so 75 → 150 ms of
 * round trip; TCP handshakes stay free, as on a kept-alive link). `down` refuses API requests.
 * It logs each request line it sees, to count round trips. */
export class SlowLink {
  oneWayMs = 0;
  down = false;
  connections = 0;
  /** `at`: the request reached the proxy; `answeredAt`: the server's first byte did. */
  readonly requests: Array<{ at: number; line: string; answeredAt?: number }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => this.handle(client));

  constructor(private readonly targetPort: number) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(client: Socket) {
    this.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    const open: Array<(typeof this.requests)[number]> = [];
    this.pipe(client, upstream, open);
    this.pipe(upstream, client);
    upstream.on('data', () => {
      const answered = open.shift();
      if (answered) answered.answeredAt = Date.now();
    });
  }

  /** Forwards in order, each chunk `oneWayMs` after it arrived. */
  private pipe(from: Socket, to: Socket, open?: Array<(typeof this.requests)[number]>) {
    const queue: Array<[number, Buffer]> = [];
    let ended = false;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      while (queue.length > 0 && queue[0]![0] <= Date.now()) {
        const chunk = queue.shift()![1];
        // A chunk for a socket closed meanwhile is dropped (shifting it regardless: a loop that
        // kept it would spin forever).
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(flush, queue[0]![0] - Date.now());
      else if (ended && !to.destroyed) to.end();
    };
    from.on('data', (chunk: Buffer) => {
      const line = open ? /^(GET|POST|PUT|DELETE|HEAD|OPTIONS) (\S+)/.exec(chunk.toString('latin1', 0, 200)) : null;
      if (line && this.down && line[2]!.startsWith('/api/')) return void from.resetAndDestroy();
      if (line) {
        const entry = { at: Date.now(), line: `${line[1]} ${line[2]!.split('?')[0]}` };
        this.requests.push(entry);
        open!.push(entry);
      }
      queue.push([Date.now() + this.oneWayMs, chunk]);
      timer ??= setTimeout(flush, this.oneWayMs);
    });
    from.on('end', () => {
      ended = true;
      timer ??= setTimeout(flush, 0);
    });
  }
}
