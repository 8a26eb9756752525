import { Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { ipAllowed } from '../common/ip-allowlist.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';

export interface RequestLike {
  /** Fastify: from X-Forwarded-Proto only from a proxy listed in FLOWHUB_TRUST_PROXY */
  protocol: string;
  /** Fastify: X-Forwarded-Host from a trusted proxy, else the Host header (anyone's) */
  host?: string;
  headers: Record<string, string | string[] | undefined>;
  /** The TCP peer: a trusted proxy or the client itself. */
  socket?: { remoteAddress?: string };
}

/** `host`, `host:port`, `[v6]` or `[v6]:port`: nothing that could change the URL's meaning. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin catch URLs are shown on: FLOWHUB_PUBLIC_URL when set; else the scheme and host a
 * trusted proxy (FLOWHUB_TRUST_PROXY covers the peer) forwarded; else the address the server
 * listens on (0.0.0.0 and :: shown as localhost). Never a Host header anyone can forge.
 */
@Injectable()
export class CatchUrls {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  base(request: RequestLike): string {
    const { publicUrl, trustProxy } = this.runtime.config;
    if (publicUrl) return publicUrl;
    const peer = request.socket?.remoteAddress;
    const proxied = trustProxy.length > 0 && peer !== undefined && ipAllowed(peer, trustProxy);
    if (proxied && request.host && HOST.test(request.host)) {
      return `${request.protocol === 'https' ? 'https' : 'http'}://${request.host}`;
    }
    return this.listeningOrigin();
  }

  build(request: RequestLike, flowId: string, key: string): string {
    return `${this.base(request)}/webhook/catch/${flowId}/${key}`;
  }

  /** `http://<listening address>:<port>`, wildcard addresses as localhost. */
  private listeningOrigin(): string {
    const server = this.adapterHost?.httpAdapter?.getHttpServer() as
      { address(): AddressInfo | string | null } | undefined;
    const address = server?.address();
    const port = typeof address === 'object' && address ? address.port : this.runtime.config.port;
    const ip = typeof address === 'object' && address ? address.address : this.runtime.config.host;
    const wildcard = ip === '0.0.0.0' || ip === '::' || ip === '' || ip === undefined;
    const host = wildcard ? 'localhost' : ip.includes(':') ? `[${ip}]` : ip;
    return `http://${host}:${port}`;
  }
}
