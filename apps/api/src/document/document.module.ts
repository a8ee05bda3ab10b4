import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { DocumentController } from './document.controller';
import { DocumentService } from './document.service';

@Module({
  imports: [ProvinceModule],
  controllers: [DocumentController],
  providers: [DocumentService],
})
export class DocumentModule {}
