/**
 * Every refusal the domain and the services can raise, once: the stable machine code and the
 * Chinese a supervisor (or voter, or scorer) can act on when the throw site has nothing more
 * specific to say. The HTTP status of each code is not here: it is the edge's business
 * (src/http/error-status.ts), so a rule never knows it is served over HTTP.
 */
export const DOMAIN_ERRORS = {
  // input that breaks a rule of the product
  invalid_input: '输入有误，请检查后重试',
  invalid_rule: '测评规则有误',
  category_required: '本测评会按类别发码，请指定类别',
  unknown_category: '没有这个类别',
  invalid_choices: '选票内容有误',
  incomplete_ballot: '请为每个测评对象选择等次',
  invalid_grade: '等次只能是 很满意、满意、基本满意、不满意',
  // scoring and its spreadsheets
  unknown_rule: '未知的评分规则',
  invalid_params: '评分参数有误',
  invalid_rows: '评分数据有误',
  nothing_to_score: '没有可以计算的行',
  missing_file: '请选择要上传的表格文件（.xlsx 或 .csv）',
  csv_not_utf8: 'CSV 文件不是 UTF-8 编码，请另存为“CSV UTF-8”或上传 .xlsx 文件',
  unreadable_sheet: '无法读取上传的文件：请上传 .xlsx 或 UTF-8 编码的 .csv 文件',
  empty_file: '上传的文件是空的',
  empty_sheet: '表格里没有数据',
  duplicate_column: '表格中有重复的列',
  missing_columns: '表格缺少必需的列',
  too_many_rows: '表格行数过多',
  sheet_too_large:
    '上传的表格解压后过大或单元格过多（可能是损坏或恶意构造的文件），已拒绝。请只保留评分数据，删除多余的工作表、图片和空白格式后另存为 .xlsx 再上传，或另存为“CSV UTF-8”',
  invalid_supervisor: '只能添加有效的监督员账号：请从监督员列表中选择',
  // something that does not exist
  token_unknown: '测评码无效，请核对测评码后重试',
  meeting_not_found: '找不到该测评会，请检查链接或编号',
  user_not_found: '找不到该账号',
  // the state forbids it now
  meeting_not_open: '本次测评现在不接受投票',
  meeting_closed: '测评会已结束',
  token_void: '此测评码已作废，请向监督员领取新的测评码',
  token_used: '此测评码已使用',
  roster_exceeded: '发放数量超过应参加人数',
  invalid_state: '测评会当前状态不允许此操作',
  results_sealed: '投票结束前结果保密，请在结束投票后查看',
  owner_not_removable: '不能移除创建本测评会的监督员',
  // allowed to see the meeting, not to do this (403)
  not_meeting_owner: '只有创建本测评会的监督员或管理员可以更改协同监督员',
  // seasons (考评)
  unknown_entry: '没有这个考评对象，请从考评名单中选择',
  season_not_found: '找不到该考评，请检查链接或编号',
  season_published: '考评结果已发布公示，不能再更改',
  season_not_published: '考评结果尚未发布公示',
  season_final: '考评结果已经定稿',
  notice_running: '公示期尚未结束，期满后才能定稿',
  rows_changed: '评分数据刚被他人更新，请刷新后核对结果再发布',
} as const satisfies Record<string, string>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
