import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CheckinContextDto,
  CheckinContextQuery,
  CheckinDto,
  CheckinListQuery,
  CheckinResultDto,
  ConsentBody,
  CreateCheckinBody,
  DeviceRequestBody,
} from '../../../shared/contracts/checkin';
import { pageOf } from '../../../shared/contracts/common';
import { can } from '../../platform/policy';
import * as service from './checkin.service';

const tags = ['考勤打卡'];
const ConsentDto = CheckinContextDto.shape.consent;
const DeviceDto = CheckinContextDto.shape.device;

/** 打卡: the phone page's context, consent (S17), devices and punches (S28). */
export const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/checkins/context',
    {
      schema: {
        tags,
        summary: '打卡页信息：本人、当日派驻及打卡范围、位置授权、本机绑定状态、今日打卡',
        querystring: CheckinContextQuery,
        response: { 200: CheckinContextDto },
      },
      config: { policy: can('attendance.checkin') },
    },
    async (req) => service.context(req.ctx, req.query.deviceId),
  );
  app.post(
    '/api/checkins/consent',
    {
      schema: {
        tags,
        summary: '同意打卡时获取精确位置（告知同意）',
        body: ConsentBody,
        response: { 200: ConsentDto },
      },
      config: { policy: can('attendance.checkin') },
    },
    async (req) => service.giveConsent(req.ctx, req.body.noticeVersion),
  );
  app.delete(
    '/api/checkins/consent',
    {
      schema: { tags, summary: '撤回位置信息授权（撤回后不能手机打卡）', response: { 200: ConsentDto } },
      config: { policy: can('attendance.checkin') },
    },
    async (req) => service.withdrawConsent(req.ctx),
  );
  app.post(
    '/api/checkins/devices',
    {
      schema: {
        tags,
        summary: '申请更换打卡设备（派出单位审批，批准后原设备解绑）',
        body: DeviceRequestBody,
        response: { 201: DeviceDto },
      },
      config: { policy: can('attendance.checkin') },
    },
    async (req, reply) => reply.code(201).send(await service.requestNewDevice(req.ctx, req.body)),
  );
  app.post(
    '/api/checkins',
    {
      schema: {
        tags,
        summary: '打卡（以手机生成的标识去重；范围外须填写外勤原因）',
        body: CreateCheckinBody,
        response: { 200: CheckinResultDto, 201: CheckinResultDto },
      },
      config: { policy: can('attendance.checkin') },
    },
    async (req, reply) => {
      const { created, checkin } = await service.createCheckin(req.ctx, req.body);
      return reply.code(created ? 201 : 200).send(checkin);
    },
  );
  app.get(
    '/api/checkins',
    {
      schema: {
        tags,
        summary: '打卡记录（数据范围内；位置仅显示概略坐标）',
        querystring: CheckinListQuery,
        response: { 200: pageOf(CheckinDto) },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.listCheckins(req.ctx, req.query),
  );
};
