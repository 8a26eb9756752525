import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../config/runtime.js';

export interface RequestLike {
  /** Fastify: from X-Forwarded-Proto only from a proxy listed in FLOWHUB_TRUST_PROXY */
  protocol: string;
  /** Fastify: from X-Forwarded-Host only from a proxy listed in FLOWHUB_TRUST_PROXY */
  host?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Catch URLs on FLOWHUB_PUBLIC_URL when set, else on the origin the API was called on. */
@Injectable()
export class CatchUrls {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  base(request: RequestLike): string {
    if (this.runtime.config.publicUrl) return this.runtime.config.publicUrl;
    return `${request.protocol}://${request.host ?? request.headers.host ?? 'localhost'}`;
  }

  build(request: RequestLike, flowId: string, key: string): string {
    return `${this.base(request)}/webhook/catch/${flowId}/${key}`;
  }
}
