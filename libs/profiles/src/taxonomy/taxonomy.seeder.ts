import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { seedTaxonomy } from './taxonomy.seed';

@Injectable()
export class TaxonomySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Taxonomy');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const inserted = await seedTaxonomy(this.config.database.url);
    if (inserted > 0) this.logger.log(`added ${inserted} taxonomy rows from the data file`);
  }
}
