import type { Grade } from '../src/domain/grades';

/**
 * Every string a voter or a slip shows. zh-CN is the default; zh-TW and en are chosen from
 * `?lang=` (carried in links and form actions, never a cookie) or Accept-Language.
 */
export const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface Strings {
  langName: string;
  site: string;
  grades: Record<Grade, string>;
  /** 弃权: offered on the phone only when the meeting's rule allows it. */
  abstain: string;
  intro: string;
  anonymous: string;
  submit: string;
  sending: string;
  progress: string;
  missingSummary: (n: number) => string;
  missingHere: string;
  invalidChoices: string;
  successTitle: string;
  thanks: string;
  receipt: string;
  receiptMeaning: string;
  keepReceipt: string;
  usedTitle: string;
  usedBody: string;
  notStartedTitle: string;
  notStartedBody: string;
  refresh: string;
  closedTitle: string;
  closedBody: string;
  voidTitle: string;
  voidBody: string;
  unknownTitle: string;
  unknownBody: string;
  enterCode: string;
  entryIntro: string;
  codeLabel: string;
  go: string;
  badCode: string;
  tooManyTitle: string;
  tooManyBody: (seconds: number) => string;
  problemTitle: string;
}

const zhCN: Strings = {
  langName: '简体中文',
  site: '民主测评',
  grades: { very_satisfied: '很满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' },
  abstain: '弃权',
  intro: '请为每个测评对象选择一个等次，全部选好后点“提交”。',
  anonymous: '无记名投票：不用登录，任何人都无法知道您的选择。',
  submit: '提交',
  sending: '正在提交…',
  progress: '已选 {n}/{t}',
  missingSummary: (n) => `还有 ${n} 项没有选择，请补选后再提交：`,
  missingHere: '请为这一项选择一个等次',
  invalidChoices: '选票内容有误，请重新选择后提交。',
  successTitle: '投票成功',
  thanks: '感谢您的参与！您的选票已经记录。',
  receipt: '回执码',
  receiptMeaning:
    '投票结束后，本次测评的公示会列出全部回执码。您在公示中找到这个回执码，就能确认自己的选票已被计入。回执码不包含您的选择，任何人都无法凭它知道您投了什么。',
  keepReceipt: '可以截图或抄下回执码。现在可以关闭本页面了。',
  usedTitle: '此测评码已使用',
  usedBody: '这张测评码已经投过票，不能再用。如果是您本人投的票，下面的回执码说明选票已被记录；如果不是，请告诉监督员。',
  notStartedTitle: '测评还没有开始',
  notStartedBody: '监督员还没有宣布开始投票。请等宣布开始后，点下面的“刷新”。',
  refresh: '刷新',
  closedTitle: '测评已经结束',
  closedBody: '本次测评已经结束投票，不能再投票了。',
  voidTitle: '此测评码已作废',
  voidBody: '这张测评码已被监督员作废，不能投票。请向监督员领取新的测评码。',
  unknownTitle: '没有找到这个测评码',
  unknownBody: '请核对测评码。扫码不成功时，可以手动输入测评条上印的测评码。',
  enterCode: '手动输入测评码',
  entryIntro: '请输入测评条上印的测评码（字母和数字，不分大小写，横线可以不输）。',
  codeLabel: '测评码',
  go: '进入测评',
  badCode: '测评码应为 26 位字母和数字，请核对后重新输入。',
  tooManyTitle: '尝试次数过多',
  tooManyBody: (s) => `为防止猜码，请 ${s} 秒后再试。`,
  problemTitle: '出现问题',
};

const zhTW: Strings = {
  langName: '繁體中文',
  site: '民主測評',
  grades: { very_satisfied: '很滿意', satisfied: '滿意', basically_satisfied: '基本滿意', dissatisfied: '不滿意' },
  abstain: '棄權',
  intro: '請為每個測評對象選擇一個等次，全部選好後點「提交」。',
  anonymous: '無記名投票：不用登入，任何人都無法知道您的選擇。',
  submit: '提交',
  sending: '正在提交…',
  progress: '已選 {n}/{t}',
  missingSummary: (n) => `還有 ${n} 項沒有選擇，請補選後再提交：`,
  missingHere: '請為這一項選擇一個等次',
  invalidChoices: '選票內容有誤，請重新選擇後提交。',
  successTitle: '投票成功',
  thanks: '感謝您的參與！您的選票已經記錄。',
  receipt: '回執碼',
  receiptMeaning:
    '投票結束後，本次測評的公示會列出全部回執碼。您在公示中找到這個回執碼，就能確認自己的選票已被計入。回執碼不包含您的選擇，任何人都無法憑它知道您投了什麼。',
  keepReceipt: '可以截圖或抄下回執碼。現在可以關閉本頁面了。',
  usedTitle: '此測評碼已使用',
  usedBody: '這張測評碼已經投過票，不能再用。如果是您本人投的票，下面的回執碼說明選票已被記錄；如果不是，請告訴監督員。',
  notStartedTitle: '測評還沒有開始',
  notStartedBody: '監督員還沒有宣布開始投票。請等宣布開始後，點下面的「重新整理」。',
  refresh: '重新整理',
  closedTitle: '測評已經結束',
  closedBody: '本次測評已經結束投票，不能再投票了。',
  voidTitle: '此測評碼已作廢',
  voidBody: '這張測評碼已被監督員作廢，不能投票。請向監督員領取新的測評碼。',
  unknownTitle: '沒有找到這個測評碼',
  unknownBody: '請核對測評碼。掃碼不成功時，可以手動輸入測評條上印的測評碼。',
  enterCode: '手動輸入測評碼',
  entryIntro: '請輸入測評條上印的測評碼（字母和數字，不分大小寫，橫線可以不輸）。',
  codeLabel: '測評碼',
  go: '進入測評',
  badCode: '測評碼應為 26 位字母和數字，請核對後重新輸入。',
  tooManyTitle: '嘗試次數過多',
  tooManyBody: (s) => `為防止猜碼，請 ${s} 秒後再試。`,
  problemTitle: '出現問題',
};

