import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Flex, Row, Statistic, Typography } from 'antd';
import type { MeDto, ScopeNodeDto } from '../../../../shared/contracts/auth';
import type { CountyFlag, InstitutionRole } from '../../../../shared/enums';
import { can, useCurrentUser } from '../../../app/auth';
import { PROVINCE_CODE } from '../../../app/brand';
import { ScopeList } from '../../../app/components/ScopeList';
import { todayInShanghai } from '../../../app/format';
import { institutionsQuery, regionsQuery } from '../../org/api';
import { flagInForce } from '../../org/components/CountyFlagTags';
import { TodoCard } from '../../workflow/components/TodoCard';

export default function HomePage() {
  const me = useCurrentUser();
  const { user, scope } = me;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{user.displayName}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'role', label: '角色', children: user.roleLabel },
            { key: 'institution', label: '所在机构', children: user.institutionName ?? '—' },
          ]}
        />
      </Card>
      <TodoCard />
      {can(me, 'org.read') && <OrgStatistics me={me} />}
      <Card title="数据范围">
        <ScopeList scope={scope} />
      </Card>
    </Flex>
  );
}

function InstitutionCount({ title, institutionRole }: { title: string; institutionRole?: InstitutionRole }) {
  // pageSize 1: only `total` is wanted, counted by the server within the user's scope.
  const { data, isPending, isError } = useQuery(
    institutionsQuery({ role: institutionRole, page: 1, pageSize: 1 }),
  );
  return <Statistic title={title} loading={isPending && !isError} value={isError ? '—' : data?.total} />;
}

function OrgStatistics({ me }: { me: MeDto }) {
  const prefixes = regionPrefixes(me.scope);
  return (
    <Card title="机构概况" extra={<Typography.Text type="secondary">按您的数据范围统计</Typography.Text>}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <InstitutionCount title="机构总数" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <InstitutionCount title="支援机构" institutionRole="supporting" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <InstitutionCount title="受援机构" institutionRole="recipient" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <InstitutionCount title="支援兼受援机构" institutionRole="both" />
        </Col>
        {prefixes.length > 0 &&
          CURRENT_FLAGS.map(([flag, title]) => (
            <Col key={flag} xs={12} md={8} xl={4}>
              <CountyFlagCount prefixes={prefixes} flag={flag} title={title} />
            </Col>
          ))}
      </Row>
    </Card>
  );
}

/**
 * Region-code prefixes covering the user's scope (510000 → "51", 513300 → "5133"), without
 * nested ones, so that a county inside a scoped prefecture is not counted twice. Institution-
 * and self-scoped users get none: their scope is not a territory.
 */
function regionPrefixes(scope: ScopeNodeDto[]): string[] {
  const codes = scope.some((n) => n.kind === 'all')
    ? [PROVINCE_CODE]
    : scope.flatMap((n) => (n.kind === 'region' && n.ref ? [n.ref] : []));
  const prefixes = codes.map((code) => code.replace(/(00)+$/, ''));
  return prefixes.filter((p) => !prefixes.some((other) => other !== p && p.startsWith(other)));
}

/** The county categories in force since 2021 (the deep-poverty list ended with 2020). */
const CURRENT_FLAGS: [CountyFlag, string][] = [
  ['lifted_poverty', '脱贫县'],
  ['key_revitalisation', '乡村振兴重点帮扶县'],
];

function CountyFlagCount({ prefixes, flag, title }: { prefixes: string[]; flag: CountyFlag; title: string }) {
  const today = todayInShanghai();
  // `q` also matches the start of a region code: one request lists every region under a prefix.
  const { counties, example, isPending, isError } = useQueries({
    queries: prefixes.map((q) => regionsQuery({ q, page: 1, pageSize: 1000 })),
    combine: (results) => {
      const flagged = results
        .flatMap((r) => r.data?.items ?? [])
        .filter((region) => region.level === 'county')
        .flatMap((region) => region.flags.find((f) => f.flag === flag && flagInForce(f, today)) ?? []);
      return {
        counties: flagged.length,
        example: flagged.some((f) => f.example),
        isPending: results.some((r) => r.isPending),
        isError: results.some((r) => r.isError),
      };
    },
  });
  return (
    <Statistic
      title={example ? `${title}（示例）` : title}
      loading={isPending && !isError}
      value={isError ? '—' : counties}
    />
  );
}
