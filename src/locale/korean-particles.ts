/**
 * Korean particles and copulas that attach directly to a noun. A Hangul term
 * followed by one of these (or by no Hangul at all) is the whole word:
 * "엔으로" contains the word "엔", "엔진" does not.
 */
export const KOREAN_PARTICLES = [
  '에서',
  '에게',
  '한테',
  '으로',
  '로',
  '까지',
  '부터',
  '처럼',
  '보다',
  '이라고',
  '라고',
  '이나',
  '이다',
  '입니다',
  '이에요',
  '예요',
  '이고',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '나',
  '께',
] as const;
