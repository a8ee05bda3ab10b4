import { Module } from '@nestjs/common';
import { ProvinceModule } from '../province/province.module';
import { DirectiveController } from './directive.controller';
import { DirectiveService } from './directive.service';

@Module({ imports: [ProvinceModule], controllers: [DirectiveController], providers: [DirectiveService] })
export class DirectiveModule {}
