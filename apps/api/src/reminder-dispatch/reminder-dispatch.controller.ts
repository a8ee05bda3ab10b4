import { Body, Controller, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ReminderDispatchDto } from './reminder-dispatch.dto';
import { ReminderDispatchService } from './reminder-dispatch.service';

@Controller('api/v1')
export class ReminderDispatchController {
  constructor(private readonly dispatches: ReminderDispatchService) {}

  /** The reminder dispatches (công văn đôn đốc) to the agencies with late or soon-due tasks: a PDF, or a ZIP of PDFs. */
  @Roles('admin', 'officer')
  @Post('reminders/dispatch')
  async dispatch(@CurrentPrincipal() principal: Principal, @Body() body: ReminderDispatchDto, @Res() res: Response): Promise<void> {
    const file = await this.dispatches.dispatch(principal, body);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
    res.status(200).send(file.bytes);
  }
}
