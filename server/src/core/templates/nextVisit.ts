/**
 * The visit number a client's next note gets: one more than the highest visit recorded in their
 * earlier notes, else one more than the number of those notes (a clinic that never numbers visits
 * still gets a sensible count), 1 for a new client. `visits` holds each earlier note's `visit`.
 * @example nextVisitNumber([1, 2, 4]) === 5; nextVisitNumber([undefined, undefined]) === 3
 */
export function nextVisitNumber(visits: readonly (number | undefined)[]): number {
  const numbered = visits.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0);
  // reduce, not Math.max(...): a client with tens of thousands of notes must not overflow the stack.
  return numbered.length > 0 ? numbered.reduce((a, b) => Math.max(a, b)) + 1 : visits.length + 1;
}
