import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({ imports: [ProvinceModule], controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
