import { describe, it, expect } from 'vitest';
import { runRule, SHEET_PRESETS, templateFields } from '../../src/domain/scoring';
import { codes, errorOf } from './scoring-helpers';

/** A first secretary as a 考核组 records them under 001 §16 (every item the year touched). */
const SECRETARY = {
  id: 'S1',
  category: '行政村',
  satisfaction: '53/57', // 53 of 57 ballots 很满意 or 满意
  'team.conflict': 2, // 村班子矛盾未及时化解，视情扣2分 (range 1–5, deduct)
  'team.trips': 2, // 外出考察2次 × 奖5 (count)
  'plan.noYearPlan': '是', // 未制定年度工作计划 −5 (flag)
  'rules.violations': 1, // 违规决策1起 × −5 (count)
  'rules.missedDays': 3, // 民主活动日缺3次 × −1 (count)
  'rules.annualReview': '是', // 党员资格年审 +3 (flag)
  'venue.equipment': '是', // 新配备办公设施 +6 (flag)
  'venue.invest': 2.6, // 修缮投入2.6万元: floor(2.6 ÷ 1) × 5 = 10 (amount)
  'service.agency': '是', // 为民服务代理点 +3 (flag)
  'research.diary': 3, // 蹲点调研 3 of 4 (score)
  'meetings.missed': 2, // 例会缺2次 × −1
  'attend.missed': 1, // 会议缺1次 × −2
  'talks.talked': 5, // (score 0–5)
  'talks.received': 2, // (score 0–3)
  'pairing.school': '是', // 爱心助学 +4
  'pairing.jobs': 1, // 就业岗位1个 × 5
  'pairing.relief': 2, // 困难救助2笔 × 3
  'deeds.funds': 3.5, // 争取资金3.5万元: floor(3.5) × 5 = 15 (amount)
  'deeds.policyFunds': 5, // 政策扶持资金5万元 × 2 = 10 (amount)
  'deeds.bases': 1, // 示范基地1处 × 10
  'upgrade.up': 1, // 晋一位 × 10
};

describe('itemized sheets (考核细则): the 001 §16 preset', () => {
  it('scores a realistic first secretary item by item; work, base and total checked by hand', () => {
    const { rows, params } = runRule('first-secretary', { sheet: 'first-secretary-001', shares: { excellent: 1 } }, [SECRETARY]);
    const r = rows[0] as (typeof rows)[0] & { items: Record<string, number>; sections: Record<string, number> };
    // (一) 基本工作目标:
    //   队伍建设 20 − 2 + 10 = 28; 发展思路 15 − 5 = 10; 制度落实 25 − 5 − 3 + 3 = 20;
    //   场所建设 0 + 6 + 10 = 16; 服务机制 0 + 3 = 3                         → 77
    // (二) 执行工作制度和工作纪律:
    //   蹲点调研 4 + 3 = 7; 例会 8 − 2 = 6; 参加会议 8 − 2 = 6; 双向约谈 5 + 2 = 7;
    //   结对帮扶 8 + 4 + 5 + 6 = 23; 执行纪律 0                            → 49
    // base (一)+(二) = 126 (≥ 80, may be 优秀)
    // (三) 办理实事 15 + 10 + 10 = 35; (四) 晋位升级 +10                    → work = 126 + 35 + 10 = 171
    // total = 171 × 53/57 = 3 × 53 = 159.00 exactly
    expect(r.sections).toEqual({
      team: 28, plan: 10, rules: 20, venue: 16, service: 3,
      research: 7, meetings: 6, attend: 6, talks: 7, pairing: 23, conduct: 0,
      deeds: 35, upgrade: 10,
    });
    expect([r.work, r.base, r.total, r.grade]).toEqual([171, 126, 159, '优秀']);
    // The answer shows each item's points, deductions negative.
    expect(r.items).toMatchObject({ 'team.conflict': -2, 'team.trips': 10, 'venue.invest': 10, 'rules.missedDays': -3, 'deeds.funds': 15, 'research.diary': 3 });
    expect(params.sheet).toBe('first-secretary-001');
  });

  it('the template has one column per item, grouped by section, in section order, and no work/base column', () => {
    const fields = templateFields('first-secretary', { sheet: 'first-secretary-001' });
    const names = fields.map((f) => f.name);
    expect(names).not.toContain('work');
    expect(names).not.toContain('base');
    expect(names.slice(0, 3)).toEqual(['id', 'category', 'team.noStudy']);
    const groups = fields.filter((f) => f.group).map((f) => f.group);
    expect([...new Set(groups)]).toEqual([
      '（一）1.加强队伍建设', '（一）2.理清发展思路', '（一）3.推进制度落实', '（一）4.搞好场所建设', '（一）5.建立服务机制',
      '（二）1.蹲点调研', '（二）2.工作例会', '（二）3.参加会议', '（二）4.双向约谈', '（二）5.结对帮扶', '（二）6.执行纪律',
      '（三）为村庄办理实事', '（四）村党组织晋位升级',
    ]);
    expect(new Set(fields.map((f) => f.label)).size).toBe(fields.length); // labels are the headers: unique
    expect(Object.keys(SHEET_PRESETS)).toEqual(['first-secretary-001']);
  });

  it('a section floor and an item cap bound the points, and say so', () => {
    const row = { ...SECRETARY, 'meetings.missed': 10, 'rules.violations': 4 };
    const [r] = runRule('first-secretary', { sheet: 'first-secretary-001', shares: { excellent: 1 } }, [row]).rows as Array<Record<string, any>>;
    expect(r.items['rules.violations']).toBe(-15); // 4 × −5 bounded by the item's 15
    expect(r.sections.meetings).toBe(0); // 8 − 10 floored at 0
    expect(codes(r as never)).toContain('section_floor');
  });

  it('every bad item cell is reported at once', () => {
    const bad = { ...SECRETARY, 'team.conflict': 7, 'team.trips': 1.5, 'research.diary': 5, 'plan.noPlan': '也许' };
    const e = errorOf(() => runRule('first-secretary', { sheet: 'first-secretary-001' }, [bad]));
    expect(e.code).toBe('invalid_rows');
    const details = (e.details as { details: Array<{ field: string }> }).details;
    expect(details.map((d) => d.field)).toEqual(['team.conflict', 'team.trips', 'plan.noPlan', 'research.diary']);
  });
});

