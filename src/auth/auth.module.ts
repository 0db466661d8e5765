import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ApiKeysService } from './api-keys.service.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditLogService } from './audit-log.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuthenticationService } from './authentication.service.js';
import { ApiKeysRepository } from './persistence/api-keys.repository.js';
import { AuditLogRepository } from './persistence/audit-log.repository.js';
import { AuditController } from './rest/audit.controller.js';
import { KeysController } from './rest/keys.controller.js';
import { PublicRoutes } from './public-routes.js';
import { RequestGate } from './request-gate.js';
import { GraphiqlPageServer } from './graphiql-page.js';

/**
 * Authentication, authorization and the audit log, applied to every route:
 * RequestGate (Express middleware, before any body is read; app.ts installs
 * it), AuthGuard and AuditInterceptor are global. At start-up, refuses an unsafe
 * binding and logs which mode the service runs in.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [KeysController, AuditController],
  providers: [
    PublicRoutes,
    RequestGate,
    GraphiqlPageServer,
    ApiKeysRepository,
    AuditLogRepository,
    AuthenticationService,
    ApiKeysService,
    AuditLogService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly authentication: AuthenticationService) {}

  async onApplicationBootstrap(): Promise<void> {
    new Logger('Auth').log(await this.authentication.assertSafeBinding());
  }
}
