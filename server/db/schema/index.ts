export * from './audit';
export * from './iam';
export * from './org';
export * from './platform';
export * from './programme';
