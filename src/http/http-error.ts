/**
 * Refusals that belong to the edge, not to any rule: who is asking (auth, CSRF), how often
 * (throttling), and whether the request is readable at all (size, JSON, form, address).
 */
export const HTTP_ERRORS = {
  unauthorized: '需要登录：请在请求头 Authorization 中提供有效的密钥',
  forbidden: '您的账号没有此操作的权限',
  csrf_failed: '提交被拒绝：页面已过期或来自其他网站。请刷新页面后重新提交',
  too_many_attempts: '尝试次数过多，请稍后再试',
  payload_too_large: '提交的内容太大',
  invalid_json: '请求内容不是有效的 JSON',
  invalid_form: '提交的内容不是有效的表单，请返回页面重新提交',
  bad_request: '请求格式有误',
  not_found: '没有这个地址',
  internal: '服务器内部错误，请稍后重试；若反复出现请联系管理员',
  storage_full:
    '服务器磁盘已满，投票和其他修改暂时无法保存（已确认的投票都已保存，不受影响）。请管理员立即清理服务器磁盘空间；空间恢复后系统自动继续，无需重启，请投票人稍后重新提交。',
  storage_broken:
    '服务器的数据库文件读写出错（文件损坏或磁盘故障），本次操作没有保存。请管理员查看服务器日志、检查磁盘，并用 npm run backup 做的备份恢复数据库（见使用说明“备份与恢复”）。',
  shutting_down: '服务器正在重启，本次提交未处理，请稍候几秒后重新提交',
} as const satisfies Record<string, string>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  constructor(
    public readonly code: HttpErrorCode,
    message?: string,
    public readonly details?: unknown,
  ) {
    super(message ?? HTTP_ERRORS[code]);
    this.name = 'HttpError';
  }
}
