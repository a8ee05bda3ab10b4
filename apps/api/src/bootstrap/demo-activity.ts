import { INestApplication } from '@nestjs/common';
import { AccountRepository, principalOf } from '@dx/db';
import { addDays, TaskListResponse, todayIn } from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { DirectiveService } from '../directive/directive.service';
import { ListTasksQuery } from '../task/dto/list-tasks.query';
import { TaskService } from '../task/task.service';
import { ILLUSTRATIVE_PROVINCE } from './demo-data';

const META = { ip: null, requestId: 'demo-data' };

/**
 * Gives the illustrative province the everyday workflow to look at, through the same services the web uses: its
 * reporter has sent an update of a late task that waits for the officer's approval, and its leader has left an open
 * directive on that task, assigned to the reporter's agency. Runs once, right after the demo accounts are created.
 */
export async function seedIllustrativeActivity(app: INestApplication): Promise<boolean> {
  const accounts = app.get(AccountRepository);
  const reporter = await accounts.findByUsername('syt.mau');
  const leader = await accounts.findByUsername('lanhdao.mau');
  if (!reporter || !leader) return false;
  const tasks = app.get(TaskService);
  const query = Object.assign(new ListTasksQuery(), { province: ILLUSTRATIVE_PROVINCE, lead: 'SYT', overdue: true, pageSize: 1 });
  const page: TaskListResponse = JSON.parse((await tasks.list(principalOf(reporter), query)).body.toString());
  const [late] = page.items;
  if (!late) return false;
  await tasks.update(
    principalOf(reporter),
    late.id,
    `"${late.version}"`,
    { progress: Math.min(95, (late.progress ?? 0) + 20), comment: 'Đã triển khai thêm tại 3 bệnh viện tuyến huyện (dữ liệu minh họa).' },
    META,
  );
  const today = todayIn(TIME_ZONE, new Date());
  await app.get(DirectiveService).create(
    principalOf(leader),
    {
      kind: 'directive',
      target: { kind: 'task', id: late.id },
      body: 'Đề nghị Sở Y tế báo cáo nguyên nhân chậm tiến độ và đề xuất thời hạn hoàn thành (dữ liệu minh họa).',
      assignee: 'SYT',
      due: addDays(today, 14),
    },
    META,
  );
  return true;
}
