import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { type FileDto, MAX_ATTACHMENTS } from '../../../../shared/contracts/leave';
import { errorMessage } from '../../../app/api';
import { downloadAttachment, type RequestKind, uploadAttachment } from '../leave-api';

/** Matches the server's cap (MAX_UPLOAD_BYTES in server/platform/files.ts): refused before sending. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/**
 * Attach photos or PDFs to a request: each file is uploaded when chosen (S23: the server
 * checks it by its bytes and answers in Chinese when it refuses), and `onChange` gets the
 * ids of those the server kept.
 */
export function LeaveAttachmentPicker({ onChange }: { onChange(ids: string[]): void }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<FileDto>[]>([]);
  const [error, setError] = useState<string | null>(null);

  const update = (next: UploadFile<FileDto>[]) => {
    setFiles(next);
    onChange(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };

  return (
    <div>
      <Upload<FileDto>
        data-testid="leave-attachments"
        accept={ACCEPT}
        multiple
        fileList={files}
        maxCount={MAX_ATTACHMENTS}
        beforeUpload={(file) => {
          if (file.size > MAX_BYTES) {
            message.error('附件过大（超过 10 MB），请压缩后再上传');
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          setError(null);
          uploadAttachment(file as File).then(
            (stored) => onSuccess?.(stored),
            (e: unknown) => {
              setError(errorMessage(e));
              onError?.(e as Error);
            },
          );
        }}
        onChange={({ fileList }) =>
          // a refused file is not kept in the list: the message says why
          update(fileList.filter((f) => f.status !== 'error'))
        }
      >
        <Button icon={<UploadOutlined />} data-testid="leave-attach">
          添加附件（照片或 PDF）
        </Button>
      </Upload>
      {error && (
        <Typography.Text
          type="danger"
          data-testid="leave-attach-error"
          style={{ display: 'block', marginTop: 4 }}
        >
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/** A request's attachments, each downloaded through the request (never by a bare link). */
export function LeaveAttachmentList({
  kind,
  requestId,
  files,
}: {
  kind: RequestKind;
  requestId: string;
  files: FileDto[];
}) {
  const { message } = App.useApp();
  if (!files.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {files.map((f) => (
        <Button
          key={f.id}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ padding: 0, justifyContent: 'flex-start' }}
          data-testid={`leave-attachment-${f.id}`}
          onClick={() => downloadAttachment(kind, requestId, f).catch((e) => message.error(errorMessage(e)))}
        >
          {f.fileName}
        </Button>
      ))}
    </Flex>
  );
}
