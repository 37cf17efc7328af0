import type { Gender } from '../../../shared/enums';
import { parseIdNumber } from '../../../shared/id-number';

const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };

export type IdCheck =
  | { ok: false; error: string }
  | {
      ok: true;
      value: string;
      birthDate: string;
      gender: Gender;
      /** the hint under the field: 出生日期 and 性别 as the number says */
      hint: string;
      /** set when the chosen gender contradicts the number */
      warning: string | null;
    };

/**
 * What the form says about a typed ID number (GB 11643): the Chinese reason it is wrong, or the
 * birth date and gender it encodes and whether the gender chosen agrees.
 */
export function checkIdNumber(raw: string, today: string, chosenGender?: Gender | null): IdCheck {
  const parsed = parseIdNumber(raw, today);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const warning =
    chosenGender && chosenGender !== parsed.gender
      ? `身份证号显示性别为“${GENDER_LABEL[parsed.gender]}”，与所选性别“${GENDER_LABEL[chosenGender]}”不一致，请核对`
      : null;
  return {
    ok: true,
    value: parsed.value,
    birthDate: parsed.birthDate,
    gender: parsed.gender,
    hint: `出生日期 ${parsed.birthDate}，性别 ${GENDER_LABEL[parsed.gender]}`,
    warning,
  };
}
