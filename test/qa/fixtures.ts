/** A small inline Korean locale pack for the QA tests (independent of locales/, synthetic and mild). */
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import type { QaContext } from '../../src/qa/types.js';

export const KO_PACK: LocalePack = {
  tag: 'ko',
  languageName: 'Korean',
  nativeName: '한국어',
  checklist: [],
  equivalents: [
    { id: 'police', category: 'emergency', source: ['110番', '110'], target: '112' },
    { id: 'fire', category: 'emergency', source: ['119番', '119'], target: '119' },
    { id: 'yen', category: 'currency', source: ['円', 'yen'], target: '원', leftovers: ['円', '엔', '엔화', 'yen'] },
    { id: 'tokyo', category: 'admin-division', source: ['東京都'], target: '서울특별시' },
    { id: 'lifeline', category: 'helpline', source: ['いのちの電話', '0120-783-556'], target: '1393' },
  ],
  glossary: [
    { source: 'オレオレ詐欺', target: '보이스피싱' },
    { source: 'scam call', target: '사기 전화' },
    { source: 'LINE', doNotTranslate: true },
  ],
  registers: [
    { id: 'hapsho', name: '합니다체', endings: ['니다', '니까', '십시오'] },
    { id: 'haeyo', name: '해요체', endings: ['요', '죠'] },
    { id: 'banmal', name: '반말', endings: ['어', '아', '야', '지', '니', '냐', '자', '해', '게'] },
  ],
  preferredRegister: { answer: 'haeyo' },
};

export const KO: QaContext = { pack: KO_PACK };
