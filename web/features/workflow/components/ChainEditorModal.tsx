import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ChainDto, ChainStep, DocType } from '../../../../shared/contracts/workflow';
import { Role } from '../../../../shared/enums';
import { ApiError, errorMessage } from '../../../app/api';
import { useSaveChain } from '../api';
import { APPROVER_ROLES, DOC_TYPE_LABELS } from '../labels';

/** Limits of `SaveChainBody` (shared/contracts/workflow.ts). */
const MAX_STEPS = 8;
const CONFLICT_MESSAGE = '该审批流程已被他人修改，请刷新后重试';

const roleOptions = APPROVER_ROLES.map((value) => ({ value, label: Role.label(value) }));

export interface ChainTarget {
  docType: DocType;
  /** null: the default chain */
  programmeId: string | null;
  programmeName: string | null;
  /** the chain being edited; absent when a programme's own chain (or a missing default) is created */
  chain?: ChainDto;
  /** the steps to start from */
  steps: ChainStep[];
}

type Values = { steps: ChainStep[] };

const blankStep: ChainStep = { role: 'province_office', label: '', deadlineDays: 5, tcmOnly: false };

/** Edit a chain's steps: role, name, days allowed and TCM-only; added, removed and reordered. */
export function ChainEditorModal({ target, onClose }: { target: ChainTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveChain();
  const [error, setError] = useState<string | null>(null);
  const scope = target.programmeName ?? '默认流程';

  const submit = ({ steps }: Values) => {
    setError(null);
    save.mutate(
      {
        docType: target.docType,
        programmeId: target.programmeId,
        steps: steps.map((s) => ({ ...s, label: s.label.trim(), tcmOnly: !!s.tcmOnly })),
        ...(target.chain ? { version: target.chain.version } : {}),
      },
      {
        onSuccess: () => {
          message.success(`已保存审批流程：${DOC_TYPE_LABELS[target.docType]}（${scope}）`);
          onClose();
        },
        onError: (e) =>
          setError(e instanceof ApiError && e.status === 409 ? CONFLICT_MESSAGE : errorMessage(e)),
      },
    );
  };

  return (
    <Modal
      open
      width={760}
      title={`${target.chain ? '编辑' : '配置'}审批流程：${DOC_TYPE_LABELS[target.docType]} · ${scope}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending, 'data-testid': 'chain-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && (
        <Alert
          data-testid="chain-form-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph type="secondary">
        按顺序逐级审批；“仅中医类”环节只在涉及中医类机构时启用。修改只影响此后提交的事项，已在办理中的按原流程办理。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{ steps: target.steps }}
        onFinish={submit}
      >
        <Form.List
          name="steps"
          rules={[
            {
              validator: (_, steps?: ChainStep[]) =>
                steps?.length ? Promise.resolve() : Promise.reject(new Error('至少需要一个审批环节')),
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  data-testid={`chain-step-${index}`}
                  title={`第 ${index + 1} 环节`}
                  extra={
                    <Flex gap={4}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label="上移"
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                      />
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label="下移"
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                      />
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label="删除环节"
                        data-testid={`chain-step-remove-${index}`}
                        disabled={fields.length === 1}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  }
                >
                  <Flex wrap gap={12} align="start">
                    <Form.Item
                      name={[field.name, 'role']}
                      label="审批角色"
                      style={{ width: 210, marginBottom: 0 }}
                      rules={[{ required: true, message: '请选择审批角色' }]}
                    >
                      <Select data-testid={`chain-step-role-${index}`} options={roleOptions} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'label']}
                      label="环节名称"
                      style={{ flex: 1, minWidth: 200, marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: '请填写环节名称' },
                        { max: 40, message: '环节名称最多40个字' },
                      ]}
                    >
                      <Input
                        data-testid={`chain-step-label-${index}`}
                        placeholder="如：县级卫生健康行政部门审核"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'deadlineDays']}
                      label="办理时限（天）"
                      style={{ width: 120, marginBottom: 0 }}
                      rules={[
                        { required: true, message: '请填写办理时限' },
                        { type: 'integer', min: 1, message: '办理时限至少1天' },
                        { type: 'integer', max: 60, message: '办理时限最多60天' },
                      ]}
                    >
                      <InputNumber data-testid={`chain-step-days-${index}`} min={1} max={60} precision={0} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'tcmOnly']}
                      label="仅中医类"
                      valuePropName="checked"
                      style={{ marginBottom: 0 }}
                    >
                      <Switch
                        data-testid={`chain-step-tcm-${index}`}
                        checkedChildren="是"
                        unCheckedChildren="否"
                      />
                    </Form.Item>
                  </Flex>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                data-testid="chain-step-add"
                disabled={fields.length >= MAX_STEPS}
                onClick={() => add({ ...blankStep })}
              >
                {fields.length >= MAX_STEPS ? `审批环节最多${MAX_STEPS}个` : '添加环节'}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
