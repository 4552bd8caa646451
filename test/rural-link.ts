// A rural link in userland: a loopback TCP proxy between Chromium and the real server that
// shapes the bytes the way a slow, far, lossy line does, for the `offline-ready` bench and the
// resume e2e test. It never touches the machine's loopback (`tc`/netem would slow everyone's
// tests on this shared host), and unlike CDP network emulation it also slows the service
// worker's own fetches (its precache), since every byte really crosses it.
//
// The model, per direction (down: server → kiosk, up: kiosk → server):
// - one bottleneck shared by every connection: a segment (≤ 1,460 bytes, one TCP payload) starts
//   when the line is free and takes size × 8 / bandwidth to cross it;
// - then the one-way delay, half the round trip;
// - a new connection pays its handshake: nothing leaves the kiosk before one round trip;
// - TCP slow start: a connection's k-th segment in a direction leaves no earlier than
//   floor(log2(k / 10 + 1)) round trips after its first (initial window of 10 segments,
//   doubling each round trip; it is never reset on idle, which flatters long connections);
// - loss: each segment is lost with probability `loss`; its retransmission arrives one
//   retransmission timeout (RTT + 200 ms, Linux's minimum RTO over the smoothed RTT) later and,
//   TCP delivering in order, holds back everything behind it on that connection (not on the
//   others). The lost copy's bandwidth is spent again. The congestion window's halving is not
//   modelled: each lost segment costs time, not throughput.
// Also: a request log (method and path of every HTTP request, parsed in the up direction), and
// `cut()` / `down` to drop the line half-way, as a rural link does.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { seeded } from './seeded-random';

export interface LinkProfile {
  name: string;
  /** Bits per second, each direction. */
  downBps: number;
  upBps: number;
  rttMs: number;
  /** Probability that a segment is lost (and retransmitted after one RTO). */
  loss: number;
}

export const RURAL_DSL: LinkProfile = { name: '1 Mbit/s, 300 ms RTT', downBps: 1_000_000, upBps: 1_000_000, rttMs: 300, loss: 0 };
export const SATELLITE: LinkProfile = { name: '1 Mbit/s, 600 ms RTT, 2 % loss', downBps: 1_000_000, upBps: 1_000_000, rttMs: 600, loss: 0.02 };
/** No shaping at all: a plain loopback proxy that only logs and can be cut. */
export const LOOPBACK: LinkProfile = { name: 'loopback', downBps: 0, upBps: 0, rttMs: 0, loss: 0 };

export const SEGMENT_BYTES = 1460;
const INITIAL_WINDOW = 10;

export interface LoggedRequest {
  method: string;
  path: string;
  /** When it left the kiosk, ms since the link started. */
  at: number;
  /** Bytes of its answer (headers included) and when their last one reached the kiosk. */
  answerBytes: number;
  answeredAt?: number;
  /** Which connection carried it (1 for the first one opened). */
  connection: number;
}

/** One direction of the line: when its bottleneck is next free. */
class Direction {
  freeAt = 0;
  bytes = 0;
  segments = 0;
  lost = 0;
  constructor(readonly bps: number) {}
}

/** One direction of one connection: its slow-start rounds and in-order delivery. */
interface Flow {
  to: Socket;
  readyAt: number;
  firstSentAt?: number;
  sent: number;
  lastArrival: number;
  /** What is on its way, in order of arrival; `null` is the sender's end of stream. */
  pending: Array<{ at: number; data: Buffer | null }>;
  timer?: NodeJS.Timeout;
}

export class RuralLink {
  readonly requests: LoggedRequest[] = [];
  connections = 0;
  /** While true, new connections are refused and nothing is forwarded. */
  down = false;
  /** Called with each request as it leaves the kiosk; return true to cut the link right there
   * (the request never reaches the server; every open connection is reset). */
  cutWhen: ((request: LoggedRequest, log: readonly LoggedRequest[]) => boolean) | undefined;
  /** Rewrites a request's path (query included) on its way, e.g. to ask for smaller pages. */
  rewrite: ((path: string) => string) | undefined;
  private readonly upLine: Direction;
  private readonly downLine: Direction;
  private readonly random: () => number;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly started = Date.now();

