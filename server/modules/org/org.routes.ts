import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../../shared/contracts/common';
import {
  InstitutionDto,
  InstitutionListQuery,
  RegionDto,
  RegionListQuery,
} from '../../../shared/contracts/org';
import { can } from '../../platform/policy';
import { listInstitutions, listRegions } from './org.service';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['机构管理'],
        summary: '行政区划',
        querystring: RegionListQuery,
        response: { 200: pageOf(RegionDto) },
      },
      config: { policy: can('org.read') },
    },
    async (req) => listRegions(req.ctx, req.query),
  );

  app.get(
    '/api/institutions',
    {
      schema: {
        tags: ['机构管理'],
        summary: '机构列表（按数据范围）',
        querystring: InstitutionListQuery,
        response: { 200: pageOf(InstitutionDto) },
      },
      config: { policy: can('org.read') },
    },
    async (req) => listInstitutions(req.ctx, req.query),
  );
};
