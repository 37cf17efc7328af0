import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Progress, Result, Steps, Typography, Upload } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type {
  ImportEntity,
  ImportJobDto,
  ImportStatus,
  IMPORT_ENTITY_LABELS as SharedEntityLabels,
  XLSX_MIME as SharedXlsxMime,
} from '../../../shared/contracts/imports';
import { ApiError, api, errorMessage } from '../api';
import { downloadFile } from '../download';
import { type Upload as Sending, UPLOAD_CANCELLED, uploadFile } from '../upload';
import { ImportIssueTable, ImportSummaryList, summaryLine } from './ImportResult';

// Copies checked against the contract by type: the values would pull Zod into the bundle.
const ENTITY_LABELS: typeof SharedEntityLabels = {
  institutions: '机构（含科室、地理围栏）',
  pairings: '结对关系',
  staff: '人员',
  bonds: '服务年限约定',
};
const XLSX_MIME: typeof SharedXlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The server refuses larger files (its DEFAULT_XLSX_LIMITS.maxFileBytes); say so before uploading. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const POLL_MS = 600;

/** What the user needs to know about each entity's file, besides the template's own 填写说明. */
const ENTITY_NOTES: Record<ImportEntity, string[]> = {
  institutions: [
    '已有机构按统一社会信用代码匹配（未填写时按机构名称），匹配到的将被更新，其余新增。',
    '科室、地理围栏按“机构名称 + 科室/围栏名称”新增或更新，不会删除已有的科室和围栏。',
  ],
  pairings: ['不符合结对规定的结对关系须在“例外理由”列填写理由，导入后按例外进入审批。'],
  staff: [
    '只新增人员：身份证号已登记的人员请在人员页面修改。',
    '身份证号、手机号请以文本格式填写；导入后加密保存，页面只显示部分号码。',
  ],
  bonds: [
    '受援人员须已在人员名册中登记；人员名册中没有的人员请先登记或导入。',
    '约定期满日期由系统按所属项目的政策规定计算，无需填写。',
  ],
};

const BUSY: ReadonlySet<ImportStatus> = new Set(['checking', 'committing']);
/** The job still holds the uploaded cells on the server (S20: cancelling clears them). */
const HOLDS_CELLS: ReadonlySet<ImportStatus> = new Set(['ready', 'invalid']);

const jobKey = (id: string | null) => ['imports', id] as const;

function useImportJob(id: string | null) {
  return useQuery({
    queryKey: jobKey(id),
    queryFn: () => api.get<ImportJobDto>(`/api/imports/${id}`),
    enabled: !!id,
    staleTime: 0,
    // Poll while the server checks or writes the rows in the background.
    refetchInterval: (query) => (query.state.data && BUSY.has(query.state.data.status) ? POLL_MS : false),
  });
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a chosen file is refused before it is sent, or null when it may be uploaded. */
function refuseFile(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) return '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 格式后再上传';
  if (!name.endsWith('.xlsx')) return '请上传 .xlsx 格式的 Excel 文件';
  if (file.size > MAX_FILE_BYTES)
    return `文件过大（${formatFileSize(file.size)}），不能超过 20 MB，请拆分后分批导入`;
  return null;
}

function RowProgress({ testId, label, job }: { testId: string; label: string; job: ImportJobDto }) {
  const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;
  return (
    <div data-testid={testId}>
      <Typography.Text>
        {label} 已处理 {job.processedRows} / 共 {job.totalRows} 行
      </Typography.Text>
      <Progress percent={percent} status="active" />
    </div>
  );
}

type Props = {
  entity: ImportEntity;
  /** the queries an import changes (lists, details), refreshed once it is committed */
  invalidates: readonly QueryKey[];
  onClose: () => void;
};

/**
 * 批量导入: download the template → upload (with progress) → the server's dry run (every bad cell,
 * or what the import will do) → confirm → done. Nothing is saved unless the whole file is valid (S27).
 */
