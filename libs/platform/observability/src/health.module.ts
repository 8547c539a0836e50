import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthController } from './health.controller';

/** Health routes; discovery finds the BullMQ queues whose depth /health/ready reports. */
@Module({ imports: [DiscoveryModule], controllers: [HealthController] })
export class HealthModule {}
