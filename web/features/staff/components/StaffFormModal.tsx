import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CreateStaffBody, StaffDto, UpdateStaffBody } from '../../../../shared/contracts/staff';
import { Gender, PostType, StaffSide, TitleSeries } from '../../../../shared/enums';
import type { Title } from '../../../../shared/policy/schema';
import { ApiError, errorMessage } from '../../../app/api';
import { InstitutionPicker } from '../../../app/components/InstitutionPicker';
import { todayInShanghai } from '../../../app/format';
import { useInstitution } from '../../org/api';
import { useCreateStaff, useUpdateStaff } from '../api';
import { checkIdNumber } from '../id-check';
import { CONFLICT_MESSAGE, INSTITUTION_ROLES_OF, optionsOf, titleOptions } from '../labels';

type Values = {
  side: StaffSide;
  name: string;
  gender?: Gender;
  idNumber?: string;
  phone?: string;
  institutionId?: string;
  department?: string;
  specialty?: string;
  title?: Title;
  titleSeries?: TitleSeries;
  postType?: PostType;
  workStartedOn?: Dayjs | null;
  qualificationType?: string;
  qualificationNumber?: string;
  backbone?: boolean;
};

const NAME_PATTERN = /^[\p{L}\p{M}·•．.\s-]+$/u;
const QUALIFICATION_TYPES = ['医师执业证书', '护士执业证书', '药师执业证书', '乡村医生执业证书'].map(
  (value) => ({
    value,
  }),
);

const text = (v?: string) => v?.trim() || null;

/** The fields both bodies share; the ID number and phone only when typed (on edit they are masked). */
function fieldsOf(values: Values) {
  return {
    name: values.name.trim(),
    gender: values.gender as Gender,
    institutionId: values.institutionId as string,
    department: text(values.department),
    specialty: text(values.specialty),
    title: values.title as Title,
    titleSeries: values.titleSeries ?? null,
    postType: values.postType as PostType,
    workStartedOn: values.workStartedOn ? values.workStartedOn.format('YYYY-MM-DD') : null,
    qualificationType: text(values.qualificationType),
    qualificationNumber: text(values.qualificationNumber),
    // 业务骨干 is for recipient staff only (the table's check says so too).
    backbone: values.side === 'recipient' && !!values.backbone,
  };
}

/** A version conflict, not a duplicate ID number or phone (both 409 CONFLICT). */
const isVersionConflict = (e: unknown) =>
  e instanceof ApiError && e.status === 409 && !/身份证|手机/.test(e.message);

