import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  AttachmentParams,
  CorrectionListQuery,
  CreateCorrectionBody,
  CreateLeaveBody,
  LeaveListQuery,
  LeaveRequestDto,
  PunchCorrectionDto,
  RequestApprovalDto,
  WithdrawRequestBody,
} from '../../../shared/contracts/leave';
import { sendStoredFile } from '../../platform/files';
import { can } from '../../platform/policy';
import * as service from './leave.service';

const tags = ['考勤：请假与补卡'];

/** 请假、出差、值班补休 and 补卡 requests, with their attachments. */
export const leaveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/leave-requests',
    {
      schema: {
        tags,
        summary: '请假、出差、值班补休申请列表（数据范围内；支援人员仅本人）',
        querystring: LeaveListQuery,
        response: { 200: pageOf(LeaveRequestDto) },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.listLeaves(req.ctx, req.query),
  );
  app.post(
    '/api/leave-requests',
    {
      schema: {
        tags,
        summary: '申请请假、出差或值班补休（本人派驻期内；日期不得与其他申请重叠；提交审批）',
        body: CreateLeaveBody,
        response: { 201: LeaveRequestDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req, reply) => reply.code(201).send(await service.createLeave(req.ctx, req.body)),
  );
  app.get(
    '/api/leave-requests/:id',
    {
      schema: { tags, summary: '申请详情', params: IdParams, response: { 200: LeaveRequestDto } },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.getLeave(req.ctx, req.params.id),
  );
  app.post(
    '/api/leave-requests/:id/withdraw',
    {
      schema: {
        tags,
        summary: '申请人撤回（审批中或已退回的申请）',
        params: IdParams,
        body: WithdrawRequestBody,
        response: { 200: LeaveRequestDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req) => service.withdrawLeave(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/leave-requests/:id/resubmit',
    {
      schema: {
        tags,
        summary: '申请人修改后重新提交已退回的申请',
        params: IdParams,
        body: WithdrawRequestBody,
        response: { 200: LeaveRequestDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req) => service.resubmitLeave(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/leave-requests/:id/approval',
    {
      schema: {
        tags,
        summary: '申请的审批进度与意见',
        params: IdParams,
        response: { 200: RequestApprovalDto },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.leaveApproval(req.ctx, req.params.id),
  );
  app.get(
    '/api/leave-requests/:id/attachments/:fileId',
    {
      schema: { tags, summary: '下载申请的附件', params: AttachmentParams },
      config: { policy: can('attendance.read') },
    },
    async (req, reply) =>
      sendStoredFile(reply, await service.leaveAttachment(req.ctx, req.params.id, req.params.fileId)),
  );

  app.get(
    '/api/punch-corrections',
    {
      schema: {
        tags,
        summary: '补卡申请列表（数据范围内；支援人员仅本人）',
        querystring: CorrectionListQuery,
        response: { 200: pageOf(PunchCorrectionDto) },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.listCorrections(req.ctx, req.query),
  );
  app.post(
    '/api/punch-corrections',
    {
      schema: {
        tags,
        summary: '申请补卡（P23：每月次数上限与补卡期限按政策包；提交受援单位审核）',
        body: CreateCorrectionBody,
        response: { 201: PunchCorrectionDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req, reply) => reply.code(201).send(await service.createCorrection(req.ctx, req.body)),
  );
  app.get(
    '/api/punch-corrections/:id',
    {
      schema: { tags, summary: '补卡申请详情', params: IdParams, response: { 200: PunchCorrectionDto } },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.getCorrection(req.ctx, req.params.id),
  );
  app.post(
    '/api/punch-corrections/:id/withdraw',
    {
      schema: {
        tags,
        summary: '申请人撤回补卡申请（审批中或已退回的）',
        params: IdParams,
        body: WithdrawRequestBody,
        response: { 200: PunchCorrectionDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req) => service.withdrawCorrection(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/punch-corrections/:id/resubmit',
    {
      schema: {
        tags,
        summary: '申请人修改后重新提交已退回的补卡申请',
        params: IdParams,
        body: WithdrawRequestBody,
        response: { 200: PunchCorrectionDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req) => service.resubmitCorrection(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/punch-corrections/:id/approval',
    {
      schema: {
        tags,
        summary: '补卡申请的审批进度与意见',
        params: IdParams,
        response: { 200: RequestApprovalDto },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.correctionApproval(req.ctx, req.params.id),
  );
  app.get(
    '/api/punch-corrections/:id/attachments/:fileId',
    {
      schema: { tags, summary: '下载补卡申请的附件', params: AttachmentParams },
      config: { policy: can('attendance.read') },
    },
    async (req, reply) =>
      sendStoredFile(reply, await service.correctionAttachment(req.ctx, req.params.id, req.params.fileId)),
  );
};
