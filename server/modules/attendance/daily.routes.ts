import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BoardDto,
  BoardQuery,
  CreateJustificationBody,
  DailyQuery,
  DailyStatusDto,
  JustificationDto,
  JustificationListQuery,
  PresenceDto,
  PresenceQuery,
  ReviewJustificationBody,
} from '../../../shared/contracts/attendance';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import { can } from '../../platform/policy';
import * as service from './daily.service';

const tags = ['考勤'];

/** Daily status, presence (P06, P07), justifications and the on-duty board. */
export const attendanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/attendance/daily',
    {
      schema: {
        tags,
        summary: '人员每日考勤状态及依据（打卡、审批、节假日或规则）',
        querystring: DailyQuery,
        response: { 200: pageOf(DailyStatusDto) },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.listDaily(req.ctx, req.query),
  );
  app.get(
    '/api/attendance/presence',
    {
      schema: {
        tags,
        summary: '派驻考勤判定（P06 全职驻点出勤率、P07 弹性驻点每月及累计驻点天数）',
        querystring: PresenceQuery,
        response: { 200: PresenceDto },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.getPresence(req.ctx, req.query.dispatchId),
  );
  app.get(
    '/api/attendance/board',
    {
      schema: {
        tags,
        summary: '今日在岗（数据范围内在派人员的当日状态、首次打卡、截至指定时间未打卡）',
        querystring: BoardQuery,
        response: { 200: BoardDto },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.getBoard(req.ctx, req.query),
  );
  app.get(
    '/api/attendance/justifications',
    {
      schema: {
        tags,
        summary: '考勤情况说明列表',
        querystring: JustificationListQuery,
        response: { 200: pageOf(JustificationDto) },
      },
      config: { policy: can('attendance.read') },
    },
    async (req) => service.listJustifications(req.ctx, req.query),
  );
  app.post(
    '/api/attendance/justifications',
    {
      schema: {
        tags,
        summary: '支援人员就缺勤日（P06）或驻点天数不足的月份（P07）提交情况说明',
        body: CreateJustificationBody,
        response: { 201: JustificationDto },
      },
      config: { policy: can('attendance.request') },
    },
    async (req, reply) => reply.code(201).send(await service.createJustification(req.ctx, req.body)),
  );
  app.post(
    '/api/attendance/justifications/:id/review',
    {
      schema: {
        tags,
        summary: '审核考勤情况说明（受援单位、所在县卫生健康行政部门或省对口支援办）',
        params: IdParams,
        body: ReviewJustificationBody,
        response: { 200: JustificationDto },
      },
      config: { policy: can('attendance.review') },
    },
    async (req) => service.reviewJustification(req.ctx, req.params.id, req.body),
  );
};
