import type { FieldSpec } from './types';

/**
 * 直接定级: an honour or a direct event sets the outcome without scoring. The cell names an
 * outcome of the rule's scale (stars as a number, or a grade name); the scores may then be
 * left blank. Vetoes and dismissals still win over it.
 */
export function directField(choices: readonly string[]): FieldSpec {
  return {
    name: 'direct',
    label: '直接定级',
    kind: 'text',
    required: false,
    options: [...choices],
    note: `表彰或直接确定等次的情形，填${choices.join('/')}；留空按得分评定`,
  };
}
