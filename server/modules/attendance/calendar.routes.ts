import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CalendarDateParams,
  CalendarDayDto,
  CalendarYearDto,
  CalendarYearParams,
  CalendarYearQuery,
  CreateRegionalHolidayBody,
  RegionalHolidayDto,
  RegionalHolidayQuery,
  SetCalendarDayBody,
} from '../../../shared/contracts/calendar';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import { can } from '../../platform/policy';
import * as service from './calendar.service';

const tags = ['节假日日历'];

/** 节假日日历: the State Council calendar and the prefectures' regional holidays (reference data). */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calendar/regional-holidays',
    {
      schema: {
        tags,
        summary: '地方性节假日（彝族年、藏历年等），可按年份、市（州）筛选',
        querystring: RegionalHolidayQuery,
        response: { 200: pageOf(RegionalHolidayDto) },
      },
      config: { policy: can('calendar.read') },
    },
    async (req) => service.listRegionalHolidays(req.ctx, req.query),
  );
  app.post(
    '/api/calendar/regional-holidays',
    {
      schema: {
        tags,
        summary: '添加市（州）的地方性节假日（一天或连续几天）',
        body: CreateRegionalHolidayBody,
        response: { 201: RegionalHolidayDto.array() },
      },
      config: { policy: can('calendar.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.addRegionalHoliday(req.ctx, req.body)),
  );
  app.delete(
    '/api/calendar/regional-holidays/:id',
    {
      schema: { tags, summary: '删除一天地方性节假日', params: IdParams },
      config: { policy: can('calendar.manage') },
    },
    async (req, reply) => {
      await service.deleteRegionalHoliday(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/calendar/days/:date',
    {
      schema: {
        tags,
        summary: '设置某日为法定节假日或调休上班日',
        params: CalendarDateParams,
        body: SetCalendarDayBody,
        response: { 200: CalendarDayDto },
      },
      config: { policy: can('calendar.manage') },
    },
    async (req) => service.setCalendarDay(req.ctx, req.params.date, req.body),
  );
  app.delete(
    '/api/calendar/days/:date',
    {
      schema: {
        tags,
        summary: '取消某日的节假日或调休设置（恢复按周一至周五上班）',
        params: CalendarDateParams,
        response: { 200: CalendarDayDto },
      },
      config: { policy: can('calendar.manage') },
    },
    async (req) => service.clearCalendarDay(req.ctx, req.params.date),
  );
  app.get(
    '/api/calendar/:year',
    {
      schema: {
        tags,
        summary: '全年日历：每天是否为工作日（给出行政区划时计入所属市（州）的地方性节假日）',
        params: CalendarYearParams,
        querystring: CalendarYearQuery,
        response: { 200: CalendarYearDto },
      },
      config: { policy: can('calendar.read') },
    },
    async (req) => service.calendarYear(req.ctx, req.params.year, req.query.region),
  );
};
