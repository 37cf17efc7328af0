import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  CreateUserBody,
  OneTimePasswordDto,
  UpdateUserBody,
  UserDto,
  UserListQuery,
} from '../../../shared/contracts/users';
import { RegionLevel } from '../../../shared/enums';
import { can } from '../../platform/policy';
import * as service from './users.service';

const tags = ['系统管理'];
const LookupQuery = z.object({
  q: z.string().trim().max(50).optional(),
  parentCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
});

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      schema: { tags, summary: '账号列表', querystring: UserListQuery, response: { 200: pageOf(UserDto) } },
      config: { policy: can('users.read') },
    },
    async (req) => service.listUsers(req.ctx, req.query),
  );
  app.post(
    '/api/users',
    {
      schema: { tags, summary: '新建账号', body: CreateUserBody, response: { 201: OneTimePasswordDto } },
      config: { policy: can('users.manage') },
    },
    async (req, reply) => reply.code(201).send(await service.createUser(req.ctx, req.body)),
  );
  app.put(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改账号（角色、机构、数据范围）',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserDto },
      },
      config: { policy: can('users.manage') },
    },
    async (req) => service.updateUser(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      schema: { tags, summary: '重置密码', params: IdParams, response: { 200: OneTimePasswordDto } },
      config: { policy: can('users.manage') },
    },
    async (req) => service.resetPassword(req.ctx, req.params.id),
  );
  app.post(
    '/api/users/:id/disable',
    {
      schema: { tags, summary: '停用账号', params: IdParams, response: { 200: UserDto } },
      config: { policy: can('users.manage') },
    },
    async (req) => service.setStatus(req.ctx, req.params.id, 'disabled'),
  );
  app.post(
    '/api/users/:id/enable',
    {
      schema: { tags, summary: '启用账号', params: IdParams, response: { 200: UserDto } },
      config: { policy: can('users.manage') },
    },
    async (req) => service.setStatus(req.ctx, req.params.id, 'active'),
  );
  app.post(
    '/api/users/:id/unlock',
    {
      schema: { tags, summary: '解锁账号', params: IdParams, response: { 200: UserDto } },
      config: { policy: can('security.manage') },
    },
    async (req) => service.unlockUser(req.ctx, req.params.id),
  );
  app.post(
    '/api/users/:id/reset-mfa',
    {
      schema: { tags, summary: '重置动态口令', params: IdParams, response: { 200: UserDto } },
      config: { policy: can('security.manage') },
    },
    async (req) => service.resetMfa(req.ctx, req.params.id),
  );
  app.get(
    '/api/users/lookup/institutions',
    {
      schema: {
        tags,
        summary: '选择机构',
        querystring: LookupQuery.pick({ q: true }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), name: z.string(), regionName: z.string() })),
          }),
        },
      },
      config: { policy: can('users.manage') },
    },
    async (req) => ({ items: await service.lookupInstitutions(req.ctx, req.query.q) }),
  );
  app.get(
    '/api/users/lookup/regions',
    {
      schema: {
        tags,
        summary: '选择行政区划',
        querystring: LookupQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({ code: z.string(), name: z.string(), level: z.enum(RegionLevel.values) }),
            ),
          }),
        },
      },
      config: { policy: can('users.manage') },
    },
    async (req) => ({ items: await service.lookupRegions(req.ctx, req.query.q, req.query.parentCode) }),
  );
};
