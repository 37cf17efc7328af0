import type { FeatureRoute } from '../../app/routes';

/** 选派管理 pages: added here. */
export const dispatchRoutes: FeatureRoute[] = [];
