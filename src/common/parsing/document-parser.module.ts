/**
 * The process's request-body parser (off-thread-document-parser.ts), for the
 * upload readers of every controller that takes YAML (the topologies' and
 * the plans' modules import it; Nest makes one instance of it per process);
 * closed when the application shuts down.
 */
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { OffThreadDocumentParser } from './off-thread-document-parser.js';

@Module({
  providers: [
    {
      provide: OffThreadDocumentParser,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new OffThreadDocumentParser({ heapMegabytes: config.limits.parseHeapMegabytes }),
    },
  ],
  exports: [OffThreadDocumentParser],
})
export class DocumentParserModule implements OnApplicationShutdown {
  constructor(@Inject(OffThreadDocumentParser) private readonly parser: OffThreadDocumentParser) {}

  async onApplicationShutdown(): Promise<void> {
    await this.parser.close();
  }
}
