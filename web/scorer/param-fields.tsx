import type { RuleName } from '../../src/domain/scoring';
import { paramItems, ROUNDINGS, type Field, type Kind } from './params';

function Input({ name, kind, value, label }: { name: string; kind: Kind; value: string; label: string }) {
  if (kind === 'choice') {
    return (
      <select id={name} name={name} aria-label={label}>
        {ROUNDINGS.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    );
  }
  // step="any": 0.3 and 89.99 are valid; the server checks ranges and says which one is wrong.
  return kind === 'number' ? (
    <input id={name} type="number" step="any" name={name} value={value} aria-label={label} />
  ) : (
    <input id={name} type="text" name={name} value={value} maxlength={40} aria-label={label} />
  );
}

const Labelled = ({ f }: { f: Field }) => (
  <div>
    <label for={f.name}>{f.label}</label>
    <Input name={f.name} kind={f.kind} value={f.value} label={f.label} />
  </div>
);

/** The rule's parameters as a plain form: weights, score bands, shares, caps, rounding. */
export function ParamFields({ rule, start, values }: { rule: RuleName; start: Record<string, unknown>; values?: Record<string, unknown> }) {
  return (
    <>
      {paramItems(rule, start, values).map((item) => {
        if (item.type === 'field') return <Labelled f={item.field} />;
        if (item.type === 'group') {
          return (
            <fieldset>
              <legend>{item.label}</legend>
              {item.fields.map((f) => (
                <label class="inline">
                  {f.label} <Input name={f.name} kind={f.kind} value={f.value} label={`${item.label} · ${f.label}`} />
                </label>
              ))}
            </fieldset>
          );
        }
        return (
          <fieldset>
            <legend>{item.label}</legend>
            <table class="rows">
              <thead>
                <tr>
                  {item.columns.map((col) => (
                    <th>{col.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {item.rows.map((row, i) => (
                  <tr>
                    {item.columns.map((col, j) => (
                      <td>
                        <Input name={`${item.name}.${i}.${col.key}`} kind={col.kind} value={row[j]} label={`${item.label} 第${i + 1}行 ${col.label}`} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted">空行不计算；需要增加时，在空行中填写。</p>
          </fieldset>
        );
      })}
    </>
  );
}
