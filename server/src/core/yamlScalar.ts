/**
 * A value as a YAML scalar that reads back as the same string in any context (block or flow):
 * plain where that is safe, double-quoted where YAML would misread it (`Lee: J`, `#1`, `0142`,
 * `yes`, a comma inside `{...}`). The one scalar writer for completion, templates and quick fixes.
 * @example yamlScalar('gastrocnemius') === 'gastrocnemius'; yamlScalar('0142') === '"0142"'
 */
export function yamlScalar(value: string): string {
  const misread =
    value === ''
    || /[:#,[\]{}]|^[\s'"&*!|>%@`?-]|\s$/.test(value)
    // Plain scalars that YAML 1.1 or 1.2 resolves to a boolean, null or number.
    || /^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value)
    || /^[-+]?(\.?\d|\.(inf|nan)$|0[xob])/i.test(value);
  return misread ? JSON.stringify(value) : value;
}
