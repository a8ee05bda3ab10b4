export * from './plan-file-issue';
export * from './parse-plan-file';
export * from './parse-plan-file.thread';
export * from './serialize-plan-file';
export * from './load-plan-file';
export * from './read-dti-framework';
export * from './read-reorganisation';
export { parseSimpleYaml } from './simple-yaml';
export { firstNodeDeeperThan } from './yaml-limits';
