/**
 * The HTTP server under a simulated carrier or platform: listening on
 * 127.0.0.1 (HTTP, or HTTPS with a given key and certificate), the control
 * plane `/__sim/*` behind the `X-Sim-Admin` token, everything else to the
 * simulator's data plane, and the waits of delay faults — released when the
 * server stops, so a stop never hangs on a held reply.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { jsonReply, readBody, send, type PreparedReply } from './httpSimWire'

/** Where and how it listens; a simulator's own options carry these. */
export interface SimListenOptions {
  port?: number
  host?: string
  tls?: { key: Buffer; cert: Buffer }
  log?: (line: string) => void
}

export interface SimPlanes {
  adminToken: string
  /** `/__sim/*`, once the admin token matched. */
  control(method: string, url: URL, body: Buffer): PreparedReply
  /** Every other request: the data plane, and its own 404. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> | void
  /** The reply to a request that failed with this message. */
  failed(message: string): PreparedReply
  /** Prefixes the log line of a failed request (`carrier sim`). */
  name: string
}

export class SimHttpServer {
  private server: Server | null = null
  private boundPort = 0
  private readonly waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>()

  constructor(
    private readonly listen: SimListenOptions,
    private readonly planes: SimPlanes,
  ) {}

  get port(): number {
    return this.boundPort
  }

  get url(): string {
    return `${this.listen.tls ? 'https' : 'http'}://127.0.0.1:${this.boundPort}`
  }

  /** Listening (a held reply is not sent once it stopped). */
  get isOpen(): boolean {
    return this.server !== null
  }

  async start(): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.onRequest(req, res)
    const { tls } = this.listen
    const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.listen.port ?? 0, this.listen.host ?? '127.0.0.1', () => resolve())
    })
    this.server = server
    this.boundPort = (server.address() as { port: number }).port
    return this.boundPort
  }

  async stop(): Promise<void> {
    for (const wait of this.waits) {
      clearTimeout(wait.timer)
      wait.done()
    }
    this.waits.clear()
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.waits.delete(entry)
          resolve()
        }, ms),
        done: () => resolve(),
      }
      this.waits.add(entry)
    })
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sim')
      const body = await readBody(req)
      if (url.pathname.startsWith('/__sim/')) {
        if (req.headers['x-sim-admin'] !== this.planes.adminToken) return send(res, jsonReply(401, { error: '需要正确的 X-Sim-Admin 令牌' }))
        return send(res, this.planes.control(req.method ?? 'GET', url, body))
      }
      return await this.planes.serve(req, res, url, body)
    } catch (err) {
      // The message only, never the body: it may carry ID numbers.
      const message = err instanceof Error ? err.message : String(err)
      this.listen.log?.(`${this.planes.name}: ${message}`)
      if (!res.headersSent) send(res, this.planes.failed(message))
    }
  }
}