export function ImportWizard({ entity, invalidates, onClose }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [showUpload, setShowUpload] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [sending, setSending] = useState<{ name: string; size: number; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [fetching, setFetching] = useState<'template' | 'report' | null>(null);
  const upload = useRef<Sending<ImportJobDto> | null>(null);
  const job = useImportJob(jobId);
  const current = jobId ? job.data : undefined;
  const status = current?.status;

  const commit = useMutation({
    mutationFn: (id: string) => api.post<ImportJobDto | undefined>(`/api/imports/${id}/commit`),
    onSuccess: (answer, id) =>
      queryClient.setQueryData<ImportJobDto>(jobKey(id), (old) =>
        answer?.id ? answer : old && { ...old, status: 'committing', processedRows: 0 },
      ),
    // e.g. the job expired meanwhile: show the server's state
    onError: (_, id) => queryClient.invalidateQueries({ queryKey: jobKey(id) }),
  });

  // Refresh the lists once per committed job.
  const refreshed = useRef<string | null>(null);
  useEffect(() => {
    if (status !== 'committed' || !jobId || refreshed.current === jobId) return;
    refreshed.current = jobId;
    for (const queryKey of invalidates) void queryClient.invalidateQueries({ queryKey });
  }, [status, jobId, invalidates, queryClient]);

  /** Drop the current job (cancelling it on the server when it still holds the file's cells). */
  const forgetJob = () => {
    upload.current?.abort();
    if (current && HOLDS_CELLS.has(current.status)) {
      void api.post(`/api/imports/${current.id}/cancel`).catch(() => undefined);
    }
  };

  const close = () => {
    forgetJob();
    onClose();
  };

  const reupload = () => {
    forgetJob();
    commit.reset();
    setJobId(null);
    setUploadError(null);
    setShowUpload(true);
  };

  const fetchFile = async (kind: 'template' | 'report', path: string, fallbackName: string) => {
    setFetching(kind);
    try {
      await downloadFile(path, {}, fallbackName);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setFetching(null);
    }
  };

  const send = (file: File) => {
    const refused = refuseFile(file);
    setUploadError(refused);
    if (refused) return;
    setSending({ name: file.name, size: file.size, fraction: 0 });
    const started = uploadFile<ImportJobDto>(
      `/api/imports/${entity}`,
      { fileName: file.name },
      file,
      XLSX_MIME,
      (fraction) => setSending((s) => s && { ...s, fraction }),
    );
    upload.current = started;
    started.done
      .then((created) => {
        queryClient.setQueryData(jobKey(created.id), created);
        setJobId(created.id);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.code === UPLOAD_CANCELLED)) setUploadError(errorMessage(e));
      })
      .finally(() => {
        if (upload.current === started) upload.current = null;
        setSending(null);
      });
  };

  const step = !current ? (showUpload ? 1 : 0) : status === 'checking' ? 1 : status === 'committed' ? 3 : 2;

  let body: ReactNode;
  let footer: ReactNode;
  if (step === 0) {
    body = (
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          请先下载导入模板，按模板填写后上传。模板第一页“填写说明”列出了每一列的要求。
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          <li>带 * 的列为必填；有下拉列表的列请直接从列表中选择。</li>
          <li>模板第 2 行为示例，导入时忽略，可保留或删除。</li>
          {ENTITY_NOTES[entity].map((note) => (
            <li key={note}>{note}</li>
          ))}
          <li>上传后系统先逐行校验：有任何问题则不导入任何数据；全部无误时，须您确认后才会导入。</li>
        </ul>
        <div>
          <Button
            data-testid="import-template-download"
            icon={<DownloadOutlined />}
            loading={fetching === 'template'}
            onClick={() => fetchFile('template', `/api/import-templates/${entity}`, '导入模板.xlsx')}
          >
            下载导入模板
          </Button>
        </div>
      </Flex>
    );
    footer = (
      <>
        <Button data-testid="import-close" onClick={close}>
          取消
        </Button>
        <Button type="primary" data-testid="import-next" onClick={() => setShowUpload(true)}>
          下一步：上传文件
        </Button>
      </>
    );
  } else if (step === 1) {
    body = (
      <Flex vertical gap={16}>
        {uploadError && <Alert data-testid="import-upload-error" type="error" showIcon title={uploadError} />}
        {current ? (
          <RowProgress testId="import-check-progress" label="正在校验" job={current} />
        ) : sending ? (
          <div data-testid="import-upload-progress">
            <Typography.Text>
              正在上传 {sending.name}（{formatFileSize(sending.size)}）
            </Typography.Text>
            <Progress percent={Math.floor(sending.fraction * 100)} status="active" />
          </div>
        ) : (
          <div data-testid="import-dragger">
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                send(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击选择或将文件拖到此处</p>
              <p className="ant-upload-hint">仅支持 .xlsx 格式，不超过 20 MB</p>
            </Upload.Dragger>
          </div>
        )}
        {job.error && <Alert type="error" showIcon title={errorMessage(job.error)} />}
      </Flex>
    );
    footer = (
      <>
        <Button data-testid="import-close" onClick={close}>
          关闭
        </Button>
        <Button disabled={!!sending || !!current} onClick={() => setShowUpload(false)}>
          上一步
        </Button>
      </>
    );
  } else if (step === 2 && current) {
    ({ body, footer } = resultStep(current));
  } else if (current) {
    const summary = current.summary;
    body = (
      <Result
        data-testid="import-done"
        status="success"
        title={`导入成功：${summary ? summaryLine(summary) : ''}`}
        subTitle={`文件：${current.fileName}`}
        extra={
          summary && (
            <div style={{ textAlign: 'left' }}>
              <ImportSummaryList summary={summary} />
            </div>
          )
        }
      />
    );
    footer = (
      <Button type="primary" data-testid="import-finish" onClick={close}>
        完成
      </Button>
    );
  }

  function resultStep(checked: ImportJobDto): { body: ReactNode; footer: ReactNode } {
    const again = (
      <Button data-testid="import-reupload" onClick={reupload}>
        重新上传
      </Button>
    );
    switch (checked.status) {
      case 'invalid':
        return {
          body: (
            <Flex vertical gap={12}>
              <Alert
                data-testid="import-issue-alert"
                type="error"
                showIcon
                title={`发现 ${checked.issueCount} 处问题，未导入任何数据`}
                description="请按下表（或下载标注错误的文件，问题单元格已标红并附说明）修改后重新上传。"
              />
              {checked.issues.length < checked.issueCount && (
                <Typography.Text type="secondary">
                  下表列出前 {checked.issues.length} 处问题，全部问题见标注错误的文件。
                </Typography.Text>
              )}
              <ImportIssueTable issues={checked.issues} />
            </Flex>
          ),
          footer: (
            <>
              <Button data-testid="import-close" onClick={close}>
                关闭
              </Button>
              <Button
                data-testid="import-report-download"
                icon={<DownloadOutlined />}
                loading={fetching === 'report'}
                onClick={() => fetchFile('report', `/api/imports/${checked.id}/report`, '校验结果.xlsx')}
              >
                下载标注错误的文件
              </Button>
              {again}
            </>
          ),
        };
      case 'ready':
      case 'committing':
        return {
          body: (
            <Flex vertical gap={12}>
              <Alert type="success" showIcon title={`校验通过：共 ${checked.totalRows} 行，未发现问题`} />
              {checked.summary && (
                <div data-testid="import-summary">
                  <Typography.Paragraph strong>将{summaryLine(checked.summary)}：</Typography.Paragraph>
                  <ImportSummaryList summary={checked.summary} />
                </div>
              )}
              {checked.status === 'committing' && (
                <RowProgress testId="import-commit-progress" label="正在导入" job={checked} />
              )}
              {commit.error && <Alert type="error" showIcon title={errorMessage(commit.error)} />}
            </Flex>
          ),
          footer: (
            <>
              <Button data-testid="import-close" onClick={close}>
                关闭
              </Button>
              {checked.status === 'ready' && again}
              <Button
                type="primary"
                data-testid="import-commit"
                disabled={checked.status !== 'ready'}
                loading={commit.isPending || checked.status === 'committing'}
                onClick={() => commit.mutate(checked.id)}
              >
                确认导入
              </Button>
            </>
          ),
        };
      default: {
        // failed, cancelled, expired
        const text =
          checked.status === 'failed'
            ? (checked.error ?? '导入失败，请稍后重试')
            : checked.status === 'expired'
              ? '本次导入已过期（上传后 24 小时内未确认），请重新上传'
              : '本次导入已取消，请重新上传';
        return {
          body: <Alert data-testid="import-error" type="error" showIcon title={text} />,
          footer: (
            <>
              <Button data-testid="import-close" onClick={close}>
                关闭
              </Button>
              {again}
            </>
          ),
        };
      }
    }
  }

  return (
    <Modal
      open
      width={820}
      title={`批量导入${ENTITY_LABELS[entity]}`}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          {footer}
        </Flex>
      }
    >
      <div data-testid="import-wizard">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: '下载模板' }, { title: '上传文件' }, { title: '校验结果' }, { title: '完成' }]}
        />
        {body}
      </div>
    </Modal>
  );
}