  constructor(private readonly targetPort: number, readonly profile: LinkProfile, seed = 7) {
    this.downLine = new Direction(profile.downBps);
    this.upLine = new Direction(profile.upBps);
    this.random = seeded(seed);
    this.server = createServer((client) => this.handle(client));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Drops the line: every open connection is reset, whatever was in flight is lost. */
  cut(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  /** Bytes that crossed the line (payload, retransmissions counted once). */
  get stats() {
    return { downBytes: this.downLine.bytes, upBytes: this.upLine.bytes, downLost: this.downLine.lost, upLost: this.upLine.lost, connections: this.connections, requests: this.requests.length };
  }

  /** How many times a path (query included) was requested. */
  count(path: string | RegExp): number {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))).length;
  }

  private handle(client: Socket) {
    if (this.down) {
      client.resetAndDestroy();
      return;
    }
    const id = ++this.connections;
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const now = Date.now();
    // The handshake: the kiosk's first byte leaves one round trip after it dialled.
    const upFlow: Flow = { to: upstream, readyAt: now + this.profile.rttMs, sent: 0, lastArrival: 0, pending: [] };
    const downFlow: Flow = { to: client, readyAt: now, sent: 0, lastArrival: 0, pending: [] };
    // HTTP/1.1 without pipelining: what comes down answers the connection's latest request.
    let current: LoggedRequest | undefined;
    const parser = new RequestParser((method, path) => {
      const request: LoggedRequest = { method, path, at: Date.now() - this.started, answerBytes: 0, connection: id };
      current = request;
      this.requests.push(request);
      if (this.cutWhen?.(request, this.requests)) {
        this.down = true;
        this.cut();
        return null;
      }
      return this.rewrite?.(path) ?? path;
    });
    client.on('data', (chunk: Buffer) => {
      const forward = parser.push(chunk);
      if (forward === null) return;
      if (forward.length > 0) this.send(forward, this.upLine, upFlow);
    });
    upstream.on('data', (chunk: Buffer) => {
      this.send(chunk, this.downLine, downFlow);
      if (current) {
        current.answerBytes += chunk.length;
        current.answeredAt = Math.round(downFlow.lastArrival - this.started);
      }
    });
    // An end travels behind the data already on its way.
    client.on('end', () => this.deliver(upFlow, Math.max(Date.now(), upFlow.lastArrival), null));
    upstream.on('end', () => this.deliver(downFlow, Math.max(Date.now(), downFlow.lastArrival), null));
    const forget = (socket: Socket, other: Socket) => () => {
      this.sockets.delete(socket);
      if (!other.destroyed) other.destroy();
    };
    client.on('close', forget(client, upstream));
    upstream.on('close', forget(upstream, client));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }

  /** Schedules `chunk`'s segments across the line to `to`. */
  private send(chunk: Buffer, direction: Direction, flow: Flow) {
    const { rttMs, loss } = this.profile;
    if (direction.bps === 0 && rttMs === 0) {
      direction.bytes += chunk.length;
      if (!flow.to.destroyed) flow.to.write(chunk);
      return;
    }
    for (let offset = 0; offset < chunk.length; offset += SEGMENT_BYTES) {
      const segment = chunk.subarray(offset, offset + SEGMENT_BYTES);
      const now = Date.now();
      flow.firstSentAt ??= Math.max(now, flow.readyAt);
      const round = Math.floor(Math.log2(flow.sent / INITIAL_WINDOW + 1));
      const earliest = Math.max(now, flow.readyAt, flow.firstSentAt + round * rttMs);
      const serialise = direction.bps > 0 ? (segment.length * 8 * 1000) / direction.bps : 0;
      const start = Math.max(earliest, direction.freeAt);
      direction.freeAt = start + serialise;
      let arrival = direction.freeAt + rttMs / 2;
      if (loss > 0 && this.random() < loss) {
        direction.lost++;
        direction.freeAt += serialise; // the retransmitted copy crosses the line again
        arrival += rttMs + 200;
      }
      arrival = Math.max(arrival, flow.lastArrival);
      flow.lastArrival = arrival;
      flow.sent++;
      direction.bytes += segment.length;
      direction.segments++;
      this.deliver(flow, arrival, Buffer.from(segment));
    }
  }

  /** Queues `data` to reach the other end at `at`; one timer per flow keeps the order. */
  private deliver(flow: Flow, at: number, data: Buffer | null) {
    flow.pending.push({ at, data });
    if (!flow.timer) this.pump(flow);
  }

  private pump(flow: Flow) {
    flow.timer = undefined;
    const now = Date.now();
    while (flow.pending.length > 0 && flow.pending[0]!.at <= now) {
      const { data } = flow.pending.shift()!;
      if (flow.to.destroyed) continue;
      if (data) flow.to.write(data);
      else flow.to.end();
    }
    if (flow.pending.length === 0) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pump(flow);
    }, Math.max(1, Math.ceil(flow.pending[0]!.at - now)));
    flow.timer = timer;
    this.timers.add(timer);
  }
}

/** Finds the request lines in a connection's upward byte stream (HTTP/1.1, bodies sized by
 * Content-Length, which is what Chromium sends). `onRequest` returns the path to forward
 * (rewritten or not), or null to stop the stream; `push` returns the bytes to forward. */
class RequestParser {
  private buffer = Buffer.alloc(0);
  private bodyLeft = 0;
  constructor(private readonly onRequest: (method: string, path: string) => string | null) {}

  push(chunk: Buffer): Buffer | null {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      if (this.bodyLeft > 0) {
        const body = this.buffer.subarray(0, Math.min(this.bodyLeft, this.buffer.length));
        out.push(body);
        this.buffer = this.buffer.subarray(body.length);
        this.bodyLeft -= body.length;
        if (this.bodyLeft > 0) break;
      }
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const head = this.buffer.toString('latin1', 0, end + 4);
      this.buffer = this.buffer.subarray(end + 4);
      const lineEnd = head.indexOf('\r\n');
      const [method = '', path = '', version = ''] = head.slice(0, lineEnd).split(' ');
      this.bodyLeft = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const forwarded = this.onRequest(method, path);
      if (forwarded === null) return null;
      out.push(Buffer.from(`${method} ${forwarded} ${version}${head.slice(lineEnd)}`, 'latin1'));
    }
    return Buffer.concat(out);
  }
}
