/**
 * Serves /metrics on PODPLAN_METRICS_PORT (same HOST) for the application's
 * lifetime, when that setting is present; nothing otherwise.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { observabilityConfigOf, type AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { MetricsRegistry } from './metrics-registry.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

@Injectable()
export class MetricsPort implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: MetricsServer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MetricsRegistry) private readonly registry: MetricsRegistry,
  ) {}

  /** True when /metrics has its own port (it then needs no key there). */
  get enabled(): boolean {
    return observabilityConfigOf(this.config).metricsPort !== undefined;
  }

  /** The port listened on, once started. */
  get port(): number | undefined {
    return this.server?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = observabilityConfigOf(this.config).metricsPort;
    if (port === undefined) return;
    this.server = await startMetricsServer(this.registry, this.config.host, port);
    new Logger('Metrics').log(`metrics on http://${this.config.host}:${this.server.port}/metrics (PODPLAN_METRICS_PORT, no key needed)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
