import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  CreateStaffBody,
  RevealBody,
  RevealDto,
  StaffDto,
  StaffListQuery,
  UpdateStaffBody,
} from '../../../shared/contracts/staff';
import { can } from '../../platform/policy';
import * as service from './staff.service';

const tags = ['人员管理'];

/** 人员管理: the staff registry; ID numbers and phones masked in every answer but a reveal. */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: '人员列表（工作单位在数据范围内；可按姓名或完整身份证号、手机号查找）',
        querystring: StaffListQuery,
        response: { 200: pageOf(StaffDto) },
      },
      config: { policy: can('staff.read') },
    },
    async (req) => service.listStaff(req.ctx, req.query),
  );
  app.post(
    '/api/staff',
    {
      schema: {
        tags,
        summary: '登记人员（校验身份证号；身份证号、手机号加密保存）',
        body: CreateStaffBody,
        response: { 201: StaffDto },
      },
      config: { policy: can('staff.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createStaff(req.ctx, req.body)),
  );
  app.get(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: '人员详情（身份证号、手机号脱敏）',
        params: IdParams,
        response: { 200: StaffDto },
      },
      config: { policy: can('staff.read') },
    },
    async (req) => service.getStaff(req.ctx, req.params.id),
  );
  app.put(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: '修改人员信息',
        params: IdParams,
        body: UpdateStaffBody,
        response: { 200: StaffDto },
      },
      config: { policy: can('staff.manage') },
    },
    async (req) => service.updateStaff(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/staff/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整身份证号或手机号（须填写原因，记入审计）',
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealDto },
      },
      config: { policy: can('staff.reveal') },
    },
    async (req) => service.revealStaff(req.ctx, req.params.id, req.body),
  );
};
