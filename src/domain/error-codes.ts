/**
 * Every refusal the domain and the services can raise, once: the stable machine code and the
 * Chinese a supervisor (or voter, or scorer) can act on when the throw site has nothing more
 * specific to say. The HTTP status of each code is not here: it is the edge's business
 * (src/http/error-status.ts), so a rule never knows it is served over HTTP.
 */
export const DOMAIN_ERRORS = {
  // input that breaks a rule of the product (400 at the edge)
  invalid_input: '输入有误，请检查后重试',
  invalid_rule: '测评规则有误',
  category_required: '本测评会按类别发码，请指定类别',
  unknown_category: '没有这个类别',
  invalid_choices: '选票内容有误',
  incomplete_ballot: '请为每个测评对象选择等次',
  invalid_grade: '等次只能是 很满意、满意、基本满意、不满意',
  // scoring and its spreadsheets (400)
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
  // something that does not exist (404)
  token_unknown: '测评码无效，请核对测评码后重试',
  meeting_not_found: '找不到该测评会，请检查链接或编号',
  user_not_found: '找不到该账号',
  // the state forbids it now (409)
  meeting_not_open: '本次测评现在不接受投票',
  meeting_closed: '测评会已结束',
  token_void: '此测评码已作废，请向监督员领取新的测评码',
  token_used: '此测评码已使用',
  roster_exceeded: '发放数量超过应参加人数',
  invalid_state: '测评会当前状态不允许此操作',
  results_sealed: '投票结束前结果保密，请在结束投票后查看',
} as const satisfies Record<string, string>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
