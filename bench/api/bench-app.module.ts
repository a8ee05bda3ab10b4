import { DynamicModule, Module } from '@nestjs/common';
import { AppModule, AppModuleOptions } from '@dx/api/app.module';
import { ConstantController } from './constant.controller';

/** The product's AppModule plus the bench's constant route; only the bench serves it. */
@Module({})
export class BenchAppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return { module: BenchAppModule, imports: [AppModule.forRoot(options)], controllers: [ConstantController] };
  }
}
