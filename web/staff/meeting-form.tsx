import { PRESET_LABELS } from './format';
import { CsrfField, Flash, StaffPage } from './layout';
import type { Actor } from '../../src/domain/people';

/** What the form holds between submits: text as typed, so nothing is lost when rows are added. */
export interface MeetingDraft {
  title: string;
  organization: string;
  rule: string;
  eligible: string;
  categories: { label: string; eligible: string }[];
  /** `entry`: the season entry (考评对象) the subject's ballots feed, by id; '' for none. */
  subjects: { name: string; kind: string; entry?: string }[];
}

/** An entry of a draft season a subject may feed. */
export interface EntryChoice {
  id: string;
  label: string;
}

export const MORE_CATEGORIES = 3;
export const MORE_SUBJECTS = 5;

export const blankDraft = (): MeetingDraft => ({
  title: '',
  organization: '',
  rule: 'standard',
  eligible: '',
  categories: Array.from({ length: MORE_CATEGORIES }, () => ({ label: '', eligible: '' })),
  subjects: Array.from({ length: MORE_SUBJECTS }, () => ({ name: '', kind: '' })),
});

/** A row's remove button: a plain submit, so rows come and go with JavaScript off. */
const Remove = ({ value }: { value: string }) => (
  <button class="secondary small" type="submit" name="op" value={value} formnovalidate>
    删除
  </button>
);

export function MeetingForm({ actor, csrf, draft, error, entries = [] }: { actor: Actor; csrf: string; draft: MeetingDraft; error?: string; entries?: EntryChoice[] }) {
  return (
    <StaffPage title="新建测评会" actor={actor} csrf={csrf}>
      <h1>新建测评会</h1>
      {error && <Flash tone="err">{error}</Flash>}
      <form method="post" action="/staff/new-meeting">
        {/* Enter in a text box presses the first submit button: make that one "create", not a row's "remove". */}
        <button class="default-submit" type="submit" name="op" value="create" tabindex={-1} aria-hidden="true">
          创建
        </button>
        <CsrfField token={csrf} />
        <div class="card">
          <label for="title">测评会名称</label>
          <input id="title" type="text" name="title" value={draft.title} placeholder="如：某某村党支部 2025 年度民主测评" maxlength={200} />
          <label for="organization">被测评单位</label>
          <input id="organization" type="text" name="organization" value={draft.organization} placeholder="如：某某村党支部" maxlength={200} />
          <label for="rule">测评规则</label>
          <select id="rule" name="rule">
            {Object.entries(PRESET_LABELS).map(([key, label]) => (
              <option value={key} selected={draft.rule === key}>
                {label}
              </option>
            ))}
          </select>
          <p class="muted">各规则都要求参加投票人数不少于应参加人数的 2/3。</p>
        </div>

        <h2>应参加人员名册</h2>
        <div class="card">
          <p class="muted">按类别填写（如 党员 40、村民代表 30），每类发放各自的测评码；不分类别时只填下面的总人数。</p>
          <table class="rows">
            <thead>
              <tr>
                <th>类别名称</th>
                <th>应参加人数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.categories.map((c, i) => (
                <tr>
                  <td>
                    <input type="text" name="cat_label" value={c.label} placeholder="如：党员" maxlength={40} aria-label={`第 ${i + 1} 个类别名称`} />
                  </td>
                  <td>
                    <input type="number" name="cat_eligible" value={c.eligible} min="1" inputmode="numeric" aria-label={`第 ${i + 1} 个类别应参加人数`} />
                  </td>
                  <td>
                    <Remove value={`rm_cat:${i}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            <button class="secondary" type="submit" name="op" value="more_cats" formnovalidate>
              再加 {MORE_CATEGORIES} 行类别
            </button>
          </div>
          <label for="eligible">不分类别时：应参加总人数</label>
          <input id="eligible" type="number" name="eligible" value={draft.eligible} min="1" inputmode="numeric" />
        </div>

        <h2>测评对象</h2>
        <div class="card">
          <table class="rows">
            <thead>
              <tr>
                <th>名称</th>
                <th>类型（可不填）</th>
                {entries.length > 0 && <th>计入考评（可不选）</th>}
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.subjects.map((s, i) => (
                <tr>
                  <td>
                    <input type="text" name="subj_name" value={s.name} placeholder="如：村党支部 / 第一书记 张三" maxlength={100} aria-label={`第 ${i + 1} 个测评对象`} />
                  </td>
                  <td>
                    <input type="text" name="subj_kind" value={s.kind} placeholder="如：班子" maxlength={40} aria-label={`第 ${i + 1} 个测评对象类型`} />
                  </td>
                  {entries.length > 0 && (
                    <td>
                      <select name="subj_entry" aria-label={`第 ${i + 1} 个测评对象计入的考评对象`}>
                        <option value="">（不计入）</option>
                        {entries.map((e) => (
                          <option value={e.id} selected={e.id === s.entry}>
                            {e.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  )}
                  <td>
                    <Remove value={`rm_subj:${i}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            <button class="secondary" type="submit" name="op" value="more_subjects" formnovalidate>
              再加 {MORE_SUBJECTS} 行测评对象
            </button>
          </div>
        </div>

        <div class="actions">
          <button type="submit" name="op" value="create">
            创建测评会
          </button>
          <a class="btn secondary" href="/staff/meetings">
            取消
          </a>
        </div>
      </form>
    </StaffPage>
  );
}
