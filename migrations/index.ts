import { CreatePlanSchema1764230400000 } from './1764230400000-create-plan-schema';

/** Every migration, in order. The only way the schema changes. */
export const MIGRATIONS = [CreatePlanSchema1764230400000];
