export * from './audit';
export * from './iam';
export * from './imports';
export * from './notify';
export * from './org';
export * from './platform';
export * from './programme';
export * from './workflow';
