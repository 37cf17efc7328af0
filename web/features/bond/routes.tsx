import type { FeatureRoute } from '../../app/routes';

/** 服务年限约定 pages: added here. */
export const bondRoutes: FeatureRoute[] = [];
