import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  AddCountyFlagBody,
  ContactCandidateDto,
  ContactCandidatesQuery,
  CountyContactDto,
  CountyFlagDto,
  CountyFlagParams,
  CreateInstitutionBody,
  InstitutionDetailDto,
  InstitutionDto,
  InstitutionListQuery,
  InstitutionMapDto,
  InstitutionMapQuery,
  RegionCodeParams,
  RegionDetailDto,
  RegionDto,
  RegionListQuery,
  ReplaceCountyContactsBody,
  UpdateInstitutionBody,
  WithdrawCountyFlagBody,
} from '../../../shared/contracts/org';
import { can } from '../../platform/policy';
import * as service from './org.service';

const tags = ['机构管理'];

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- regions -------------------------------------------------------------------------

  app.get(
    '/api/regions',
    {
      schema: {
        tags,
        summary: '行政区划',
        querystring: RegionListQuery,
        response: { 200: pageOf(RegionDto) },
      },
      config: { policy: can('org.read') },
    },
    async (req) => service.listRegions(req.ctx, req.query),
  );

  app.get(
    '/api/regions/:code',
    {
      schema: {
        tags,
        summary: '行政区划详情：县域标识（含已撤回）、代码变更历史、联系人',
        params: RegionCodeParams,
        response: { 200: RegionDetailDto },
      },
      config: { policy: can('org.read') },
    },
    async (req) => service.getRegion(req.ctx, req.params.code),
  );

  app.post(
    '/api/regions/:code/flags',
    {
      schema: {
        tags,
        summary: '添加县域标识',
        params: RegionCodeParams,
        body: AddCountyFlagBody,
        response: { 201: CountyFlagDto },
      },
      config: { policy: can('org.manage') },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addCountyFlag(req.ctx, req.params.code, req.body)),
  );

  app.post(
    '/api/regions/:code/flags/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回县域标识（保留历史）',
        params: CountyFlagParams,
        body: WithdrawCountyFlagBody,
        response: { 200: CountyFlagDto },
      },
      config: { policy: can('org.manage') },
    },
    async (req) => service.withdrawCountyFlag(req.ctx, req.params.code, req.params.id, req.body.reason),
  );

  app.put(
    '/api/regions/:code/contacts',
    {
      schema: {
        tags,
        summary: '修改县联系人（定点联系领导、驻点负责人）',
        params: RegionCodeParams,
        body: ReplaceCountyContactsBody,
        response: { 200: z.object({ items: z.array(CountyContactDto) }) },
      },
      config: { policy: can('org.manage') },
    },
    async (req) => ({ items: await service.replaceCountyContacts(req.ctx, req.params.code, req.body) }),
  );

  app.get(
    '/api/org/contact-candidates',
    {
      schema: {
        tags,
        summary: '可担任县联系人的账号',
        querystring: ContactCandidatesQuery,
        response: { 200: z.object({ items: z.array(ContactCandidateDto) }) },
      },
      config: { policy: can('org.manage') },
    },
    async (req) => ({ items: await service.contactCandidates(req.ctx, req.query) }),
  );

  // --- institutions --------------------------------------------------------------------

  app.get(
    '/api/institutions',
    {
      schema: {
        tags,
        summary: '机构列表（按数据范围）',
        querystring: InstitutionListQuery,
        response: { 200: pageOf(InstitutionDto) },
      },
      config: { policy: can('org.read') },
    },
    async (req) => service.listInstitutions(req.ctx, req.query),
  );

  app.get(
    '/api/institutions/map',
    {
      schema: {
        tags,
        summary: '机构地图点位（WGS-84，按数据范围）',
        querystring: InstitutionMapQuery,
        response: { 200: InstitutionMapDto },
      },
      config: { policy: can('org.read') },
    },
    async (req) => service.institutionMap(req.ctx, req.query),
  );

  app.post(
    '/api/institutions',
    {
      schema: {
        tags,
        summary: '新建机构（含科室、地理围栏）',
        body: CreateInstitutionBody,
        response: { 201: InstitutionDetailDto },
      },
      config: { policy: can('org.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createInstitution(req.ctx, req.body)),
  );

  app.get(
    '/api/institutions/:id',
    {
      schema: { tags, summary: '机构详情', params: IdParams, response: { 200: InstitutionDetailDto } },
      config: { policy: can('org.read') },
    },
    async (req) => service.getInstitution(req.ctx, req.params.id),
  );

  app.put(
    '/api/institutions/:id',
    {
      schema: {
        tags,
        summary: '修改机构（含科室、地理围栏；须带版本号）',
        params: IdParams,
        body: UpdateInstitutionBody,
        response: { 200: InstitutionDetailDto },
      },
      config: { policy: can('org.manage') },
    },
    async (req) => service.updateInstitution(req.ctx, req.params.id, req.body),
  );

  // --- map boundary --------------------------------------------------------------------

  app.get(
    '/api/map/boundary',
    {
      schema: { tags, summary: '地图边界（GeoJSON，WGS-84；未配置时 404）' },
      config: { policy: can('org.read') },
    },
    async (req, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'private, max-age=3600')
        .send(await service.mapBoundary(req.ctx)),
  );
};
