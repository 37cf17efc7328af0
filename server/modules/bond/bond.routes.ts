import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BondDto, BondListQuery, CreateBondBody, RecordBreachBody } from '../../../shared/contracts/bond';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import { can } from '../../platform/policy';
import * as service from './bond.service';

const tags = ['服务年限约定'];

/** 服务年限约定 (P20): bonds of recipient staff, scoped by the home institution, and their breaches. */
export const bondRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/bonds',
    {
      schema: {
        tags,
        summary: '服务年限约定列表（受援人员工作单位在数据范围内；可按在约、期满、违约筛选）',
        querystring: BondListQuery,
        response: { 200: pageOf(BondDto) },
      },
      config: { policy: can('bond.read') },
    },
    async (req) => service.listBonds(req.ctx, req.query),
  );
  app.get(
    '/api/bonds/:id',
    {
      schema: {
        tags,
        summary: '服务年限约定详情（含违约记录）',
        params: IdParams,
        response: { 200: BondDto },
      },
      config: { policy: can('bond.read') },
    },
    async (req) => service.getBond(req.ctx, req.params.id),
  );
  app.post(
    '/api/bonds',
    {
      schema: {
        tags,
        summary: '登记服务年限约定（期限按项目政策包 P20 计算）',
        body: CreateBondBody,
        response: { 201: BondDto },
      },
      config: { policy: can('bond.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createBond(req.ctx, req.body)),
  );
  app.post(
    '/api/bonds/:id/breaches',
    {
      schema: {
        tags,
        summary: '记录约定期内的调动或借调（违约，通报省对口支援办和县级卫生健康行政部门）',
        params: IdParams,
        body: RecordBreachBody,
        response: { 201: BondDto },
      },
      config: { policy: can('bond.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.recordBreach(req.ctx, req.params.id, req.body)),
  );
};
