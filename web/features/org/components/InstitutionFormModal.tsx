import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import type {
  InstitutionDetailDto,
  GEOFENCE_RADIUS as SharedRadius,
  UpdateInstitutionBody,
} from '../../../../shared/contracts/org';
import { checkCreditCode, describeCreditCode, normaliseCreditCode } from '../../../../shared/credit-code';
import {
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
} from '../../../../shared/enums';
import type { Crs, CRS_LABELS as SharedCrsLabels } from '../../../../shared/geo';
import { ApiError, errorMessage } from '../../../app/api';
import { useCreateInstitution, useUpdateInstitution } from '../api';
import { RegionSelect } from './RegionSelect';

// Copies checked against the shared values by type: importing those would pull gcoord and Zod into the bundle.
export const CRS_LABELS: typeof SharedCrsLabels = {
  wgs84: 'WGS-84',
  gcj02: 'GCJ-02（高德、腾讯、钉钉、微信）',
  bd09: 'BD-09（百度）',
};
const RADIUS: typeof SharedRadius = { min: 50, max: 5000, default: 500 };

export const CONFLICT_MESSAGE = '该机构已被他人修改，请刷新后重试';

/** 县医院 departments offered in one click; the first six are usually 重点科室. */
const COMMON_DEPARTMENTS: readonly [string, boolean][] = [
  ['内科', true],
  ['外科', true],
  ['妇产科', true],
  ['儿科', true],
  ['急诊科', true],
  ['麻醉科', true],
  ['重症医学科', false],
  ['检验科', false],
  ['放射科', false],
  ['超声科', false],
  ['中医科', false],
];

type Department = { id?: string; name: string; isMain?: boolean };
type Fence = { id?: string; name: string; crs: Crs; lat: number; lng: number; radiusM: number };
type Values = {
  name: string;
  creditCode?: string;
  category: InstitutionCategory;
  tier: InstitutionTier;
  grade: InstitutionGrade;
  role: InstitutionRole;
  regionCode: string;
  address?: string;
  departments: Department[];
  geofences: Fence[];
};

const optionsOf = <T extends string>(e: { values: readonly T[]; label: (v: T) => string }) =>
  e.values.map((value) => ({ value, label: e.label(value) }));
const crsOptions = (Object.keys(CRS_LABELS) as Crs[]).map((value) => ({ value, label: CRS_LABELS[value] }));

/**
 * A point copied from a map's "复制坐标" is `经度,纬度` (高德, 百度 拾取坐标系统). In China the
 * longitude (73–135) is always the larger number, so the order can be told either way.
 */
export function parsePastedPoint(text: string): { lat: number; lng: number } | null {
  const numbers = text.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (numbers.length !== 2) return null;
  const [a, b] = numbers as [number, number];
  const [lng, lat] = a > b ? [a, b] : [b, a];
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}

function toBody(values: Values, editing: boolean): Omit<UpdateInstitutionBody, 'version'> {
  const code = values.creditCode ? normaliseCreditCode(values.creditCode) : '';
  return {
    name: values.name.trim(),
    creditCode: code || null,
    category: values.category,
    tier: values.tier,
    grade: values.grade,
    role: values.role,
    regionCode: values.regionCode,
    address: values.address?.trim() || null,
    departments: (values.departments ?? []).map((d) => ({
      ...(editing && d.id ? { id: d.id } : {}),
      name: d.name.trim(),
      isMain: !!d.isMain,
    })),
    geofences: (values.geofences ?? []).map((f) => ({
      ...(editing && f.id ? { id: f.id } : {}),
      name: f.name.trim(),
      crs: f.crs,
      lat: f.lat,
      lng: f.lng,
      radiusM: f.radiusM,
    })),
  };
}

