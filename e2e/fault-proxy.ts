// A loopback TCP proxy that makes the network misbehave for kiosk API traffic: it drops
// connections, answers 500, delays, and resets submission requests after the server has
// committed them but before the kiosk hears the answer. Written for the fault-injection test.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { seeded } from '../test/seeded-random';

export interface FaultPlan {
  /** Chance that an API request's connection is dropped before it reaches the server. */
  drop: number;
  /** Chance of an immediate 500 answer, the server never seeing the request. */
  error500: number;
  /** Chance (submissions and usage pushes only) that the connection is reset once the server
   * starts answering. */
  resetAfterCommit: number;
  /** Each forwarded chunk waits a random time up to this. */
  maxDelayMs: number;
}

export interface FaultStats {
  dropped: number;
  answered500: number;
  resetAfterCommit: number;
  forwarded: number;
}

/** Freezes submission pushes at one moment, to close the browser right there. */
export type HoldPoint = 'before-server' | 'after-commit';

export class FaultProxy {
  faults: FaultPlan | null = null;
  hold: HoldPoint | null = null;
  /** While true, every API connection is refused: the server is unreachable. */
  down = false;
  /** A server bug stand-in: any submission push whose body contains this text gets a 500, the
   * server never seeing it (so one submission makes every batch holding it fail). */
  poison: string | null = null;
  /** Resolves the next time a submission push is frozen at `hold`. */
  private onHeld: (() => void) | undefined;
  readonly stats: FaultStats & { poisoned: number } = { dropped: 0, answered500: 0, resetAfterCommit: 0, forwarded: 0, poisoned: 0 };
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;

  constructor(private readonly targetPort: number, seed = 1) {
    this.random = seeded(seed);
    this.server = createServer((client) => this.handle(client));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  nextHold(): Promise<void> {
    return new Promise((resolve) => (this.onHeld = resolve));
  }

  private held() {
    this.onHeld?.();
    this.onHeld = undefined;
  }

  private handle(client: Socket) {
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let resetOnAnswer = false;
    let frozen: HoldPoint | null = null;
    // Chunks are forwarded in order, each after its delay.
    let queue = Promise.resolve();
    const kill = (socket: Socket) => (socket.destroyed ? undefined : socket.resetAndDestroy());

    // A whole submission push, held back while `poison` is set, to look inside its body.
    let pushed: Buffer | null = null;
    client.on('data', (incoming: Buffer) => {
      let chunk: Buffer = incoming;
      if (this.poison && (pushed || chunk.toString('latin1', 0, 30).startsWith('POST /api/v1/submissions'))) {
        pushed = pushed ? Buffer.concat([pushed, chunk]) : chunk;
        const headerEnd = pushed.indexOf('\r\n\r\n');
        const length = /content-length: *(\d+)/i.exec(pushed.toString('latin1', 0, Math.max(0, headerEnd)))?.[1];
        if (headerEnd < 0 || length === undefined || pushed.length < headerEnd + 4 + Number(length)) return;
        chunk = pushed;
        pushed = null;
        if (chunk.includes(this.poison)) {
          this.stats.poisoned++;
          client.end('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          upstream.destroy();
          return;
        }
      }
      const head = chunk.toString('latin1', 0, 48);
      const isRequestStart = /^(GET|POST|PUT|DELETE|HEAD) \//.test(head);
      if (isRequestStart && this.down && head.includes(' /api/')) {
        kill(client);
        kill(upstream);
        return;
      }
      if (isRequestStart && this.hold && head.startsWith('POST /api/v1/submissions')) {
        frozen = this.hold;
        if (frozen === 'before-server') this.held();
      }
      if (frozen === 'before-server') return; // the server never sees it
      const plan = this.faults;
      if (isRequestStart && plan && head.includes(' /api/')) {
        const roll = this.random();
        if (roll < plan.drop) {
          this.stats.dropped++;
          kill(client);
          kill(upstream);
          return;
        }
        if (roll < plan.drop + plan.error500) {
          this.stats.answered500++;
          client.end('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          upstream.destroy();
          return;
        }
        resetOnAnswer = (head.startsWith('POST /api/v1/submissions') || head.startsWith('POST /api/v1/usage')) && roll < plan.drop + plan.error500 + plan.resetAfterCommit;
      }
      const delay = plan ? Math.floor(this.random() * plan.maxDelayMs) : 0;
      queue = queue.then(async () => {
        if (delay) await new Promise((r) => setTimeout(r, delay));
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk) => {
      if (frozen === 'after-commit') {
        // The server committed and answered; the answer never leaves this proxy.
        this.held();
        return;
      }
      if (resetOnAnswer) {
        // The server has committed and begun to answer: the kiosk never hears it.
        this.stats.resetAfterCommit++;
        kill(client);
        kill(upstream);
        return;
      }
      this.stats.forwarded++;
      if (!client.destroyed) client.write(chunk);
    });
    client.on('end', () => void queue.then(() => upstream.end()));
    upstream.on('end', () => client.end());
    const forget = (socket: Socket, other: Socket) => () => {
      this.sockets.delete(socket);
      other.destroy();
    };
    client.on('close', forget(client, upstream));
    upstream.on('close', forget(upstream, client));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}
