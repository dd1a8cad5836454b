/**
 * Itemized sheets as the regulations write them, usable by name: `params.sheet: "<name>"`.
 *
 * `first-secretary-001` is 001 §16 (胶州市“第一书记”工作目标考评): one section per numbered
 * heading, its 基本分 as the section base; what the regulation awards (奖) or deducts (扣) is an
 * item. "记N分，否则扣N分" items are in the base and become a flag that takes the N off;
 * "记N分，否则视情扣1–N分" become a score of 0–N (with the section base lowered by N).
 * `work` (工作目标考评得分) is the sum of all sections; `base` (基本工作目标和执行工作制度及工作纪律得分,
 * the §19 "低于80分不得确定为优秀" figure) is the sum of the sections of (一) and (二).
 */
const basic = [
  {
    key: 'team',
    label: '（一）1.加强队伍建设',
    base: 20,
    items: [
      { key: 'noStudy', label: '未组织学习《暂行办法》', kind: 'flag', points: -5 },
      { key: 'conflict', label: '村班子严重矛盾未及时化解（视情扣1–5分）', kind: 'range', min: 1, max: 5, deduct: true },
      { key: 'noTraining', label: '未组织党性教育集中培训', kind: 'flag', points: -10 },
      { key: 'trips', label: '组织外出考察或致富技能培训次数（每次奖5分）', kind: 'count', each: 5 },
      { key: 'newLeader', label: '为后进村新选任优秀党组织负责人（奖20分）', kind: 'flag', points: 20 },
    ],
  },
  {
    key: 'plan',
    label: '（一）2.理清发展思路',
    base: 15,
    items: [
      { key: 'noPlan', label: '未帮助形成科学发展规划', kind: 'flag', points: -10 },
      { key: 'noYearPlan', label: '未指导制定年度工作计划', kind: 'flag', points: -5 },
    ],
  },
  {
    key: 'rules',
    label: '（一）3.推进制度落实',
    base: 25,
    items: [
      { key: 'violations', label: '违规决策事项或违规发展党员起数（每起扣5分）', kind: 'count', each: -5, cap: 15 },
      { key: 'missedDays', label: '“民主活动日”缺少次数（每缺1次扣1分）', kind: 'count', each: -1, cap: 10 },
      { key: 'annualReview', label: '建立实施党员资格年审制度（奖3分）', kind: 'flag', points: 3 },
      { key: 'creditRating', label: '建立党员信用等级评价体系（奖3分）', kind: 'flag', points: 3 },
    ],
  },
  {
    key: 'venue',
    label: '（一）4.搞好场所建设',
    items: [
      { key: 'equipment', label: '完善场所制度、新配备办公设施（奖6分）', kind: 'flag', points: 6 },
      { key: 'invest', label: '修缮、新建活动场所投入（万元，每1万元奖5分）', kind: 'amount', per: 1, each: 5 },
    ],
  },
  {
    key: 'service',
    label: '（一）5.建立服务机制',
    items: [{ key: 'agency', label: '建立为民服务代理点并发挥作用（奖3分）', kind: 'flag', points: 3 }],
  },
];

const discipline = [
  {
    key: 'research',
    label: '（二）1.蹲点调研',
    base: 4,
    items: [
      { key: 'diary', label: '按规定蹲点调研、记写民情日记（记4分，否则视情扣1–4分）', kind: 'score', max: 4 },
      { key: 'noReport', label: '未提报高质量调研报告', kind: 'flag', points: -4 },
    ],
  },
  {
    key: 'meetings',
    label: '（二）2.工作例会',
    base: 8,
    floor: 0,
    items: [{ key: 'missed', label: '“两委”工作例会缺少次数（每缺1次扣1分）', kind: 'count', each: -1 }],
  },
  {
    key: 'attend',
    label: '（二）3.参加会议',
    base: 8,
    floor: 0,
    items: [{ key: 'missed', label: '应参加会议缺席次数（每缺一次扣2分）', kind: 'count', each: -2 }],
  },
  {
    key: 'talks',
    label: '（二）4.双向约谈',
    items: [
      { key: 'talked', label: '普遍谈心谈话（记5分，否则视情扣1–5分）', kind: 'score', max: 5 },
      { key: 'received', label: '接受党员群众约谈（记3分，否则视情扣1–3分）', kind: 'score', max: 3 },
    ],
  },
  {
    key: 'pairing',
    label: '（二）5.结对帮扶',
    base: 8,
    items: [
      { key: 'missingHouseholds', label: '结对特困家庭缺少户数（缺1户扣3分）', kind: 'count', each: -3, cap: 6 },
      { key: 'noVisit', label: '未入户走访慰问', kind: 'flag', points: -2 },
      { key: 'school', label: '对特困家庭学生爱心助学（奖4分）', kind: 'flag', points: 4 },
      { key: 'jobs', label: '帮助落实就业岗位个数（每个奖5分）', kind: 'count', each: 5 },
      { key: 'projects', label: '帮助落实脱贫致富项目个数（每个奖8分）', kind: 'count', each: 8 },
      { key: 'relief', label: '帮助申请困难救助笔数（每笔奖3分）', kind: 'count', each: 3 },
    ],
  },
  {
    key: 'conduct',
    label: '（二）6.执行纪律',
    items: [
      { key: 'breaches', label: '违反“六严禁”起数（每起扣5分）', kind: 'count', each: -5 },
      { key: 'seriousBreaches', label: '违反“六严禁”情节特别严重的起数（每起扣10分）', kind: 'count', each: -10 },
      { key: 'complaints', label: '工作方式不当被投诉查实起数（每起扣5分）', kind: 'count', each: -5 },
      { key: 'seriousComplaints', label: '被投诉查实且情节特别严重的起数（每起扣10分）', kind: 'count', each: -10 },
    ],
  },
];

const deeds = [
  {
    key: 'deeds',
    label: '（三）为村庄办理实事',
    items: [
      { key: 'funds', label: '争取物资、资金投入（万元，每1万元奖5分）', kind: 'amount', per: 1, each: 5 },
      { key: 'policyFunds', label: '争取政策扶持资金（万元，每1万元奖2分）', kind: 'amount', per: 1, each: 2 },
      { key: 'class1', label: '引进一类发展项目个数（每个40分）', kind: 'count', each: 40 },
      { key: 'class2', label: '引进二类发展项目个数（每个30分）', kind: 'count', each: 30 },
      { key: 'class3', label: '引进三类发展项目个数（每个20分）', kind: 'count', each: 20 },
      { key: 'class4', label: '引进四类发展项目个数（每个10分）', kind: 'count', each: 10 },
      { key: 'bases', label: '建立种植或养殖示范基地处数（每处奖10分）', kind: 'count', each: 10 },
    ],
  },
  {
    key: 'upgrade',
    label: '（四）村党组织晋位升级',
    items: [
      { key: 'up', label: '晋位位数（B、C、D级每晋一位奖10分）', kind: 'count', each: 10 },
      { key: 'down', label: '降位位数（A、B、C级每降一位扣10分）', kind: 'count', each: -10 },
    ],
  },
];

const keysOf = (sections: Array<{ key: string }>) => sections.map((s) => s.key);

export const SHEET_PRESETS: Record<string, Record<string, unknown>> = {
  'first-secretary-001': {
    work: { sections: [...basic, ...discipline, ...deeds] },
    base: { of: 'work', sections: [...keysOf(basic), ...keysOf(discipline)] },
  },
};
