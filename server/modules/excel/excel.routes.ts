import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AuditExportQuery } from '../../../shared/contracts/audit';
import { IdParams } from '../../../shared/contracts/common';
import { DispatchListQuery } from '../../../shared/contracts/dispatch';
import {
  IMPORT_ENTITIES,
  IMPORT_ENTITY_LABELS,
  ImportJobDto,
  UploadImportQuery,
  XLSX_MIME,
} from '../../../shared/contracts/imports';
import { InstitutionListQuery, RegionListQuery } from '../../../shared/contracts/org';
import { PairingListQuery } from '../../../shared/contracts/pairing';
import { ProgrammeListQuery } from '../../../shared/contracts/programme';
import { StaffListQuery } from '../../../shared/contracts/staff';
import { UserListQuery } from '../../../shared/contracts/users';
import { WorkflowListQuery } from '../../../shared/contracts/workflow';
import type { Permission } from '../../../shared/permissions';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { can, signedIn } from '../../platform/policy';
import { contentDisposition, DEFAULT_XLSX_LIMITS } from '../../platform/xlsx';
import { auditExport } from '../audit/audit.export';
import { dispatchExport } from '../dispatch/dispatch.export';
import { institutionExport } from '../org/org.export';
import { regionExport } from '../org/regions.export';
import { pairingExport } from '../pairing/pairing.export';
import { programmeExport } from '../programme/programme.export';
import { staffExport } from '../staff/staff.export';
import { workflowExport } from '../workflow/workflow.export';
import { type ListExport, renderExport } from './exports';
import * as service from './imports.service';
import { userExport } from './users.export';

const tags = ['Excel 导入导出'];
const MAX_BYTES = DEFAULT_XLSX_LIMITS.maxFileBytes;
const MiB = 1024 * 1024;

const tooLarge = () =>
  new AppError(413, 'FILE_TOO_LARGE', `文件过大（超过 ${MAX_BYTES / MiB} MB），请拆分后分批导入`, {
    maxBytes: MAX_BYTES,
  });

/** An .xlsx (or any file sent as octet-stream) as a Buffer, refused past the size cap before it is all read. */
async function readUpload(req: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_BYTES) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** A file download: attachment with its Chinese name, never sniffed, never cached (S23). */
function sendXlsx(reply: FastifyReply, file: { fileName: string; buffer: Buffer }) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

/** Exports take a list's filters, without its paging. */
const PAGING = { page: true, pageSize: true } as const;

/** Excel 导入导出: templates, imports (dry run, commit, report) and list exports. */
export const excelRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only in this plugin: uploads arrive as the raw file.
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], readUpload);

  for (const entity of IMPORT_ENTITIES) {
    const { permission } = service.IMPORTERS[entity];
    const label = IMPORT_ENTITY_LABELS[entity];
    app.get(
      `/api/import-templates/${entity}`,
      {
        schema: { tags, summary: `下载导入模板：${label}（.xlsx）` },
        config: { policy: can(permission) },
      },
      async (req, reply) => sendXlsx(reply, await service.downloadTemplate(req.ctx, entity)),
    );

    app.post(
      `/api/imports/${entity}`,
      {
        schema: {
          tags,
          summary: `上传导入文件：${label}（请求体为 .xlsx 文件本身；先校验，确认后导入）`,
          querystring: UploadImportQuery,
          response: { 202: ImportJobDto },
        },
        bodyLimit: MAX_BYTES,
        config: { policy: can(permission) },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError(415, 'NOT_A_FILE', '请以 .xlsx 文件作为请求内容上传');
        return reply
          .code(202)
          .send(await service.uploadImport(req.ctx, entity, req.query.fileName, req.body));
      },
    );
  }

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: '导入任务的进度与校验结果（仅本人的）',
        params: IdParams,
        response: { 200: ImportJobDto },
      },
      config: { policy: signedIn() },
    },
    async (req) => service.getImport(req.ctx, req.params.id),
  );

  app.get(
    '/api/imports/:id/report',
    {
      schema: { tags, summary: '下载校验结果（标注了每个问题单元格的 .xlsx）', params: IdParams },
      config: { policy: signedIn() },
    },
    async (req, reply) => sendXlsx(reply, await service.importReport(req.ctx, req.params.id)),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      schema: {
        tags,
        summary: '确认导入（全部成功或全部不导入）',
        params: IdParams,
        response: { 202: ImportJobDto },
      },
      config: { policy: signedIn() },
    },
    async (req, reply) => reply.code(202).send(await service.commitImport(req.ctx, req.params.id)),
  );

  app.post(
    '/api/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消导入（清除已上传的内容）',
        params: IdParams,
        response: { 200: ImportJobDto },
      },
      config: { policy: signedIn() },
    },
    async (req) => service.cancelImport(req.ctx, req.params.id),
  );

  // --- list exports: the list's filters without paging, the caller's scope in the query ------

  const exportRoute = <S extends z.ZodType>(
    url: string,
    summary: string,
    permission: Permission,
    querystring: S,
    build: (ctx: Ctx, q: z.infer<S>) => Promise<ListExport>,
  ) =>
    app.get(
      url,
      { schema: { tags, summary, querystring }, config: { policy: can(permission) } },
      async (req, reply) =>
        sendXlsx(reply, await renderExport(req.ctx, await build(req.ctx, req.query as z.infer<S>))),
    );

  exportRoute(
    '/api/institutions/export',
    '导出机构名录（.xlsx，含科室、地理围栏；与导入模板格式相同）',
    'org.read',
    InstitutionListQuery.omit(PAGING),
    institutionExport,
  );
  exportRoute(
    '/api/pairings/export',
    '导出结对关系（.xlsx；与导入模板格式相同）',
    'pairing.read',
    PairingListQuery.omit(PAGING),
    pairingExport,
  );
  exportRoute(
    '/api/users/export',
    '导出账号列表（.xlsx；个人信息，超过 1000 条须审批）',
    'users.read',
    UserListQuery.omit(PAGING),
    userExport,
  );
  exportRoute(
    '/api/staff/export',
    '导出人员名录（.xlsx；身份证号、手机号脱敏；个人信息，超过 1000 条须审批）',
    'staff.read',
    StaffListQuery.omit(PAGING),
    staffExport,
  );
  exportRoute(
    '/api/dispatches/export',
    '导出派驻人员（.xlsx；与选派列表的可见范围相同；个人信息，超过 1000 条须审批）',
    'dispatch.read',
    DispatchListQuery.omit(PAGING),
    dispatchExport,
  );
  exportRoute(
    '/api/workflow/instances/export',
    '导出审批记录（.xlsx；与审批记录列表的可见范围相同）',
    'workflow.act',
    WorkflowListQuery.omit(PAGING),
    workflowExport,
  );
  exportRoute(
    '/api/programmes/export',
    '导出项目列表（.xlsx，含导出当日生效的政策包版本）',
    'programme.read',
    ProgrammeListQuery.omit(PAGING),
    programmeExport,
  );
  exportRoute(
    '/api/regions/export',
    '导出行政区划（.xlsx，含县域标识及其有效期）',
    'org.read',
    RegionListQuery.omit(PAGING),
    regionExport,
  );
  // Beside the CSV `GET /api/audit/export`, same filters, same audit event.
  exportRoute('/api/audit/export.xlsx', '导出审计日志（.xlsx）', 'audit.read', AuditExportQuery, auditExport);
};