describe('itemized sheets: custom sheets and every item kind', () => {
  // 002 附加条件: 表彰 市级3分，省级5分，国家级8分，以最高的为准; 通报批评 每次扣3分 / 市委通报 每次扣5分.
  const SHEET = {
    bonus: {
      sections: [
        { key: 'honours', label: '表彰奖励', items: [{ key: 'level', label: '受到表彰的级别', kind: 'highest', options: { 市级: 3, 省级: 5, 国家级: 8 } }] },
        { key: 'innovation', label: '创新推广', cap: 5, items: [{ key: 'count', label: '被推广的创新做法个数', kind: 'count', each: 3 }] },
      ],
    },
    deductions: {
      sections: [
        {
          key: 'cuts',
          label: '通报批评',
          items: [
            { key: 'work', label: '市直工委通报批评次数', kind: 'count', each: 3 },
            { key: 'city', label: '市委通报批评次数', kind: 'count', each: 5 },
            { key: 'late', label: '未按期换届', kind: 'flag', points: 5, otherwise: 0 },
            { key: 'other', label: '其他情形（视情1–4分）', kind: 'range', min: 1, max: 4 },
            { key: 'grade', label: '考核组评定扣分', kind: 'score', max: 10 },
            { key: 'loss', label: '造成损失（万元，每1万元扣1分）', kind: 'amount', per: 1, each: 1, cap: 10 },
          ],
        },
      ],
    },
  };

  it('highest takes the best option named; count, flag, range, score, amount add up; a section cap bounds', () => {
    const row = {
      id: 'B1', base: 90, review: 90,
      'honours.level': '市级、省级', // 以最高的为准 → 5
      'innovation.count': 2, // 2 × 3 = 6, section cap 5 → 5
      'cuts.work': 1, 'cuts.city': 0, 'cuts.late': '否', 'cuts.other': 2, 'cuts.grade': 0, 'cuts.loss': 1.9, // 3 + 0 + 0 + 2 + 0 + floor(1.9) = 6
    };
    const { rows, warnings } = runRule('star-rating', { sheet: SHEET, fiveStarShare: 1 }, [row]);
    const r = rows[0] as Record<string, any>;
    // bonus 5 + 5 = 10; deductions 6; total = (90 + 10 − 6) × 0.7 + 90 × 0.3 = 65.8 + 27 = 92.80, ★4 (有减分)
    expect([r.bonus, r.deductions, r.total, r.stars]).toEqual([10, 6, 92.8, 4]);
    expect(r.items).toEqual({ 'honours.level': 5, 'innovation.count': 6, 'cuts.work': 3, 'cuts.city': 0, 'cuts.late': 0, 'cuts.other': 2, 'cuts.grade': 0, 'cuts.loss': 1 });
    expect(codes(r as never)).toEqual(['cap_deductions', 'section_cap']);
    expect(warnings.some((w) => w.includes('减分项扣6分'))).toBe(true);
  });

  it('an option that is not on the list is a bad cell', () => {
    const e = errorOf(() => runRule('star-rating', { sheet: SHEET }, [{ id: 1, base: 90, review: 90, 'honours.level': '县级' }]));
    expect(e.message).toContain('应为 市级/省级/国家级 之一');
  });

  it.each([
    [{ nope: { sections: [] } }, '没有可由细则计算的得分字段“nope”'],
    [{ bonus: { sections: [{ key: 'a', label: 'A', items: [{ key: 'x', label: 'X', kind: 'guess' }] }] } }, 'kind 应为 score、count、amount、flag、range、highest 之一'],
    [{ bonus: { sections: [{ key: 'a', label: 'A', items: [{ key: 'x', label: 'X', kind: 'amount', per: 0, each: 1 }] }] } }, 'per 应大于0'],
    [{ bonus: { sections: [{ key: 'a', label: 'A', items: [{ key: 'x', label: 'X', kind: 'score', max: 5 }, { key: 'x', label: 'Y', kind: 'score', max: 5 }] }] } }, '评分项 x 出现了两次'],
    ['no-such-sheet', '没有名为“no-such-sheet”的考核细则'],
  ])('refuses sheet %j', (sheet, message) => {
    const e = errorOf(() => runRule('star-rating', { sheet }, [{ id: 1, base: 1, bonus: 0, deductions: 0, review: 1 }]));
    expect(e.code).toBe('invalid_params');
    expect(e.message).toContain(message);
  });
});
