/**
 * Runs `fn` with at most `limit` stack frames captured per Error, then restores the host's setting.
 *
 * Why: the yaml package creates one YAMLError per problem, deep inside its recursive composer. A host
 * that sets `Error.stackTraceLimit = Infinity` (mocha does; a debugger may) makes each of those capture
 * every frame, so 10,000 nested `{a:` took 7-10 s instead of 0.1 s. The parse result never uses the
 * stacks, so how fast a note is read must not depend on that global.
 */
export function withShortStackTraces<T>(fn: () => T, limit = 10): T {
  const saved = Error.stackTraceLimit;
  if (!(saved > limit)) {
    return fn();
  }
  Error.stackTraceLimit = limit;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = saved;
  }
}
