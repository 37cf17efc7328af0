import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  CheckDispatchBody,
  ConfirmArrivalBody,
  CreateDispatchBody,
  CreateManagementPostBody,
  DispatchDto,
  DispatchListQuery,
  EligibilityDto,
  EndDispatchBody,
  ManagementPostDto,
  ReplaceDispatchBody,
  ReplaceDispatchResultDto,
  SubmitDispatchBody,
} from '../../../shared/contracts/dispatch';
import { can } from '../../platform/policy';
import * as service from './dispatch.service';

const tags = ['选派管理'];

/** 选派管理: dispatches of support staff, their eligibility, approval and duty. */
export const dispatchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dispatches',
    {
      schema: {
        tags,
        summary: '选派列表（派出单位或受援单位在数据范围内）',
        querystring: DispatchListQuery,
        response: { 200: pageOf(DispatchDto) },
      },
      config: { policy: can('dispatch.read') },
    },
    async (req) => service.listDispatches(req.ctx, req.query),
  );
  app.post(
    '/api/dispatches/check',
    {
      schema: {
        tags,
        summary: '选派资格校验（P04、P06、P28 及冲突；不保存）',
        body: CheckDispatchBody,
        response: { 200: EligibilityDto },
      },
      config: { policy: can('dispatch.propose') },
    },
    async (req) => service.checkDispatch(req.ctx, req.body),
  );
  app.post(
    '/api/dispatches',
    {
      schema: {
        tags,
        summary: '拟选派支援人员（资格校验；冲突或强制性规定不符时不能保存）',
        body: CreateDispatchBody,
        response: { 201: DispatchDto },
      },
      config: { policy: can('dispatch.propose') },
    },
    async (req, reply) => reply.code(201).send(await service.createDispatch(req.ctx, req.body)),
  );
  app.get(
    '/api/dispatches/:id',
    {
      schema: { tags, summary: '选派详情', params: IdParams, response: { 200: DispatchDto } },
      config: { policy: can('dispatch.read') },
    },
    async (req) => service.getDispatch(req.ctx, req.params.id),
  );
  app.post(
    '/api/dispatches/:id/submit',
    {
      schema: {
        tags,
        summary: '报省对口支援办审核（偏离原则上规定须填写理由）',
        params: IdParams,
        body: SubmitDispatchBody,
        response: { 200: DispatchDto },
      },
      config: { policy: can('dispatch.propose') },
    },
    async (req) => service.submitDispatch(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/dispatches/:id/arrive',
    {
      schema: {
        tags,
        summary: '受援单位确认到岗',
        params: IdParams,
        body: ConfirmArrivalBody,
        response: { 200: DispatchDto },
      },
      config: { policy: can('dispatch.confirm') },
    },
    async (req) => service.confirmArrival(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/dispatches/:id/end',
    {
      schema: {
        tags,
        summary: '期满完成或提前结束（提前结束须填写原因）',
        params: IdParams,
        body: EndDispatchBody,
        response: { 200: DispatchDto },
      },
      config: { policy: can('dispatch.confirm') },
    },
    async (req) => service.endDispatch(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/dispatches/:id/posts',
    {
      schema: {
        tags,
        summary: '支援人员在受援单位兼任的管理职务（P13）',
        params: IdParams,
        response: { 200: pageOf(ManagementPostDto) },
      },
      config: { policy: can('dispatch.read') },
    },
    async (req) => service.listPosts(req.ctx, req.params.id),
  );
  app.post(
    '/api/dispatches/:id/posts',
    {
      schema: {
        tags,
        summary: '受援单位登记支援人员兼任管理职务（任职期须在派驻期内）',
        params: IdParams,
        body: CreateManagementPostBody,
        response: { 201: ManagementPostDto },
      },
      config: { policy: can('dispatch.confirm') },
    },
    async (req, reply) => reply.code(201).send(await service.createPost(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/dispatches/:id/replace',
    {
      schema: {
        tags,
        summary: '派出单位更换支援人员（须填写原因；接替人员按拟选派重新校验资格）',
        params: IdParams,
        body: ReplaceDispatchBody,
        response: { 200: ReplaceDispatchResultDto },
      },
      config: { policy: can('dispatch.propose') },
    },
    async (req) => service.replaceDispatch(req.ctx, req.params.id, req.body),
  );
};
