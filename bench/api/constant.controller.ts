import { Controller, Get } from '@nestjs/common';
import { Public } from '@dx/api/auth/auth.decorators';

/** The API benchmark's yardstick: a route that does no work, served by the same app, under the same path prefix (so the same middleware) as the real routes. */
@Controller('api/v1/bench')
export class ConstantController {
  @Public()
  @Get('constant')
  constant() {
    return { ok: true };
  }
}
