import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEventDto, AuditExportQuery, AuditQuery, AuditVerifyDto } from '../../../shared/contracts/audit';
import { pageOf } from '../../../shared/contracts/common';
import { attachment } from '../../platform/csv';
import { can } from '../../platform/policy';
import { exportAuditEvents, listAuditEvents, verifyAuditTrail } from './audit.service';

/** The audit trail is for the audit admin only (S09, S11). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['安全审计'],
        summary: '审计日志（最新在前）',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEventDto) },
      },
      config: { policy: can('audit.read') },
    },
    async (req) => listAuditEvents(req.ctx, req.query),
  );

  app.get(
    '/api/audit/export',
    {
      schema: { tags: ['安全审计'], summary: '导出审计日志（CSV）', querystring: AuditExportQuery },
      config: { policy: can('audit.read') },
    },
    async (req, reply) => {
      const { filename, fallbackName, csv } = await exportAuditEvents(req.ctx, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(filename, fallbackName))
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: { tags: ['安全审计'], summary: '校验审计日志完整性', response: { 200: AuditVerifyDto } },
      config: { policy: can('audit.read') },
    },
    async (req) => verifyAuditTrail(req.ctx),
  );
};
