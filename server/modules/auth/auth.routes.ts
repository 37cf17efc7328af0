import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginBody, LoginResult, MeDto } from '../../../shared/contracts/auth';
import { requireUser } from '../../platform/context';
import { publicRoute, signedIn } from '../../platform/policy';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../../platform/session-cookie';
import { login, logout, toMe } from './auth.service';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['认证'], summary: '登录', body: LoginBody, response: { 200: LoginResult } },
      // Generous per IP: a whole county office may sit behind one NAT (S26).
      config: { policy: publicRoute(), rateLimit: { max: 100, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, result } = await login(req.ctx, req.body);
      setSessionCookie(reply, req.ctx.config, token);
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
      config: { policy: signedIn() },
    },
    async (req) => toMe(requireUser(req.ctx)),
  );
};
