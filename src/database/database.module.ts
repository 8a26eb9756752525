import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type EntityList } from './data-source-options.js';
import { runMigrationsLocked } from './run-migrations.js';

/**
 * TypeORM on Flowhub's Postgres, mapping the entities app wiring gives it (src/entities.ts);
 * pending migrations are applied before anything uses it.
 */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, entities: EntityList, poolSize?: number): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(url, entities, poolSize),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await runMigrationsLocked(dataSource);
            if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
            return dataSource;
          },
        }),
      ],
    };
  }
}
