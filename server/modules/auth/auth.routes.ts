import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  MeDto,
  MfaBody,
  MfaEnrolBody,
  MfaEnrolmentDto,
  PasswordPolicyDto,
} from '../../../shared/contracts/auth';
import { requireUser } from '../../platform/context';
import { publicRoute, signedIn } from '../../platform/policy';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../../platform/session-cookie';
import {
  changePassword,
  completeMfa,
  login,
  logout,
  passwordPolicy,
  startEnrolment,
  toMe,
} from './auth.service';

/** Generous per IP: a whole county office may sit behind one NAT (S26); lockout guards each account. */
const LOGIN_RATE = { max: 100, timeWindow: '1 minute' };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['认证'],
        summary: '登录（第一步：用户名与密码）',
        body: LoginBody,
        response: { 200: LoginResult },
      },
      config: { policy: publicRoute(), rateLimit: LOGIN_RATE },
    },
    async (req, reply) => {
      const { token, result } = await login(req.ctx, req.body);
      if (token) setSessionCookie(reply, req.ctx.config, token);
      return result;
    },
  );

  app.post(
    '/api/auth/mfa/enrol',
    {
      schema: {
        tags: ['认证'],
        summary: '获取动态口令绑定二维码',
        body: MfaEnrolBody,
        response: { 200: MfaEnrolmentDto },
      },
      config: { policy: publicRoute(), rateLimit: LOGIN_RATE },
    },
    async (req) => startEnrolment(req.ctx, req.body.ticket),
  );

  app.post(
    '/api/auth/mfa',
    {
      schema: {
        tags: ['认证'],
        summary: '登录（第二步：动态口令）',
        body: MfaBody,
        response: { 200: LoginResult },
      },
      config: { policy: publicRoute(), rateLimit: LOGIN_RATE },
    },
    async (req, reply) => {
      const { token, result } = await completeMfa(req.ctx, req.body);
      if (token) setSessionCookie(reply, req.ctx.config, token);
      return result;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['认证'], summary: '退出登录' },
      // Public so that an expired session can still be cleared; it only revokes the presented token.
      config: { policy: publicRoute() },
    },
    async (req, reply) => {
      const token = readSessionToken(req, req.ctx.config);
      if (token) await logout(req.ctx, token);
      clearSessionCookie(reply, req.ctx.config);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['认证'], summary: '当前用户、角色与数据范围', response: { 200: MeDto } },
      config: { policy: signedIn({ passwordChange: true }) },
    },
    async (req) => toMe(requireUser(req.ctx)),
  );

  app.get(
    '/api/auth/password-policy',
    {
      schema: { tags: ['认证'], summary: '密码策略', response: { 200: PasswordPolicyDto } },
      config: { policy: publicRoute() },
    },
    async (req) => passwordPolicy(req.ctx),
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags: ['认证'], summary: '修改密码', body: ChangePasswordBody },
      config: { policy: signedIn({ passwordChange: true }), rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      await changePassword(req.ctx, requireUser(req.ctx), req.body);
      return reply.code(204).send();
    },
  );
};
