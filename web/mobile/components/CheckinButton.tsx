import { LoadingOutlined } from '@ant-design/icons';
import { theme } from 'antd';

export type CheckinPhase = 'idle' | 'locating' | 'sending';

const PHASE_TEXT: Record<CheckinPhase, string> = { idle: '打卡', locating: '定位中', sending: '提交中' };

/** The one big round 打卡 button, sized for a thumb. */
export function CheckinButton({
  phase,
  disabled,
  outside,
  onPunch,
}: {
  phase: CheckinPhase;
  disabled: boolean;
  /** no dispatch in force today: every punch will be 外勤 */
  outside: boolean;
  onPunch: () => void;
}) {
  const { token } = theme.useToken();
  const busy = phase !== 'idle';
  const colour = disabled ? token.colorTextDisabled : outside ? token.colorWarning : token.colorPrimary;
  return (
    <button
      type="button"
      data-testid="checkin-button"
      aria-busy={busy}
      disabled={disabled || busy}
      onClick={onPunch}
      style={{
        width: 168,
        height: 168,
        borderRadius: '50%',
        border: 'none',
        cursor: disabled || busy ? 'default' : 'pointer',
        color: '#fff',
        background: colour,
        boxShadow: disabled ? 'none' : `0 8px 24px ${token.colorPrimaryBorder}`,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 6,
        fontSize: 28,
        fontWeight: 600,
        letterSpacing: 4,
        opacity: busy ? 0.85 : 1,
        touchAction: 'manipulation',
      }}
    >
      {busy && <LoadingOutlined style={{ fontSize: 22 }} />}
      {PHASE_TEXT[phase]}
      {!busy && outside && <span style={{ fontSize: 13, letterSpacing: 0, fontWeight: 400 }}>外勤打卡</span>}
    </button>
  );
}
