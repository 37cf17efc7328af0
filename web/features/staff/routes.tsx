import type { FeatureRoute } from '../../app/routes';

/** 人员管理 pages: added here. */
export const staffRoutes: FeatureRoute[] = [];
