import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  CreateProgrammeBody,
  PolicyQuery,
  PolicyVersionDto,
  PolicyVersionSummaryDto,
  ProgrammeDto,
  ProgrammeListQuery,
  PublishPolicyBody,
  ShippedPackDto,
} from '../../../shared/contracts/programme';
import { can } from '../../platform/policy';
import * as service from './programme.service';

const tags = ['项目与政策'];

export const programmeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: '项目列表',
        querystring: ProgrammeListQuery,
        response: { 200: pageOf(ProgrammeDto) },
      },
      config: { policy: can('programme.read') },
    },
    async (req) => service.listProgrammes(req.ctx, req.query),
  );
  app.post(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: '新建项目（含初始政策包）',
        body: CreateProgrammeBody,
        response: { 201: ProgrammeDto },
      },
      config: { policy: can('programme.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createProgramme(req.ctx, req.body)),
  );
  app.get(
    '/api/programmes/:id',
    {
      schema: { tags, summary: '项目详情', params: IdParams, response: { 200: ProgrammeDto } },
      config: { policy: can('programme.read') },
    },
    async (req) => service.getProgramme(req.ctx, req.params.id),
  );
  app.get(
    '/api/programmes/:id/policy',
    {
      schema: {
        tags,
        summary: '某日生效（或指定版本）的政策包',
        params: IdParams,
        querystring: PolicyQuery,
        response: { 200: PolicyVersionDto },
      },
      config: { policy: can('programme.read') },
    },
    async (req) => service.getPolicy(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/api/programmes/:id/policy/versions',
    {
      schema: {
        tags,
        summary: '政策包版本列表',
        params: IdParams,
        response: { 200: pageOf(PolicyVersionSummaryDto) },
      },
      config: { policy: can('programme.read') },
    },
    async (req) => service.listPolicyVersions(req.ctx, req.params.id),
  );
  app.post(
    '/api/programmes/:id/policy',
    {
      schema: {
        tags,
        summary: '发布政策包新版本',
        params: IdParams,
        body: PublishPolicyBody,
        response: { 201: PolicyVersionDto },
      },
      config: { policy: can('programme.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.publishPolicy(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/policy-packs',
    {
      schema: {
        tags,
        summary: '内置政策包',
        response: { 200: z.object({ items: z.array(ShippedPackDto), total: z.number().int() }) },
      },
      config: { policy: can('programme.read') },
    },
    async () => {
      const items = service.listShippedPacks();
      return { items, total: items.length };
    },
  );
};
