export { diffSchemas } from './diff';
export * from './plan';
export { classifyTypeChange } from './type-change';
export { USERS_RECORD_TYPE, isSystemRecordType, isImplicitField } from './schema-index';
export { diffModelVersions } from './model-versions';
export type { ModelVersionChange } from './model-versions';