/** Add a person (`staff` absent) or edit one: ID number checked by GB 11643 as it is typed. */
export function StaffFormModal({
  staff,
  onClose,
  onSaved,
}: {
  staff?: StaffDto;
  onClose: () => void;
  onSaved?: (saved: StaffDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const saving = create.isPending || update.isPending;
  const [error, setError] = useState<string | null>(null);
  const side = Form.useWatch('side', form) ?? staff?.side ?? 'support';
  const institutionId = Form.useWatch('institutionId', form);
  const gender = Form.useWatch('gender', form);
  const idNumber = Form.useWatch('idNumber', form);
  const today = todayInShanghai();
  const idCheck = idNumber?.trim() ? checkIdNumber(idNumber, today, gender) : null;
  const institution = useInstitution(institutionId ?? null);
  const departments = (institution.data?.departments ?? []).map((d) => ({ value: d.name }));

  const onValuesChange = (changed: Partial<Values>) => {
    if ('side' in changed) form.setFieldsValue({ institutionId: undefined, backbone: false });
    // The number says the gender: fill it in when none is chosen yet.
    if ('idNumber' in changed && changed.idNumber && !form.getFieldValue('gender')) {
      const check = checkIdNumber(changed.idNumber, today);
      if (check.ok) form.setFieldValue('gender', check.gender);
    }
  };

  const save = async (values: Values) => {
    setError(null);
    const idTyped = values.idNumber?.trim().toUpperCase();
    const phoneTyped = values.phone?.trim();
    try {
      let saved: StaffDto;
      if (staff) {
        const body: UpdateStaffBody = {
          ...fieldsOf(values),
          ...(idTyped ? { idNumber: idTyped } : {}),
          ...(phoneTyped ? { phone: phoneTyped } : {}),
          version: staff.version,
        };
        saved = await update.mutateAsync({ id: staff.id, body });
      } else {
        const body: CreateStaffBody = {
          side: values.side,
          ...fieldsOf(values),
          idNumber: idTyped as string,
          phone: phoneTyped || null,
        };
        saved = await create.mutateAsync(body);
      }
      message.success(staff ? `已保存 ${saved.name}` : `已添加 ${saved.name}`);
      onClose();
      onSaved?.(saved);
    } catch (e) {
      if (staff && isVersionConflict(e)) {
        message.warning(`该人员信息${CONFLICT_MESSAGE}`);
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={staff ? `编辑人员：${staff.name}` : '新增人员'}
      width={860}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            data-testid="staff-form-submit"
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
          >
            {staff ? '保存' : '添加'}
          </Button>
        </Flex>
      }
    >
      {error && (
        <Alert
          data-testid="staff-form-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        onFinish={save}
        onValuesChange={onValuesChange}
        initialValues={
          staff
            ? {
                side: staff.side,
                name: staff.name,
                gender: staff.gender,
                institutionId: staff.institution.id,
                department: staff.department ?? undefined,
                specialty: staff.specialty ?? undefined,
                title: staff.title,
                titleSeries: staff.titleSeries ?? undefined,
                postType: staff.postType,
                workStartedOn: staff.workStartedOn ? dayjs(staff.workStartedOn) : null,
                qualificationType: staff.qualificationType ?? undefined,
                qualificationNumber: staff.qualificationNumber ?? undefined,
                backbone: staff.backbone,
              }
            : { side: 'support', postType: 'professional', backbone: false }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="side" label="人员类别" rules={[{ required: true, message: '请选择人员类别' }]}>
              {/* An existing person's side never changes (S08): a new record is made instead. */}
              <Radio.Group data-testid="staff-form-side" disabled={!!staff} options={optionsOf(StaffSide)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="institutionId"
              label="工作单位"
              rules={[{ required: true, message: '请选择工作单位' }]}
              extra={side === 'support' ? '支援机构或支援兼受援机构' : '受援机构或支援兼受援机构'}
            >
              <InstitutionPicker
                data-testid="staff-form-institution"
                roles={side ? INSTITUTION_ROLES_OF[side] : undefined}
                valueName={staff?.institution.name}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label="姓名"
              extra="少数民族姓名可含间隔号“·”，如 阿说·木呷"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 100, message: '姓名最多100个字' },
                { pattern: NAME_PATTERN, message: '姓名只能包含文字、间隔号“·”和空格' },
              ]}
            >
              <Input data-testid="staff-form-name" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="idNumber"
              label="身份证号"
              required={!staff}
              validateStatus={idCheck?.ok && idCheck.warning ? 'warning' : undefined}
              help={idCheck?.ok ? (idCheck.warning ?? undefined) : undefined}
              extra={
                idCheck?.ok ? (
                  <span data-testid="staff-form-id-hint">{idCheck.hint}</span>
                ) : staff ? (
                  '留空则不修改；如需更正，请填写完整的18位身份证号'
                ) : (
                  '18位，最后一位可以是X；出生日期和性别将据此核对'
                )
              }
              rules={[
                {
                  validator: (_, value?: string) => {
                    if (!value?.trim())
                      return staff ? Promise.resolve() : Promise.reject(new Error('请填写身份证号'));
                    const check = checkIdNumber(value, today);
                    return check.ok ? Promise.resolve() : Promise.reject(new Error(check.error));
                  },
                },
              ]}
            >
              <Input
                data-testid="staff-form-id-number"
                autoComplete="off"
                maxLength={18}
                placeholder={staff ? staff.idNumber : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
              <Select data-testid="staff-form-gender" options={optionsOf(Gender)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="出生日期">
              <Typography.Text data-testid="staff-form-birth-date" type="secondary">
                {idCheck?.ok ? idCheck.birthDate : (staff?.birthDate ?? '由身份证号得出')}
              </Typography.Text>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label="手机号"
              extra={staff?.phone ? '留空则不修改' : undefined}
              rules={[{ pattern: /^1\d{10}$/, message: '手机号应为11位数字' }]}
            >
              <Input
                data-testid="staff-form-phone"
                autoComplete="off"
                maxLength={11}
                placeholder={staff?.phone ?? undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="department" label="科室" rules={[{ max: 50, message: '最多50个字' }]}>
              <AutoComplete
                data-testid="staff-form-department"
                options={departments}
                filterOption={(input, option) => !!option?.value.includes(input)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="specialty" label="专业" rules={[{ max: 50, message: '最多50个字' }]}>
              <Input data-testid="staff-form-specialty" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="title"
              label="职称"
              extra="参公管理人员可选“无职称”"
              rules={[{ required: true, message: '请选择职称' }]}
            >
              <Select data-testid="staff-form-title" options={titleOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="titleSeries" label="职称系列">
              <Select data-testid="staff-form-title-series" allowClear options={optionsOf(TitleSeries)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="postType"
              label="岗位类型"
              rules={[{ required: true, message: '请选择岗位类型' }]}
            >
              <Select data-testid="staff-form-post-type" options={optionsOf(PostType)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="workStartedOn" label="参加工作日期" extra="工龄据此计算">
              <DatePicker
                data-testid="staff-form-work-started"
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="qualificationType"
              label="执业证书类型"
              rules={[{ max: 50, message: '最多50个字' }]}
            >
              <AutoComplete data-testid="staff-form-qualification-type" options={QUALIFICATION_TYPES} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="qualificationNumber"
              label="执业证书编号"
              rules={[{ max: 50, message: '最多50个字' }]}
            >
              <Input data-testid="staff-form-qualification-number" autoComplete="off" />
            </Form.Item>
          </Col>
          {side === 'recipient' && (
            <Col xs={24}>
              <Form.Item name="backbone" label="业务骨干" valuePropName="checked">
                <Switch data-testid="staff-form-backbone" checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
