import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  ChainDto,
  CreateDelegationBody,
  DecideBody,
  DecideWithReasonBody,
  DelegateCandidatesQuery,
  DelegationDto,
  SaveChainBody,
  UserRefDto,
  WorkflowInstanceDto,
  WorkflowListQuery,
} from '../../../shared/contracts/workflow';
import type { Ctx } from '../../platform/context';
import { can } from '../../platform/policy';
import * as service from './workflow.service';

const tags = ['审批流程'];

/**
 * 审批流程. Instances are read and decided with `workflow.act`, which every role that decides
 * or submits approvals holds today (the province office submits pairing exceptions; supporting
 * and recipient admins will submit plans, dispatches and workload). The scope filter then
 * shows either side in the user's scope, what they submitted or decided, and what awaits the
 * colleagues they stand in for. Support staff (leave, 补卡) have no `workflow.act`: their own
 * requests will be shown and resubmitted through the leave and attendance modules, which
 * call this service.
 */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/workflow/instances',
    {
      schema: {
        tags,
        summary: '审批事项列表（任一方在数据范围内，或本人提交、办理的）',
        querystring: WorkflowListQuery,
        response: { 200: pageOf(WorkflowInstanceDto) },
      },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.listInstances(req.ctx, req.query),
  );
  app.get(
    '/api/workflow/instances/:id',
    {
      schema: {
        tags,
        summary: '审批事项详情（含审批记录与可办理操作）',
        params: IdParams,
        response: { 200: WorkflowInstanceDto },
      },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.getInstance(req.ctx, req.params.id),
  );

  const decision = (
    path: string,
    summary: string,
    body: typeof DecideBody | typeof DecideWithReasonBody,
    act: (ctx: Ctx, id: string, b: DecideBody) => Promise<WorkflowInstanceDto>,
  ) =>
    app.post(
      `/api/workflow/instances/:id/${path}`,
      {
        schema: { tags, summary, params: IdParams, body, response: { 200: WorkflowInstanceDto } },
        config: { policy: can('workflow.act') },
      },
      async (req) => act(req.ctx, req.params.id, req.body),
    );
  decision('approve', '同意（最后一个环节同意即审批通过）', DecideBody, service.approve);
  decision('return', '退回修改（须填写意见）', DecideWithReasonBody, service.returnForChanges);
  decision('reject', '不同意（须填写意见）', DecideWithReasonBody, service.reject);
  decision('resubmit', '重新提交（提交人，退回后）', DecideBody, service.resubmit);
  decision('withdraw', '撤回（提交人）', DecideBody, service.withdraw);

  app.get(
    '/api/workflow/chains',
    {
      schema: { tags, summary: '审批流程配置（默认及各项目）', response: { 200: pageOf(ChainDto) } },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.listChains(req.ctx),
  );
  app.put(
    '/api/workflow/chains',
    {
      schema: {
        tags,
        summary: '保存审批流程（按事项类型与项目）',
        body: SaveChainBody,
        response: { 200: ChainDto },
      },
      config: { policy: can('workflow.manage') },
    },
    async (req) => service.saveChain(req.ctx, req.body),
  );
  app.delete(
    '/api/workflow/chains/:id',
    {
      schema: { tags, summary: '删除项目专用审批流程（恢复使用默认流程）', params: IdParams },
      config: { policy: can('workflow.manage') },
    },
    async (req, reply) => {
      await service.deleteChain(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/workflow/delegations',
    {
      schema: {
        tags,
        summary: '代理审批委托（本人委托的与受托的）',
        response: { 200: pageOf(DelegationDto) },
      },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.listDelegations(req.ctx),
  );
  app.post(
    '/api/workflow/delegations',
    {
      schema: {
        tags,
        summary: '委托同事代理审批',
        body: CreateDelegationBody,
        response: { 201: DelegationDto },
      },
      config: { policy: can('workflow.act') },
    },
    async (req, reply) => reply.code(201).send(await service.createDelegation(req.ctx, req.body)),
  );
  app.post(
    '/api/workflow/delegations/:id/revoke',
    {
      schema: { tags, summary: '撤销代理审批委托', params: IdParams, response: { 200: DelegationDto } },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.revokeDelegation(req.ctx, req.params.id),
  );
  app.get(
    '/api/workflow/delegates',
    {
      schema: {
        tags,
        summary: '可委托的同事（同一单位、同一角色）',
        querystring: DelegateCandidatesQuery,
        response: { 200: pageOf(UserRefDto) },
      },
      config: { policy: can('workflow.act') },
    },
    async (req) => service.delegateCandidates(req.ctx, req.query.q),
  );
};
