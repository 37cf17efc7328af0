import type { FeatureRoute } from '../../app/routes';

/** 待办、审批、消息 pages: added here. */
export const workflowRoutes: FeatureRoute[] = [];