/** Create an institution (`institution` absent) or edit one, with its departments and geofences. */
export function InstitutionFormModal({
  institution,
  onClose,
  onSaved,
}: {
  institution?: InstitutionDetailDto;
  onClose: () => void;
  onSaved?: (saved: InstitutionDetailDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateInstitution();
  const update = useUpdateInstitution();
  const saving = create.isPending || update.isPending;
  const [error, setError] = useState<string | null>(null);
  const creditCode = Form.useWatch('creditCode', form);
  const codeCheck = creditCode?.trim() ? checkCreditCode(creditCode) : null;

  const save = async (values: Values) => {
    setError(null);
    try {
      const saved = institution
        ? await update.mutateAsync({
            id: institution.id,
            body: { ...toBody(values, true), version: institution.version },
          })
        : await create.mutateAsync(toBody(values, false));
      message.success(institution ? `已保存 ${saved.name}` : `已新建 ${saved.name}`);
      onClose();
      onSaved?.(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'CONFLICT') {
        message.warning(CONFLICT_MESSAGE);
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };

  const addCommonDepartments = () => {
    const current: Department[] = form.getFieldValue('departments') ?? [];
    const have = new Set(current.map((d) => d.name?.trim()));
    form.setFieldValue('departments', [
      ...current,
      ...COMMON_DEPARTMENTS.filter(([name]) => !have.has(name)).map(([name, isMain]) => ({ name, isMain })),
    ]);
  };

  return (
    <Modal
      open
      title={institution ? `编辑机构：${institution.name}` : '新建机构'}
      width={920}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            data-testid="institution-form-submit"
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
          >
            {institution ? '保存' : '创建'}
          </Button>
        </Flex>
      }
    >
      {error && (
        <Alert
          data-testid="institution-form-error"
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
        initialValues={
          institution
            ? {
                ...institution,
                creditCode: institution.creditCode ?? undefined,
                address: institution.address ?? undefined,
              }
            : { grade: 'none', departments: [], geofences: [] }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label="机构名称"
              rules={[
                { required: true, whitespace: true, message: '请输入机构名称' },
                { min: 2, message: '机构名称至少2个字' },
                { max: 100, message: '机构名称最多100个字' },
              ]}
            >
              <Input data-testid="institution-name" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="creditCode"
              label="统一社会信用代码"
              extra={
                codeCheck?.ok ? describeCreditCode(codeCheck.code) : '18位，按 GB 32100 校验；暂无可不填'
              }
              rules={[
                {
                  validator: (_, value?: string) => {
                    if (!value?.trim()) return Promise.resolve();
                    const result = checkCreditCode(value);
                    return result.ok ? Promise.resolve() : Promise.reject(new Error(result.reason));
                  },
                },
              ]}
            >
              <Input data-testid="institution-credit-code" autoComplete="off" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select data-testid="institution-category" options={optionsOf(InstitutionCategory)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="tier" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
              <Select data-testid="institution-tier" options={optionsOf(InstitutionTier)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="grade" label="等级" rules={[{ required: true, message: '请选择等级' }]}>
              <Select data-testid="institution-grade" options={optionsOf(InstitutionGrade)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select data-testid="institution-role" options={optionsOf(InstitutionRole)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="regionCode"
              label="所在地区"
              extra="省级及中央在川机构选“四川省”，市(州)级机构选市(州)"
              rules={[{ required: true, message: '请选择所在地区' }]}
            >
              <RegionSelect data-testid="institution-region" valueName={institution?.regionName} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址最多200个字' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">科室</Divider>
        <Form.List name="departments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              <Row gutter={[16, 8]}>
                {fields.map((field, i) => (
                  <Col key={field.key} xs={24} md={12}>
                    <Flex gap={8} align="start">
                      <Form.Item
                        name={[field.name, 'name']}
                        style={{ flex: 1, marginBottom: 0 }}
                        rules={[
                          { required: true, whitespace: true, message: '请输入科室名称' },
                          { max: 50, message: '科室名称最多50个字' },
                          {
                            validator: (_, value?: string) => {
                              const all: Department[] = form.getFieldValue('departments') ?? [];
                              const dup = all.some(
                                (d, j) => j !== i && d?.name?.trim() && d.name.trim() === value?.trim(),
                              );
                              return dup ? Promise.reject(new Error('科室名称重复')) : Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <Input placeholder="科室名称" data-testid={`department-name-${i}`} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'isMain']}
                        valuePropName="checked"
                        style={{ marginBottom: 0 }}
                      >
                        <Checkbox data-testid={`department-main-${i}`}>重点科室</Checkbox>
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label="删除科室"
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  </Col>
                ))}
              </Row>
              <Flex gap={8}>
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', isMain: false })}>
                  添加科室
                </Button>
                <Button onClick={addCommonDepartments}>添加县医院常用科室</Button>
              </Flex>
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start">地理围栏（考勤打卡范围）</Divider>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="请选对坐标系：从高德、腾讯地图或钉钉、微信复制的坐标是 GCJ-02，从百度地图复制的是 BD-09，GPS 设备记录的是 WGS-84。选错会偏差数百米；系统按所选坐标系换算为 WGS-84 后比对打卡位置。"
        />
        <Form.List name="geofences">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <div
                  key={field.key}
                  style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, padding: '12px 12px 0' }}
                >
                  <Row gutter={12}>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label="名称"
                        rules={[{ required: true, whitespace: true, message: '请输入围栏名称' }]}
                      >
                        <Input placeholder="如 本部、新院区" data-testid={`fence-name-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[field.name, 'crs']}
                        label="坐标系"
                        rules={[{ required: true, message: '请选择坐标系' }]}
                      >
                        <Select data-testid="fence-crs" options={crsOptions} placeholder="请选择坐标来源" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label="粘贴坐标" tooltip="粘贴地图上复制的“经度,纬度”，自动填入下面两栏">
                        <Input
                          placeholder="如 102.8455,28.0105"
                          onChange={(e) => {
                            const point = parsePastedPoint(e.target.value);
                            if (point) {
                              form.setFieldValue(['geofences', field.name, 'lat'], point.lat);
                              form.setFieldValue(['geofences', field.name, 'lng'], point.lng);
                            }
                          }}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item
                        name={[field.name, 'lat']}
                        label="纬度"
                        rules={[
                          { required: true, message: '请输入纬度' },
                          { type: 'number', min: -90, max: 90, message: '纬度应在 -90 至 90 之间' },
                        ]}
                      >
                        <InputNumber data-testid="fence-lat" style={{ width: '100%' }} step={0.0001} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item
                        name={[field.name, 'lng']}
                        label="经度"
                        rules={[
                          { required: true, message: '请输入经度' },
                          { type: 'number', min: -180, max: 180, message: '经度应在 -180 至 180 之间' },
                        ]}
                      >
                        <InputNumber data-testid="fence-lng" style={{ width: '100%' }} step={0.0001} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={6}>
                      <Form.Item
                        name={[field.name, 'radiusM']}
                        label="半径（米）"
                        rules={[
                          { required: true, message: '请输入半径' },
                          {
                            type: 'number',
                            min: RADIUS.min,
                            max: RADIUS.max,
                            message: `半径应在 ${RADIUS.min} 至 ${RADIUS.max} 米之间`,
                          },
                        ]}
                      >
                        <InputNumber
                          data-testid="fence-radius"
                          style={{ width: '100%' }}
                          precision={0}
                          step={50}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item label=" ">
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label="删除围栏"
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              <div>
                <Button
                  data-testid="fence-add"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ name: fields.length ? '' : '院区', crs: undefined, radiusM: RADIUS.default })
                  }
                >
                  添加围栏
                </Button>
                <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                  一个机构可有多个院区，各设一个围栏
                </Typography.Text>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
