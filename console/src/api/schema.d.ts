// Generated from Flowhub's OpenAPI document (/docs/json) by `npm run console:api`.
// Do not edit: test/tooling/console-api-schema.spec.ts fails when it is not current.
export interface paths {
  '/api/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ApiKeysController_list'];
    put?: never;
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['ApiKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConnectionsController_list'];
    put?: never;
    post: operations['ConnectionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connections/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConnectionsController_get'];
    put?: never;
    post?: never;
    delete: operations['ConnectionsController_remove'];
    options?: never;
    head?: never;
    patch: operations['ConnectionsController_update'];
    trace?: never;
  };
  '/api/v1/connections/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ConnectionsController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/connections/authorize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['OAuthConnectController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowsController_list'];
    put?: never;
    post: operations['FlowsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowsController_get'];
    put: operations['FlowsController_update'];
    post?: never;
    delete: operations['FlowsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowRunsController_activate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/evaluate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowRequestsController_evaluate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowsController_pause'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/rejections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowRejectionsController_totals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowRequestsController_requests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/rotate-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowsController_rotateKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowsController_rotateSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/schedule': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SchedulesController_schedule'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StatsController_flow'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FlowRunsController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowsController_versions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/flows/{id}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FlowsController_version'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issues': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['IssuesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/issues/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['IssuesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['IssuesController_update'];
    trace?: never;
  };
  '/api/v1/plugins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PluginsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plugins/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PluginsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/retention/prune': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RetentionController_prune'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RunsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RunsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RunsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RunsController_replay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RunsController_activity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BulkRunsController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/bulk/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BulkRunsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/runs/bulk/{jobId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BulkRunsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/secrets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NamedSecretsController_list'];
    put?: never;
    post: operations['NamedSecretsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/secrets/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NamedSecretsController_get'];
    put: operations['NamedSecretsController_put'];
    post?: never;
    delete: operations['NamedSecretsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SessionController_whoAmI'];
    put?: never;
    post: operations['SessionController_signIn'];
    delete: operations['SessionController_signOut'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StatsController_all'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stats/rollup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['StatsController_rollup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WebhooksController_list'];
    put?: never;
    post: operations['WebhooksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WebhooksController_get'];
    put: operations['WebhooksController_update'];
    post?: never;
    delete: operations['WebhooksController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WebhooksController_deliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WebhooksController_redeliver'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WebhooksController_rotateSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['WebhooksController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/events/available': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['WebhooksController_available'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_alive'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MetricsController_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/oauth/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OAuthConnectController_callback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhook/catch/{flowId}/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['CatchController_catchPut'];
    post: operations['CatchController_catchPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActionEntryDto: {
      /** @example zoho-crm.createDeal */
      action: string;
      description: string;
      displayName: string;
      /** @description Declared input field descriptions */
      inputFields: components['schemas']['InputFieldEntryDto'][];
      /** @description JSON Schema of the input */
      inputSchema: {
        [key: string]: unknown;
      };
      retry: components['schemas']['RetryPolicyDto'];
      /** @description The dry-run's sample output is made from the input */
      sampleFromInput: boolean;
      /** @description What a dry-run records as the step's output, when declared as a value */
      sampleOutput?: {
        [key: string]: unknown;
      };
      /** @description false for reads: dry-run still calls them */
      sideEffects: boolean;
    };
    ActivityDto: {
      /** @description Every flow that is not deleted */
      items: components['schemas']['FlowActivityDto'][];
      /** Format: date-time */
      since: string;
    };
    AliveDto: {
      /** @example ok */
      status: string;
    };
    ApiKeyDto: {
      /** Format: date-time */
      createdAt: string;
      /**
       * @description Start of the key, to tell keys apart
       * @example fh_AbC1…
       */
      hint: string;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'viewer' | 'operator' | 'admin';
    };
    ApiKeyPageDto: {
      items: components['schemas']['ApiKeyDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    AuthorizationDto: {
      /** @description Send the user here (the provider's consent page) */
      authorizeUrl: string;
      /**
       * Format: date-time
       * @description The sign-in must come back before this
       */
      expiresAt: string;
    };
    BulkCountDto: {
      /** @enum {string} */
      action: 'replay' | 'cancel';
      /** @description Runs the action would reach now */
      count: number;
      /** @description Most runs one job may reach (FLOWHUB_BULK_MAX_RUNS) */
      maxRuns: number;
      /** @description More than maxRuns match (count is then maxRuns + 1) */
      tooMany: boolean;
    };
    BulkFailureDto: {
      error: string;
      /** Format: uuid */
      runId: string;
    };
    BulkFilterDto: {
      /**
       * @description A step failed with this error code
       * @example HTTP_422
       */
      errorCode?: string;
      /** Format: uuid */
      flowId?: string;
      /**
       * Format: date-time
       * @description Runs created at or after this time
       */
      from?: string;
      /**
       * Format: uuid
       * @description A step of the run failed as this issue (GET /issues)
       */
      issueId?: string;
      /**
       * @description The caught request body has this value at this path (as GET /runs?match=)
       * @example customer.email=client@test.com
       */
      match?: string;
      /** @enum {string} */
      status?: 'queued' | 'held' | 'running' | 'succeeded' | 'failed' | 'filtered' | 'cancelled';
      /**
       * Format: date-time
       * @description Runs created before this time
       */
      to?: string;
    };
    BulkJobDto: {
      /** @enum {string} */
      action: 'replay' | 'cancel';
      /** @description A cancel was asked for: the job stops after its batch */
      cancelRequested: boolean;
      /** Format: date-time */
      createdAt: string;
      /** @description Runs replayed (or cancelled) */
      done: number;
      /** @description Why the job failed */
      error?: string;
      /** @description Runs the action refused (see failures) */
      failed: number;
      /** @description Up to 10 runs that failed, and why */
      failures: components['schemas']['BulkFailureDto'][];
      filter: components['schemas']['BulkFilterDto'];
      /** Format: date-time */
      finishedAt: string | null;
      /** Format: uuid */
      id: string;
      /** @description A replay's mode, fromStep, version */
      replay?: components['schemas']['BulkReplayDto'];
      /** @description Runs that no longer qualified when reached */
      skipped: number;
      /** Format: date-time */
      startedAt: string | null;
      /** @enum {string} */
      status: 'queued' | 'running' | 'succeeded' | 'cancelled' | 'failed';
      /** @description Runs that matched when the job was created */
      total: number;
    };
    BulkReplayDto: {
      fromStep?: string;
      /** @enum {string} */
      mode?: 'retry' | 'from-step' | 'fresh';
      /** @enum {string} */
      version?: 'pinned' | 'latest';
    };
    BulkRequestDto: {
      /** @enum {string} */
      action: 'replay' | 'cancel';
      /** @description true: only count the runs it would reach */
      dryRun?: boolean;
      /** @description {} reaches every run the action may act on */
      filter: components['schemas']['BulkFilterDto'];
      /** @description A replay: run again from this step */
      fromStep?: string;
      /**
       * @description A replay: as POST /runs/:id/replay
       * @enum {string}
       */
      mode?: 'retry' | 'from-step' | 'fresh';
      /**
       * @default pinned
       * @enum {string}
       */
      version?: 'pinned' | 'latest';
    };
    CaughtDto: {
      /** @description true (with HTTP 200) when this delivery was seen before: runId is the original run */
      duplicate?: boolean;
      /** Format: uuid */
      runId: string;
      /** @description queued, or held while the flow is paused; for a duplicate, the original run status */
      status: string;
      /**
       * @description The run in the API; absolute when FLOWHUB_PUBLIC_URL is set, else a path
       * @example https://flowhub.example.com/api/v1/runs/0b7c…
       */
      statusUrl: string;
    };
    ConnectionAuthorizationDto: {
      /**
       * @description The fields POST /connections/authorize takes (the rest come from the provider)
       * @example [
       *       "clientId",
       *       "clientSecret",
       *       "dataCenter"
       *     ]
       */
      startFields: string[];
    };
    ConnectionDto: {
      /** Format: date-time */
      createdAt: string;
      /** @description Non-secret fields only */
      fields: {
        [key: string]: unknown;
      };
      /** Format: uuid */
      id: string;
      name: string;
      plugin: string;
      /** @description Secret fields that are set (values are never returned) */
      secretsSet: string[];
      /** Format: date-time */
      updatedAt: string;
    };
    ConnectionFieldEntryDto: {
      /** @description Says where the credentials are sent */
      endpoint: boolean;
      hosts?: string[];
      name: string;
      required: boolean;
      schema: {
        [key: string]: unknown;
      };
      /** @description Write-only: never returned */
      secret: boolean;
    };
    ConnectionPageDto: {
      items: components['schemas']['ConnectionDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    ConnectionTestDto: {
      message?: string;
      ok: boolean;
    };
    CreateApiKeyDto: {
      /**
       * @description What the key is for
       * @example ci-deployer
       */
      name: string;
      /**
       * @description viewer: may only read; operator: may read, replay and cancel runs, and pause and activate flows; admin: may do everything
       * @default admin
       * @enum {string}
       */
      role?: 'viewer' | 'operator' | 'admin';
    };
    CreateConnectionDto: {
      /** @description The plugin's connection fields */
      fields: {
        [key: string]: unknown;
      };
      /** @example zoho-main */
      name: string;
      /**
       * @description The plugin these credentials are for
       * @example zoho-crm
       */
      plugin: string;
    };
    CreatedApiKeyDto: {
      /** Format: date-time */
      createdAt: string;
      /**
       * @description Start of the key, to tell keys apart
       * @example fh_AbC1…
       */
      hint: string;
      /** Format: uuid */
      id: string;
      /** @description The key itself. Shown only in this response: store it now. */
      key: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      name: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @enum {string} */
      role: 'viewer' | 'operator' | 'admin';
    };
    CreateSecretDto: {
      /** @example ERP API token (prod) */
      description?: string;
      /**
       * @description Required: the origins (scheme, host, port) the value may be sent to, by http.request steps only. `erp.example.com` means https://erp.example.com; http:// only for hosts in FLOWHUB_EGRESS_ALLOW_HOSTS. PUT replaces them with the value.
       * @example [
       *       "https://erp.example.com"
       *     ]
       */
      hosts: string[];
      /** @example ERP_TOKEN */
      name: string;
      /** @description Stored encrypted; never returned */
      value: string;
    };
    CreateWebhookDto: {
      description?: string;
      /**
       * @example [
       *       "run.failed"
       *     ]
       */
      events?: (
        | 'run.succeeded'
        | 'run.failed'
        | 'run.held'
        | 'step.failed'
        | 'issue.opened'
        | 'issue.reopened'
        | 'issue.resolved'
        | 'flow.failing'
        | 'flow.created'
        | 'flow.updated'
        | 'flow.deleted'
        | 'flow.paused'
        | 'flow.activated'
        | 'request.rejected'
        | 'webhook.test'
        | 'webhook.disabled'
      )[];
      /**
       * @deprecated
       * @description Older name of includeRequestBody
       */
      include_request_body?: boolean;
      /**
       * @description Add the triggering request body to run events
       * @default false
       */
      includeRequestBody?: boolean;
      /**
       * @deprecated
       * @description Older name of isActive
       */
      is_active?: boolean;
      /**
       * @description Setting it true again re-enables a disabled subscription
       * @default true
       */
      isActive?: boolean;
      /**
       * @deprecated
       * @description Older name of retrySchedule
       */
      retry_schedule?: number[];
      /**
       * @description Seconds before each retry after the first attempt (1-20 entries, ±20 % jitter)
       * @example [
       *       60,
       *       300,
       *       1800,
       *       7200
       *     ]
       */
      retrySchedule?: number[];
      /** @description whsec_ + base64 of 24-64 bytes; generated when left out (shown once) */
      secret?: string;
      /**
       * @deprecated
       * @description Older name of signatureFormat
       * @enum {string}
       */
      signature_format?: 'sha256-prefixed' | 'hex';
      /**
       * @description X-Webhook-Signature: sha256-prefixed sends sha256=<hex>, hex sends the bare <hex> (HMAC-SHA256 of the body keyed with the whole whsec_... text)
       * @default sha256-prefixed
       * @enum {string}
       */
      signatureFormat?: 'sha256-prefixed' | 'hex';
      /** @example https://ops.example.com/flowhub-events */
      url?: string;
    };
    DurationDto: {
      /** @description Runs that succeeded or failed in the window, timed start to finish */
      count: number;
      /** @description ms; the true value is at most 12% lower */
      p50: number | null;
      p95: number | null;
      p99: number | null;
    };
    ErrorBodyDto: {
      /** @description Validation errors only */
      details?: components['schemas']['ErrorDetailDto'][];
      /** @example Bad Request */
      error: string;
      /** @example Request body is invalid: name should not be empty */
      message: string;
      /** @example 400 */
      statusCode: number;
    };
    ErrorDetailDto: {
      /** @example JSONata syntax error at position 12: ... */
      message: string;
      /** @example steps[0].map */
      path: string;
    };
    EvaluateDto: {
      /**
       * @description A JSONata expression, as a step map, when or forEach would hold it
       * @example { "Deal_Name": $trigger.body.order.name }
       */
      expression: string;
      /** @description forEach: the current item ($item; $index is 0) */
      item?: Record<string, never>;
      /** @description A body to evaluate against instead of a past request */
      payload?: Record<string, never>;
      /**
       * Format: uuid
       * @description A past request of this flow (GET /flows/:id/requests) to evaluate against
       */
      requestId?: string;
      /** @description Earlier steps' outputs by step id ($steps) */
      steps?: {
        [key: string]: unknown;
      };
    };
    EvaluationDto: {
      /** @description Why evaluation failed: syntax, a guardrail (time, depth, size) or $error */
      error?: string | null;
      /** @description Whether the expression produced a value */
      matched: boolean;
      /** @description The value (null when nothing matched or it failed) */
      result?: Record<string, never>;
    };
    FailedStepsDto: {
      /** @example http.request */
      action: string;
      count: number;
      /** @example HTTP_500 */
      errorCode: string | null;
    };
    FinishedRunsDto: {
      cancelled: number;
      failed: number;
      filtered: number;
      succeeded: number;
    };
    FlowActivityDto: {
      /** @description Of those, the ones that failed */
      failed: number;
      /** @description failed / finished (succeeded + failed); null when none finished */
      failureRate: number | null;
      /** Format: uuid */
      flowId: string;
      lastRun: components['schemas']['LastRunDto'] | null;
      /** @description Runs created since `since` */
      runs: number;
    };
    FlowDefinitionDto: {
      description?: string;
      /**
       * @default live
       * @enum {string}
       */
      mode?: 'live' | 'dry-run';
      /** @example Shopify order -> ERP */
      name: string;
      /**
       * @description How long requests, runs and steps are kept (default FLOWHUB_RETENTION_DAYS); failed runs keepFailedDays, at least days
       * @example {
       *       "days": 7,
       *       "keepFailedDays": 30
       *     }
       */
      retention?: {
        days?: number;
        keepFailedDays?: number;
      };
      steps: components['schemas']['StepDto'][];
      trigger: components['schemas']['TriggerDto'];
    };
    FlowDto: {
      /**
       * @description POST (or PUT) requests here start runs. The key in it is a secret.
       * @example https://hooks.example.com/webhook/catch/0b7c…/Xk3…
       */
      catchUrl: string;
      /** Format: date-time */
      createdAt: string;
      definition: components['schemas']['FlowDefinitionDto'];
      description?: string | null;
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * Format: date-time
       * @description After rotate-key with a grace period: when the previous catch URL stops working
       */
      previousCatchUrlExpiresAt?: string | null;
      /** @enum {string} */
      status: 'active' | 'paused';
      /** Format: date-time */
      updatedAt: string;
      /** @description Only in the rotate-secret response, when Flowhub generated the secret: shown once */
      verifySecret?: string;
      /** @description The trigger.verify secrets accepted now (current first); never the secrets */
      verifySecrets: components['schemas']['VerifySecretInfoDto'][];
      /** @description Current version; PUT creates the next one */
      version: number;
    };
    FlowPageDto: {
      items: components['schemas']['FlowDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    FlowVersionDto: {
      /** Format: date-time */
      createdAt: string;
      definition: components['schemas']['FlowDefinitionDto'];
      version: number;
    };
    FlowVersionPageDto: {
      items: components['schemas']['FlowVersionDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    InputFieldEntryDto: {
      description: string | null;
      /** @description A value the field could take */
      example?: Record<string, never>;
      /**
       * @description Dot path of the input field
       * @example url
       */
      path: string;
      /** @description A URL the action calls: egress-checked when a flow is saved */
      url: boolean;
    };
    IssueDto: {
      /** @example http.request */
      action: string;
      /** @description Failed steps counted (each run and step once) */
      count: number;
      /**
       * @description What groups the failures; null: grouped by their message with numbers, ids and quoted values taken out
       * @example HTTP_422
       */
      errorCode?: string | null;
      /** @description The newest runs it failed in (at most 5), newest first */
      exampleRunIds: string[];
      /** Format: date-time */
      firstSeenAt: string;
      flow: components['schemas']['IssueFlowDto'];
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lastSeenAt: string;
      /** @description The latest failure's error message */
      message: string;
      /** @description How often it recurred after being resolved */
      reopened: number;
      /** @enum {string} */
      status: 'open' | 'acknowledged' | 'resolved' | 'ignored';
      /** Format: date-time */
      statusChangedAt: string;
      /** @description The step's id in the flow */
      stepId: string;
    };
    IssueFlowDto: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    IssuePageDto: {
      items: components['schemas']['IssueDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    LastRunDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      status: 'queued' | 'held' | 'running' | 'succeeded' | 'failed' | 'filtered' | 'cancelled';
    };
    OpenRunsDto: {
      held: number;
      queued: number;
      running: number;
    };
    PluginConnectionDto: {
      /** @description Set when the plugin has a "Connect with" sign-in (POST /connections/authorize) */
      authorization: components['schemas']['ConnectionAuthorizationDto'] | null;
      fields: components['schemas']['ConnectionFieldEntryDto'][];
      optional: boolean;
      testable: boolean;
    };
    PluginDto: {
      actions: components['schemas']['ActionEntryDto'][];
      connection: components['schemas']['PluginConnectionDto'] | null;
      description: string | null;
      displayName: string;
      /** @example zoho-crm */
      name: string;
      /** @example 1.0.0 */
      version: string;
    };
    PluginPageDto: {
      items: components['schemas']['PluginDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    PruneReportDto: {
      batches: number;
      ms: number;
      /** @description false: another process was pruning; nothing was done */
      pruned: boolean;
      requests: number;
      runs: number;
      steps: number;
      /** @description A plain VACUUM ran after the deletes, so the space is reused */
      vacuumed: boolean;
    };
    PutSecretDto: {
      /** @example ERP API token (prod) */
      description?: string;
      /**
       * @description Required: the origins (scheme, host, port) the value may be sent to, by http.request steps only. `erp.example.com` means https://erp.example.com; http:// only for hosts in FLOWHUB_EGRESS_ALLOW_HOSTS. PUT replaces them with the value.
       * @example [
       *       "https://erp.example.com"
       *     ]
       */
      hosts: string[];
      /** @description Stored encrypted; never returned */
      value: string;
    };
    RateLimitDto: {
      /** @description Default: twice perSecond */
      burst?: number;
      /** @example 50 */
      perSecond: number;
    };
    ReadyDto: {
      /**
       * @description Every check
       * @example {
       *       "database": {
       *         "status": "up"
       *       },
       *       "queue": {
       *         "status": "up"
       *       }
       *     }
       */
      details: {
        [key: string]: {
          status?: string;
        };
      };
      /**
       * @description Empty when ready
       * @example {
       *       "database": {
       *         "status": "up"
       *       },
       *       "queue": {
       *         "status": "up"
       *       }
       *     }
       */
      error: {
        [key: string]: {
          status?: string;
        };
      };
      /**
       * @description Each check that is up
       * @example {
       *       "database": {
       *         "status": "up"
       *       },
       *       "queue": {
       *         "status": "up"
       *       }
       *     }
       */
      info: {
        [key: string]: {
          status?: string;
        };
      };
      /** @example ok */
      status: string;
    };
    RejectionTotalsDto: {
      /**
       * @description Per reason (bad-signature, stale-timestamp, rate-limited, ...): count and last time
       * @example {
       *       "bad-signature": {
       *         "count": 3,
       *         "lastAt": "2026-12-02T10:00:00.000Z"
       *       }
       *     }
       */
      byReason: {
        [key: string]: {
          count?: number;
          /** Format: date-time */
          lastAt?: string;
        };
      };
      /** @example 3 */
      total: number;
    };
    ReplayRunDto: {
      /** @description Re-run from this step (and after) with the same idempotency keys, reusing the recorded outcome of every earlier step */
      fromStep?: string;
      /**
       * @description retry (default): keep what succeeded, run again from the first failed or unfinished step with the same keys; from-step: needs fromStep; fresh: a new run of every step with new keys (may repeat side effects)
       * @default retry
       * @enum {string}
       */
      mode?: 'retry' | 'from-step' | 'fresh';
      /**
       * @description pinned: the replayed run's flow version; latest: the flow's current version
       * @default pinned
       * @enum {string}
       */
      version?: 'pinned' | 'latest';
    };
    RequestCountsDto: {
      /** @description Requests that started a run (catch URL and test panel) */
      accepted: number;
      /** @description Deliveries whose dedupe key was seen before (answered with the first run) */
      duplicates: number;
      /** @description accepted + rejected + duplicates */
      received: number;
      /** @description Requests the catch URL refused (none of them ran) */
      rejected: number;
    };
    RespondDto: {
      /**
       * @description sync: the step whose output is the reply; default the last core.respond step, else the last step to finish
       * @example reply
       */
      from?: string;
      /**
       * @description async: 202 at once (default); sync: wait for the run and answer with a step
       * @enum {string}
       */
      mode: 'async' | 'sync';
      /**
       * @description sync: how long the sender waits for the run before a 202
       * @default 10000
       */
      timeoutMs?: number;
    };
    RetentionInEffectDto: {
      /** @description Requests, runs and steps older than this are pruned */
      days: number;
      /** @description Failed runs (with their requests and steps) are kept this long */
      keepFailedDays: number;
      /** @description How often the pruning job runs (FLOWHUB_PRUNE_INTERVAL_MS) */
      pruneIntervalMs: number;
      /**
       * @description flow: the flow's retention field; global: FLOWHUB_RETENTION_DAYS
       * @enum {string}
       */
      source: 'flow' | 'global';
    };
    RetryPolicyDto: {
      attempts: number;
      /** @enum {string} */
      backoff: 'fixed' | 'exponential';
      delayMs: number;
      maxDelayMs: number;
    };
    RollupDto: {
      /** @description false when another process was rolling up at that moment */
      rolled: boolean;
      /** Format: date-time */
      rolledUpTo: string;
    };
    RotateKeyDto: {
      /**
       * @description Seconds the old catch URL keeps working (0: it answers 404 at once)
       * @default 0
       */
      graceSeconds?: number;
    };
    RotateSecretDto: {
      /**
       * @description Seconds the previous secret keeps being accepted
       * @default 86400
       */
      graceSeconds?: number;
      /** @description The new secret. Leave it out to have Flowhub generate one (shown once in the response), except for presets whose sender issues it (stripe, shopify, slack, twilio). */
      secret?: string;
    };
    RotateWebhookSecretDto: {
      /**
       * @description Seconds the old secret keeps signing too
       * @default 86400
       */
      graceSeconds?: number;
      /** @description The new secret; generated when left out */
      secret?: string;
    };
    RunDto: {
      /** Format: date-time */
      createdAt: string;
      error?: string | null;
      /** @description The step whose failure ended the run */
      failedStep?: string | null;
      /** Format: date-time */
      finishedAt?: string | null;
      /** Format: uuid */
      flowId: string;
      /** @description The flow's name in the version the run used */
      flowName: string;
      flowVersion: number;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      mode: 'live' | 'dry-run';
      replay?: components['schemas']['RunReplayDto'] | null;
      replayOf?: string | null;
      /** Format: date-time */
      startedAt?: string | null;
      /** @enum {string} */
      status: 'queued' | 'held' | 'running' | 'succeeded' | 'failed' | 'filtered' | 'cancelled';
      steps?: components['schemas']['RunStepDto'][];
      trigger?: components['schemas']['RunTriggerDto'];
    };
    RunPageDto: {
      items: components['schemas']['RunDto'][];
      /** @description Pass as ?cursor= for the next page */
      nextCursor?: string | null;
      /** @description With match: true when this page searched only the next FLOWHUB_SEARCH_SCAN_LIMIT runs that the other filters select; nextCursor goes on searching older ones */
      partial?: boolean;
    };
    RunReplayDto: {
      fromStep?: string | null;
      /**
       * Format: uuid
       * @description The run whose idempotency keys the steps use (null: fresh keys)
       */
      keysFrom?: string | null;
      /**
       * @description retry: from the first failed or unfinished step; from-step: from fromStep; fresh: every step with new keys (may repeat side effects)
       * @enum {string}
       */
      mode: 'retry' | 'from-step' | 'fresh';
      /**
       * Format: uuid
       * @description The run this one replays
       */
      of: string;
      /** @description Steps whose recorded outcome was copied, never run again */
      reusedSteps: string[];
      /** @enum {string} */
      version: 'pinned' | 'latest';
    };
    RunStepDto: {
      action: string;
      /** @description Attempts started so far */
      attempts: number;
      error?: string | null;
      /** @example http_400 */
      errorCode?: string | null;
      /** Format: date-time */
      finishedAt?: string | null;
      history: components['schemas']['StepAttemptDto'][];
      id: string;
      /** @description Sent to the action; a retry or fromStep replay keeps the replayed run key */
      idempotencyKey: string;
      /** @description Resolved input (mapping applied) */
      input?: Record<string, never>;
      /** Format: date-time */
      nextAttemptAt?: string | null;
      output?: Record<string, never>;
      /**
       * @description skipped: why (when: its when was false; dry-run: side effects not called; run-failed, run-cancelled, run-filtered: the run ended first)
       * @enum {string|null}
       */
      reason?: 'when' | 'dry-run' | 'run-failed' | 'run-cancelled' | 'run-filtered' | null;
      /** @description The output is the action's declared sample (dry-run), not a real result */
      sampleOutput: boolean;
      /** Format: date-time */
      startedAt?: string | null;
      /** @enum {string} */
      status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
      /**
       * @description What to know when reading this record
       * @example [
       *       "steps.deal is empty: step 'deal' was skipped in dry-run"
       *     ]
       */
      warnings: string[];
    };
    RunTriggerDto: {
      body?: Record<string, never>;
      contentType?: string | null;
      headers: {
        [key: string]: string;
      };
      method: string;
      query: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      receivedAt: string;
      size: number;
      sourceIp?: string | null;
    };
    ScheduleDto: {
      /** @description false while the flow is paused: no ticks run */
      active: boolean;
      /** @enum {string} */
      catchUp: 'none' | 'last';
      /** @example *\/5 * * * * */
      cron?: string;
      /** @example 15m */
      every?: string;
      /** Format: uuid */
      flowId: string;
      /** @description The flow version this schedule is from */
      flowVersion: number;
      /** Format: uuid */
      lastRunId: string | null;
      /** Format: date-time */
      lastTickAt: string | null;
      /** @description Ticks passed over after downtime (catchUp none) */
      missedTicks: number;
      /**
       * Format: date-time
       * @description When the next tick is due (null while paused)
       */
      nextDueAt: string | null;
      /** @enum {string} */
      overlap: 'skip' | 'queue';
      /**
       * Format: date-time
       * @description overlap queue: the tick waiting for the unfinished run
       */
      queuedTickAt: string | null;
      /** @description Ticks skipped or replaced while a run was unfinished */
      skippedTicks: number;
      /** @example Europe/Paris */
      timezone?: string;
    };
    SecretDto: {
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /**
       * @description The last 4 characters of a value of 16 or more; null otherwise
       * @example …x9Qz
       */
      hint: string | null;
      /** @description The origins the value may be sent to */
      hosts: string[];
      /** @example ERP_TOKEN */
      name: string;
      /** Format: date-time */
      updatedAt: string;
    };
    SecretPageDto: {
      items: components['schemas']['SecretDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    SentAttemptDto: {
      attempt: number;
      /** Format: uuid */
      deliveryId: string;
      durationMs: number;
      error: string | null;
      /** @example timeout */
      errorClass: string | null;
      /** Format: date-time */
      nextAttemptAt: string | null;
      requestHeaders: {
        [key: string]: string;
      };
      responseBody: string | null;
      responseHeaders: {
        [key: string]: string;
      } | null;
      /** Format: date-time */
      startedAt: string;
      /** @description HTTP status; 0 when no answer came (see errorClass) */
      status: number;
      /** @enum {string} */
      trigger: 'automatic' | 'manual';
    };
    SeriesPointDto: {
      /**
       * Format: date-time
       * @description The bucket's start
       */
      at: string;
      cancelled: number;
      failed: number;
      filtered: number;
      succeeded: number;
    };
    SessionDto: {
      /** @description The key the session acts as */
      apiKey: components['schemas']['SessionKeyDto'];
      /**
       * Format: date-time
       * @description When the session ends (null: the request used a bearer key, not a session)
       */
      expiresAt: string | null;
    };
    SessionKeyDto: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      role: 'viewer' | 'operator' | 'admin';
    };
    SignInDto: {
      /** @description An API key; the session acts with its role */
      apiKey: string;
    };
    StatsDto: {
      /** @example 3600 */
      bucketSeconds: number;
      durationMs: components['schemas']['DurationDto'];
      /** @description Steps that failed, most first */
      failedSteps: components['schemas']['FailedStepsDto'][];
      /** Format: uuid */
      flowId: string | null;
      /**
       * Format: date-time
       * @description The first bucket's start
       */
      from: string;
      /** @description Runs not finished, now */
      openRuns: components['schemas']['OpenRunsDto'];
      /**
       * @description Refusals per reason
       * @example {
       *       "bad-signature": 3
       *     }
       */
      rejectedByReason: {
        [key: string]: number;
      };
      requests: components['schemas']['RequestCountsDto'];
      /**
       * Format: date-time
       * @description Rolled up until then; later records are counted from their own tables
       */
      rolledUpTo: string;
      /** @description Runs that finished in the window */
      runs: components['schemas']['FinishedRunsDto'];
      /** @description Runs finished per bucket, by status */
      series: components['schemas']['SeriesPointDto'][];
      /** @description Storage used (every flow: per table) and the oldest kept record, now */
      storage: components['schemas']['StorageDto'];
      /** Format: date-time */
      to: string;
      /** @enum {string} */
      window: '1h' | '24h' | '7d' | '30d';
    };
    StepAttemptDto: {
      attempt: number;
      error?: string;
      /** Format: date-time */
      finishedAt: string;
      /** @enum {string} */
      outcome: 'succeeded' | 'failed' | 'retrying' | 'sleeping' | 'lost';
      /** Format: date-time */
      startedAt: string;
    };
    StepDto: {
      /**
       * @description <plugin>.<action>
       * @example http.request
       */
      action: string;
      /** @description A stored connection (id or name) */
      connection?: string;
      /** @description JSONata, array: the action runs once per item */
      forEach?: string;
      /** @example deal */
      id: string;
      /** @description Static input */
      input?: {
        [key: string]: unknown;
      };
      /** @description JSONata returning an object, deep-merged over input */
      map?: string;
      /**
       * @default fail
       * @enum {string}
       */
      onError?: 'fail' | 'continue';
      retry?: components['schemas']['RetryPolicyDto'];
      /** @default 30000 */
      timeoutMs?: number;
      /** @description JSONata, boolean: false skips the step */
      when?: string;
    };
    StorageDto: {
      /** Format: date-time */
      oldestRequestAt: string | null;
      /** Format: date-time */
      oldestRunAt: string | null;
      retention: components['schemas']['RetentionInEffectDto'];
      /** @description Every flow only: the tables retention prunes (they hold every flow) */
      tables?: components['schemas']['TableStorageDto'][];
      /** @description Every flow only: the sum of tables[].bytes */
      totalBytes?: number;
    };
    StoredRequestDto: {
      /** @description As $trigger.body sees it */
      body: Record<string, never>;
      contentType: string | null;
      headers: {
        [key: string]: string;
      };
      /** Format: uuid */
      id: string;
      method: string;
      query: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      receivedAt: string;
      /** @description Bytes received */
      size: number;
      sourceIp: string | null;
    };
    StoredRequestPageDto: {
      items: components['schemas']['StoredRequestDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    TableStorageDto: {
      /** @description On disk: rows, indexes and TOAST (pg_total_relation_size) */
      bytes: number;
      /** @description Rows, the planner's estimate (as of the last VACUUM or ANALYZE) */
      rows: number;
      /** @enum {string} */
      table: 'inbound_requests' | 'runs' | 'run_steps';
    };
    TestFlowDto: {
      /**
       * @description Do not call actions that have side effects
       * @default false
       */
      dryRun?: boolean;
      headers?: {
        [key: string]: string;
      };
      /** @description The body to run the flow with (as if POSTed as JSON) */
      payload?: Record<string, never>;
      /**
       * @description true: answer when the run has finished (200), or after 30 s (202); false: answer 202 with the queued run at once, to follow with GET /runs/:id
       * @default true
       */
      wait?: boolean;
    };
    TestPingDto: {
      attempt: number;
      /** Format: uuid */
      deliveryId: string;
      durationMs: number;
      error: string | null;
      /** @example timeout */
      errorClass: string | null;
      /** Format: date-time */
      nextAttemptAt: string | null;
      note: string;
      requestHeaders: {
        [key: string]: string;
      };
      responseBody: string | null;
      responseHeaders: {
        [key: string]: string;
      } | null;
      /** @description Always false: a test ping is sent once and never retried */
      retried: boolean;
      /** Format: date-time */
      startedAt: string;
      /** @description HTTP status; 0 when no answer came (see errorClass) */
      status: number;
      /** @enum {string} */
      trigger: 'automatic' | 'manual';
    };
    TriggerDto: {
      /**
       * @description Client IPs or CIDR ranges allowed to post
       * @example [
       *       "203.0.113.0/24",
       *       "2001:db8::/32"
       *     ]
       */
      allowIps?: string[];
      /**
       * @description schedule: after downtime, none (default) or one run for the latest tick
       * @enum {string}
       */
      catchUp?: 'none' | 'last';
      /**
       * @description schedule: 5 fields (minute first) or 6 (seconds first), in timezone
       * @example *\/5 * * * *
       */
      cron?: string;
      /**
       * @description What identifies a delivery: a repeat gets 200 and the original run. Default: the verify preset's delivery id; false turns it off
       * @example $trigger.headers.'x-shopify-webhook-id'
       */
      dedupe?:
        | string
        | {
            header: string;
          }
        | false;
      /**
       * @description schedule: an interval (s, m, h, d)
       * @example 15m
       */
      every?: string;
      /**
       * @description JSONata, boolean: false ends the run as filtered
       * @example total_price > 0
       */
      filter?: string;
      /**
       * @description Answer the sender's URL check before storing: slack url_verification, or echo a body field challenge
       * @enum {string}
       */
      handshake?: 'slack' | 'echo-challenge';
      /** @description Largest body accepted, in bytes (default and ceiling: FLOWHUB_CATCH_BODY_LIMIT) */
      maxBodyBytes?: number;
      /**
       * @description schedule: while a run is unfinished, skip the tick (default) or queue one
       * @enum {string}
       */
      overlap?: 'skip' | 'queue';
      /** @description Default: 50 per second, bursts of 100 */
      rateLimit?: components['schemas']['RateLimitDto'];
      /** @description Answer with the run (mode sync) */
      respond?: components['schemas']['RespondDto'];
      /**
       * @description schedule: IANA zone of cron
       * @example Europe/Paris
       */
      timezone?: string;
      /**
       * @description webhook: the catch URL starts the flow; schedule: cron or every does
       * @enum {string}
       */
      type: 'webhook' | 'schedule';
      /** @description Check signatures or tokens at the catch URL */
      verify?: components['schemas']['VerifyDto'];
    };
    UpdateConnectionDto: {
      /** @description Fields to change; secret fields not given keep their value (null removes one). Changing an endpoint field (where the credentials are sent) needs every stored secret field again in the same request. */
      fields?: {
        [key: string]: unknown;
      };
      name?: string;
    };
    UpdateIssueDto: {
      /**
       * @description acknowledged: someone is on it; resolved: fixed (a recurrence re-opens it); ignored: stays ignored (still counted); open: back to open
       * @enum {string}
       */
      status: 'open' | 'acknowledged' | 'resolved' | 'ignored';
    };
    UpdateWebhookDto: {
      description?: string;
      /**
       * @example [
       *       "run.failed"
       *     ]
       */
      events?: (
        | 'run.succeeded'
        | 'run.failed'
        | 'run.held'
        | 'step.failed'
        | 'issue.opened'
        | 'issue.reopened'
        | 'issue.resolved'
        | 'flow.failing'
        | 'flow.created'
        | 'flow.updated'
        | 'flow.deleted'
        | 'flow.paused'
        | 'flow.activated'
        | 'request.rejected'
        | 'webhook.test'
        | 'webhook.disabled'
      )[];
      /**
       * @deprecated
       * @description Older name of includeRequestBody
       */
      include_request_body?: boolean;
      /**
       * @description Add the triggering request body to run events
       * @default false
       */
      includeRequestBody?: boolean;
      /**
       * @deprecated
       * @description Older name of isActive
       */
      is_active?: boolean;
      /**
       * @description Setting it true again re-enables a disabled subscription
       * @default true
       */
      isActive?: boolean;
      /**
       * @deprecated
       * @description Older name of retrySchedule
       */
      retry_schedule?: number[];
      /**
       * @description Seconds before each retry after the first attempt (1-20 entries, ±20 % jitter)
       * @example [
       *       60,
       *       300,
       *       1800,
       *       7200
       *     ]
       */
      retrySchedule?: number[];
      /**
       * @deprecated
       * @description Older name of signatureFormat
       * @enum {string}
       */
      signature_format?: 'sha256-prefixed' | 'hex';
      /**
       * @description X-Webhook-Signature: sha256-prefixed sends sha256=<hex>, hex sends the bare <hex> (HMAC-SHA256 of the body keyed with the whole whsec_... text)
       * @default sha256-prefixed
       * @enum {string}
       */
      signatureFormat?: 'sha256-prefixed' | 'hex';
      /** @example https://ops.example.com/flowhub-events */
      url?: string;
    };
    VerifyDto: {
      /**
       * @default sha256
       * @enum {string}
       */
      algorithm?: 'sha1' | 'sha256' | 'sha512';
      /** @description static-token: HTTP basic auth; secret is user:password */
      basicAuth?: boolean;
      /**
       * @default hex
       * @enum {string}
       */
      encoding?: 'hex' | 'base64';
      /** @description hmac: the signature header; static-token: the token header (default X-Webhook-Secret) */
      header?: string;
      /**
       * @description The header {id} stands for
       * @example X-Delivery-Id
       */
      idHeader?: string;
      /**
       * @description Text before the signature
       * @example sha256=
       */
      prefix?: string;
      /**
       * @example shopify
       * @enum {string}
       */
      preset:
        | 'standard-webhooks'
        | 'stripe'
        | 'github'
        | 'shopify'
        | 'slack'
        | 'twilio'
        | 'zoho-crm'
        | 'static-token'
        | 'hmac';
      /** @description The signing secret or token. Required when the flow is created; on update, leave it out to keep the stored one. Never returned. */
      secret?: string;
      /**
       * @default utf8
       * @enum {string}
       */
      secretEncoding?: 'utf8' | 'base64' | 'whsec';
      /**
       * @default {body}
       * @example {timestamp}.{body}
       */
      template?: string;
      /** @example X-Timestamp */
      timestampHeader?: string;
      /**
       * @default s
       * @enum {string}
       */
      timestampUnit?: 's' | 'ms';
      /**
       * @description Replay window, seconds
       * @default 300
       */
      toleranceSeconds?: number;
    };
    VerifySecretInfoDto: {
      /** Format: date-time */
      addedAt: string;
      /**
       * Format: date-time
       * @description null for the current secret; a previous one is accepted until then
       */
      expiresAt: string | null;
    };
    WebhookAttemptDto: {
      attempt: number;
      durationMs: number;
      error: string | null;
      /** @example timeout */
      errorClass: string | null;
      /** Format: date-time */
      nextAttemptAt: string | null;
      requestHeaders: {
        [key: string]: string;
      };
      responseBody: string | null;
      responseHeaders: {
        [key: string]: string;
      } | null;
      /** Format: date-time */
      startedAt: string;
      /** @description HTTP status; 0 when no answer came (see errorClass) */
      status: number;
      /** @enum {string} */
      trigger: 'automatic' | 'manual';
    };
    WebhookDeliveryDto: {
      attempts: components['schemas']['WebhookAttemptDto'][];
      /** Format: date-time */
      createdAt: string;
      event: string;
      /** Format: date-time */
      finishedAt?: string | null;
      /** Format: uuid */
      id: string;
      lastError: string | null;
      /** @description webhook-id, the same on every attempt */
      messageId: string;
      /** Format: date-time */
      nextAttemptAt: string | null;
      /** @description The exact JSON text sent */
      payload: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
    };
    WebhookDeliveryPageDto: {
      items: components['schemas']['WebhookDeliveryDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    WebhookDto: {
      consecutiveFailures: number;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** Format: date-time */
      disabledAt: string | null;
      disabledReason: string | null;
      events: string[];
      /** Format: uuid */
      id: string;
      includeRequestBody: boolean;
      isActive: boolean;
      /** Format: date-time */
      previousSecretExpiresAt: string | null;
      retrySchedule: number[];
      /** @enum {string} */
      signatureFormat: 'sha256-prefixed' | 'hex';
      /** Format: date-time */
      updatedAt: string;
      url: string;
    };
    WebhookEventDto: {
      description: string;
      /** @example run.failed */
      name: string;
    };
    WebhookEventPageDto: {
      items: components['schemas']['WebhookEventDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    WebhookPageDto: {
      items: components['schemas']['WebhookDto'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      nextCursor: string | null;
    };
    WebhookWithSecretDto: {
      consecutiveFailures: number;
      /** Format: date-time */
      createdAt: string;
      description: string | null;
      /** Format: date-time */
      disabledAt: string | null;
      disabledReason: string | null;
      events: string[];
      /** Format: uuid */
      id: string;
      includeRequestBody: boolean;
      isActive: boolean;
      /** Format: date-time */
      previousSecretExpiresAt: string | null;
      retrySchedule: number[];
      /** @description whsec_...: shown this once */
      secret: string;
      /** @enum {string} */
      signatureFormat: 'sha256-prefixed' | 'hex';
      /** Format: date-time */
      updatedAt: string;
      url: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  ApiKeysController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        /** @description List revoked keys too */
        includeRevoked?: boolean;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPageDto'];
        };
      };
      /** @description includeRevoked is not true/false */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, invalid or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Only admin keys manage API keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      /** @description The new key; `key` is shown only once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyDto'];
        };
      };
      /** @description Invalid body; `details` lists each problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Missing, invalid or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Only admin keys manage API keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked; requests with this key now get 401 */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Only admin keys manage API keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By name, A-Z */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConnectionDto'];
      };
    };
    responses: {
      /** @description Secret fields are encrypted and never returned */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Flows still use it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateConnectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  ConnectionsController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plugin's own credential check */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionTestDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  OAuthConnectController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConnectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthorizationDto'];
        };
      };
      /** @description No such sign-in for the plugin, or an endpoint outside its hosts */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FlowDefinitionDto'];
      };
    };
    responses: {
      /** @description Created (version 1, active) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      /** @description `details` lists every problem with its path */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FlowDefinitionDto'];
      };
    };
    responses: {
      /** @description A new immutable version; running runs keep theirs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted: its catch URL answers 404 from now on */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowRunsController_activate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Active; requests held while paused run in arrival order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowRequestsController_evaluate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EvaluateDto'];
      };
    };
    responses: {
      /** @description The value, or why it failed (a syntax error or a guardrail is a 200 too) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EvaluationDto'];
        };
      };
      /** @description Invalid body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such flow or request */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_pause: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Paused: requests are stored as held runs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowRejectionsController_totals: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts per reason: {"total": 3, "byReason": {"bad-signature": {"count": 3, "lastAt": "..."}}} */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RejectionTotalsDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowRequestsController_requests: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first, as stored */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredRequestPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_rotateKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateKeyDto'];
      };
    };
    responses: {
      /** @description New catch URL; the old one answers 404 at once, or after graceSeconds */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_rotateSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateSecretDto'];
      };
    };
    responses: {
      /** @description New trigger.verify secret; the previous one is accepted for graceSeconds (default 24 h). A generated secret is in verifySecret, shown once. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  SchedulesController_schedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description When the next tick is due, the last one */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScheduleDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description No such flow, or not scheduled */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  StatsController_flow: {
    parameters: {
      query?: {
        /** @description 1h: 60 one-minute buckets; 24h: 24 one-hour buckets; 7d: 28 six-hour buckets; 30d: 30 one-day buckets (UTC), the last one the current, partial bucket */
        window?: '1h' | '24h' | '7d' | '30d';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One flow: Requests received, accepted, rejected by reason and duplicates; runs by status; failed steps by action and error code; run duration percentiles; runs per bucket */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatsDto'];
        };
      };
      /** @description window is not 1h, 24h, 7d or 30d */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowRunsController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestFlowDto'];
      };
    };
    responses: {
      /** @description The finished run with its steps (202 if still running after 30 s, or at once with wait: false) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_versions: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Version 1 first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowVersionPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  FlowsController_version: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FlowVersionDto'];
        };
      };
      /** @description version is not 1-2147483647 */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  IssuesController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        flowId?: string;
        limit?: number;
        status?: 'open' | 'acknowledged' | 'resolved' | 'ignored';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Issues, latest failure first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuePageDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  IssuesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssueDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  IssuesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateIssueDto'];
      };
    };
    responses: {
      /** @description The issue with its new status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssueDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A viewer key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  PluginsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Built-in plugins, then external ones: actions with input JSON Schemas, connection fields */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PluginPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  PluginsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One plugin */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PluginDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RetentionController_prune: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prunes now what is past its window (FLOWHUB_PRUNE_INTERVAL_MS does it anyway), then VACUUMs; admin only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PruneReportDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description admin only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RunsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        /** @description Runs with a step that failed with this error code (a step's errorCode) */
        errorCode?: string;
        flowId?: string;
        /** @description Runs with a step that failed as this issue (GET /issues) */
        issueId?: string;
        limit?: number;
        /** @description Runs whose caught request body has this value at this path (dot-separated keys; an array index is a number). Compared as text: amount=42 matches 42. Reads at most FLOWHUB_SEARCH_SCAN_LIMIT runs' bodies per page (see partial) */
        match?: string;
        /** @description Runs created at or after this time */
        since?: string;
        status?: 'queued' | 'held' | 'running' | 'succeeded' | 'failed' | 'filtered' | 'cancelled';
        /** @description Runs created before this time */
        until?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first (ETag: If-None-Match gets 304) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RunsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ETag: If-None-Match gets 304 while it is unchanged */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RunsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The run already finished */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RunsController_replay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReplayRunDto'];
      };
    };
    responses: {
      /** @description The new run (queued); its replay field says the mode and the reused steps */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RunDto'];
        };
      };
      /** @description Unknown mode, fromStep not a step, fields that contradict, a step not reusable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The run has not finished, or (retry) it has nothing left to run */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  RunsController_activity: {
    parameters: {
      query?: {
        /** @description Count runs created since this time (default: 24 hours ago) */
        since?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Each flow's last run and failure rate */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ActivityDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  BulkRunsController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkRequestDto'];
      };
    };
    responses: {
      /** @description dryRun: how many runs it would reach */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkCountDto'];
        };
      };
      /** @description The job, queued: it runs in the background (GET /runs/bulk/:jobId) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkJobDto'];
        };
      };
      /** @description A bad filter or replay field, or more runs than FLOWHUB_BULK_MAX_RUNS */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  BulkRunsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Progress: total, done, failed, skipped */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkJobDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  BulkRunsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description cancelRequested; it stops after its batch */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkJobDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The job already finished */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  NamedSecretsController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By name, A-Z */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecretPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  NamedSecretsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSecretDto'];
      };
    };
    responses: {
      /** @description Stored encrypted; the value is never shown */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecretDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description The name is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  NamedSecretsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecretDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  NamedSecretsController_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutSecretDto'];
      };
    };
    responses: {
      /** @description Created or replaced */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecretDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  NamedSecretsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description A flow's current version uses it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  SessionController_whoAmI: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Who the request acts as */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  SessionController_signIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignInDto'];
      };
    };
    responses: {
      /** @description Signed in: the session cookie is set */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  SessionController_signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out: the session ends and its cookie is cleared */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  StatsController_all: {
    parameters: {
      query?: {
        /** @description 1h: 60 one-minute buckets; 24h: 24 one-hour buckets; 7d: 28 six-hour buckets; 30d: 30 one-day buckets (UTC), the last one the current, partial bucket */
        window?: '1h' | '24h' | '7d' | '30d';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every flow: Requests received, accepted, rejected by reason and duplicates; runs by status; failed steps by action and error code; run duration percentiles; runs per bucket */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatsDto'];
        };
      };
      /** @description window is not 1h, 24h, 7d or 30d */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  StatsController_rollup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Rolls the stats up now (they are every 10 s anyway); admin only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RollupDto'];
        };
      };
      /** @description window is not 1h, 24h, 7d or 30d */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        /**
         * @deprecated
         * @description Older name of isActive
         */
        is_active?: boolean;
        isActive?: boolean;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Subscriptions, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookPageDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      /** @description The subscription with its secret (shown this once) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWebhookDto'];
      };
    };
    responses: {
      /** @description Fields given are changed; isActive: true re-enables */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted with its delivery log */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_deliveries: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        event?:
          | 'run.succeeded'
          | 'run.failed'
          | 'run.held'
          | 'step.failed'
          | 'issue.opened'
          | 'issue.reopened'
          | 'issue.resolved'
          | 'flow.failing'
          | 'flow.created'
          | 'flow.updated'
          | 'flow.deleted'
          | 'flow.paused'
          | 'flow.activated'
          | 'request.rejected'
          | 'webhook.test'
          | 'webhook.disabled';
        limit?: number;
        status?: 'pending' | 'succeeded' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first, each with its attempts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryPageDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_redeliver: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        deliveryId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sent again now with the same webhook-id; returns the attempt */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SentAttemptDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_rotateSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateWebhookSecretDto'];
      };
    };
    responses: {
      /** @description The new secret (shown once); the old one signs too during the grace period */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sends webhook.test once, never retried; returns the attempt (status 0 + errorClass when no answer) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestPingDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  WebhooksController_available: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every event, A-Z */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEventPageDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  HealthController_alive: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AliveDto'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Database and queue are reachable */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadyDto'];
        };
      };
      /** @description Database or queue unreachable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MetricsController_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format (version 0.0.4) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  OAuthConnectController_callback: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description To the console's /connections?connected=<id>; a browser (Accept: text/html) is also sent back on failure, to /connections?connectError=<message> */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown, used or expired state; the provider refused (clients that ask for JSON) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
    };
  };
  CatchController_catchPut: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The flow id */
        flowId: unknown;
        /** @description The flow's catch key (from catchUrl) */
        key: unknown;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Same as POST */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaughtDto'];
        };
      };
    };
  };
  CatchController_catchPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The flow id */
        flowId: unknown;
        /** @description The flow's catch key (from catchUrl) */
        key: unknown;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A repeated delivery (trigger.dedupe): nothing new is stored */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaughtDto'];
        };
      };
      /** @description Stored durably; the run is queued (or held) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaughtDto'];
        };
      };
      /** @description Unknown flow or wrong key (same answer) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description Rate limit, or sync waiting bound */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBodyDto'];
        };
      };
      /** @description trigger.respond sync: the run failed (run id, step) */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
