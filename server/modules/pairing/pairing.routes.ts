import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  CreatePairingBody,
  EndPairingBody,
  OverviewQuery,
  PairingChangeDto,
  PairingDto,
  PairingListQuery,
  PairingOverviewDto,
  UpdatePairingBody,
} from '../../../shared/contracts/pairing';
import { can } from '../../platform/policy';
import * as service from './pairing.service';

const tags = ['结对关系'];

export const pairingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/pairings',
    {
      schema: {
        tags,
        summary: '结对关系列表（支援方或受援方在数据范围内）',
        querystring: PairingListQuery,
        response: { 200: pageOf(PairingDto) },
      },
      config: { policy: can('pairing.read') },
    },
    async (req) => service.listPairings(req.ctx, req.query),
  );
  app.get(
    '/api/pairings/overview',
    {
      schema: {
        tags,
        summary: '结对概况（按市州）',
        querystring: OverviewQuery,
        response: { 200: PairingOverviewDto },
      },
      config: { policy: can('pairing.read') },
    },
    async (req) => service.pairingOverview(req.ctx, req.query),
  );
  app.post(
    '/api/pairings',
    {
      schema: {
        tags,
        summary: '建立结对关系（P01、P02 校验；偏离原则上规则须填写例外理由）',
        body: CreatePairingBody,
        response: { 201: PairingDto },
      },
      config: { policy: can('pairing.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createPairing(req.ctx, req.body)),
  );
  app.get(
    '/api/pairings/:id',
    {
      schema: { tags, summary: '结对关系详情', params: IdParams, response: { 200: PairingDto } },
      config: { policy: can('pairing.read') },
    },
    async (req) => service.getPairing(req.ctx, req.params.id),
  );
  app.put(
    '/api/pairings/:id',
    {
      schema: {
        tags,
        summary: '变更结对关系（须填写变更理由）',
        params: IdParams,
        body: UpdatePairingBody,
        response: { 200: PairingDto },
      },
      config: { policy: can('pairing.manage') },
    },
    async (req) => service.updatePairing(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/pairings/:id/end',
    {
      schema: {
        tags,
        summary: '终止结对关系',
        params: IdParams,
        body: EndPairingBody,
        response: { 200: PairingDto },
      },
      config: { policy: can('pairing.manage') },
    },
    async (req) => service.endPairing(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/pairings/:id/history',
    {
      schema: {
        tags,
        summary: '结对关系变更历史',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PairingChangeDto), total: z.number().int() }) },
      },
      config: { policy: can('pairing.read') },
    },
    async (req) => service.pairingHistory(req.ctx, req.params.id),
  );
};
