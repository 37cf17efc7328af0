import { Alert, Flex, Tag, Typography } from 'antd';
import type { EligibilityDto } from '../../../../shared/contracts/dispatch';
import { LEVEL_COLORS, LEVEL_LABELS } from '../labels';

/** Whether a judgement has a broken "in principle" rule, which needs a 偏离理由 at submission. */
export const needsJustification = (j: EligibilityDto) => j.violations.some((v) => v.level === 'in_principle');

/** Whether a judgement blocks the dispatch: a conflict, or a broken mandatory rule. */
export const isBlocked = (j: EligibilityDto) =>
  j.conflicts.length > 0 || j.violations.some((v) => v.level === 'mandatory');

/**
 * An eligibility judgement as read by people: conflicts (always blocking) in red, then each
 * broken rule with its id, level and Chinese message; a note when a 偏离理由 will be needed.
 */
export function JudgementView({
  judgement,
  'data-testid': testId = 'dispatch-judgement',
}: {
  judgement: EligibilityDto;
  'data-testid'?: string;
}) {
  const { conflicts, violations, policyVersion } = judgement;
  if (conflicts.length === 0 && violations.length === 0)
    return (
      <Alert
        data-testid={testId}
        type="success"
        showIcon
        title="符合选派规定，未发现冲突"
        description={policyVersion !== null ? `依据政策包第 ${policyVersion} 版判定` : undefined}
      />
    );
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {conflicts.length > 0 && (
        <Alert
          data-testid="dispatch-conflicts"
          type="error"
          showIcon
          title="存在冲突，不能选派"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {conflicts.map((c) => (
                <li key={`${c.code}-${c.message}`} data-testid="dispatch-conflict">
                  {c.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {violations.length > 0 && (
        <Alert
          type={violations.some((v) => v.level === 'mandatory') ? 'error' : 'warning'}
          showIcon
          title="不符合以下规定"
          description={
            <Flex vertical gap={6}>
              {violations.map((v) => (
                <Flex
                  key={`${v.rule}-${v.message}`}
                  gap={6}
                  align="baseline"
                  data-testid="dispatch-violation"
                >
                  <Tag style={{ marginInlineEnd: 0 }}>{v.rule}</Tag>
                  <Tag color={LEVEL_COLORS[v.level]} style={{ marginInlineEnd: 0 }}>
                    {LEVEL_LABELS[v.level]}
                  </Tag>
                  <span>{v.message}</span>
                </Flex>
              ))}
              {needsJustification(judgement) && (
                <Typography.Text type="warning" data-testid="dispatch-needs-justification">
                  偏离“原则上”规定：提交审批时须填写偏离理由，由省对口支援办审批。
                </Typography.Text>
              )}
              {policyVersion !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  依据政策包第 {policyVersion} 版判定
                </Typography.Text>
              )}
            </Flex>
          }
        />
      )}
    </Flex>
  );
}