const en: Strings = {
  langName: 'English',
  site: 'Evaluation ballot',
  grades: { very_satisfied: 'Very satisfied', satisfied: 'Satisfied', basically_satisfied: 'Fairly satisfied', dissatisfied: 'Dissatisfied' },
  abstain: 'Abstain',
  intro: 'Choose one grade for each subject, then press “Submit”.',
  anonymous: 'Secret ballot: no login, and nobody can tell what you chose.',
  submit: 'Submit',
  sending: 'Sending…',
  progress: '{n} of {t} chosen',
  missingSummary: (n) => `${n} not chosen yet. Please choose, then submit again:`,
  missingHere: 'Please choose a grade here',
  invalidChoices: 'Something was wrong with the ballot. Please choose again and submit.',
  successTitle: 'Vote recorded',
  thanks: 'Thank you for taking part! Your ballot has been recorded.',
  receipt: 'Receipt',
  receiptMeaning:
    'After voting closes, the public notice lists every receipt. Finding this receipt there shows your ballot was counted. The receipt does not contain your choices: nobody can tell from it how you voted.',
  keepReceipt: 'You may take a screenshot or write the receipt down. You can close this page now.',
  usedTitle: 'This code has been used',
  usedBody: 'This code has already voted and cannot vote again. If you voted with it, the receipt below shows your ballot was recorded; if not, tell the supervisor.',
  notStartedTitle: 'Voting has not started',
  notStartedBody: 'The supervisor has not opened voting yet. When it is announced, press “Refresh” below.',
  refresh: 'Refresh',
  closedTitle: 'Voting has closed',
  closedBody: 'Voting for this evaluation has closed; no more votes can be cast.',
  voidTitle: 'This code has been cancelled',
  voidBody: 'The supervisor cancelled this code, so it cannot vote. Please ask the supervisor for a new one.',
  unknownTitle: 'Code not found',
  unknownBody: 'Please check the code. If scanning fails, you can type the code printed on the slip.',
  enterCode: 'Type the code',
  entryIntro: 'Type the code printed on your slip (letters and digits; case and dashes do not matter).',
  codeLabel: 'Code',
  go: 'Continue',
  badCode: 'The code has 26 letters and digits. Please check it and try again.',
  tooManyTitle: 'Too many attempts',
  tooManyBody: (s) => `To stop code guessing, please try again in ${s} seconds.`,
  problemTitle: 'Something went wrong',
};

const STRINGS: Record<Lang, Strings> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export const strings = (lang: Lang): Strings => STRINGS[lang];

/** Matches a language tag to ours: zh-TW/HK/MO and zh-Hant read traditional, other zh simplified. */
function match(tag: string): Lang | null {
  const t = tag.trim().toLowerCase();
  if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant')) return 'zh-TW';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** `?lang=` wins (and is carried on); otherwise the best Accept-Language match; else zh-CN. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): { lang: Lang; explicit: boolean } {
  const asked = (LANGS as readonly string[]).find((l) => l.toLowerCase() === query?.toLowerCase());
  if (asked) return { lang: asked as Lang, explicit: true };
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => p.trim().match(/^q=([\d.]+)$/)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const lang = match(tag);
    if (lang) return { lang, explicit: false };
  }
  return { lang: 'zh-CN', explicit: false };
}

/** The printed sheets speak the supervisors' language only. */
export const PRINT = {
  sheetTitle: (title: string) => `测评码 — ${title}`,
  instruction: '扫码进行民主测评，每张限用一次',
  fallback: (entryUrl: string) => `扫不了码时，打开 ${entryUrl} 输入上面的测评码`,
  paperInstruction: '请在每个测评对象后选一个等次，在方框内打“✓”。也可以扫码用手机投票，二者选一，每张限用一次。',
  subject: '测评对象',
  grade: '测评等次（每行只选一项）',
  screenHint: (n: number, perPage: number) =>
    `共 ${n} 张，每页 ${perPage} 张。请用 A4 纸打印（缩放 100%），沿虚线剪开，洗乱后让每位参会人员随机抽取一张。`,
  screenHintPaper: (n: number) => `共 ${n} 张纸质测评票。请用 A4 纸打印（缩放 100%），沿虚线剪开，发给不用手机的参会人员。`,
};
