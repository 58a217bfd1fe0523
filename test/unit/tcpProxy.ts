// A TCP proxy on 127.0.0.1 in front of a real database server that a test cuts and restores: 'hang'
// black-holes the open connections and never answers new ones (a held route, a frozen server); 'close'
// closes them all and refuses new ones at once (a stopped server). The shared servers are never stopped.
import net from 'node:net';

/** Forwards 127.0.0.1:<port> to the server until cut: then new connections hang or are closed at once. */
export class CuttableProxy {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly open = new Set<net.Socket>();
  private readonly pipes: [net.Socket, net.Socket][] = [];
  mode: 'pass' | 'hang' | 'close' = 'pass';
  /** Connections that arrived while cut. */
  refused = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port)),
    );
  }

  private track(s: net.Socket): void {
    this.open.add(s);
    s.on('close', () => this.open.delete(s));
    s.on('error', () => undefined);
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.mode !== 'pass') {
      this.refused++;
      if (this.mode === 'close') client.destroy();
      return; // 'hang': accepted, never answered
    }
    const upstream = net.connect(this.targetPort, this.host);
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    this.pipes.push([client, upstream]);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** 'hang': open connections stop carrying data and new ones are never answered; 'close': all are closed. */
  cut(mode: 'hang' | 'close'): void {
    this.mode = mode;
    if (mode === 'close') for (const s of this.open) s.destroy();
    else
      for (const [client, upstream] of this.pipes) {
        client.unpipe(upstream);
        upstream.unpipe(client);
      }
    this.pipes.length = 0;
  }

  restore(): void {
    this.mode = 'pass';
    for (const s of this.open) s.destroy(); // the black-holed ones
  }

  close(): Promise<void> {
    for (const s of this.open) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A proxy in front of `url`'s server, listening, and `url` pointed at it. */
export async function proxied(url: string): Promise<{ proxy: CuttableProxy; url: string }> {
  const target = new URL(url);
  const proxy = new CuttableProxy(target.hostname, Number(target.port || defaultPort(target.protocol)));
  const via = new URL(url);
  via.hostname = '127.0.0.1';
  via.port = String(await proxy.listen());
  return { proxy, url: via.toString() };
}

function defaultPort(protocol: string): number {
  return /^postgres/i.test(protocol) ? 5432 : 3306;
}
