// The names nearest to one that matched nothing, for "did you mean" in every place a name can be wrong: a
// tool's arguments, a tool name in tools/call, a flag or a tool name at start-up.

/** The candidate closest to a misspelt name, when it is close enough to be what was meant. */
export function nearestName(name: string, candidates: string[]): string | undefined {
  // No name is this long; comparing a hostile megabyte key with each candidate would only cost time.
  if (name.length > 100) return undefined;
  // A name that is a whole word of one candidate (body, request_body) means that one, however far apart.
  const words = candidates.filter((candidate) =>
    candidate.toLowerCase().split("_").includes(name.toLowerCase()),
  );
  if (words.length === 1) return words[0];
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const sharesPrefix = best !== undefined && best.split("_")[0] === name.split("_")[0];
  return best !== undefined && (bestScore <= Math.max(2, Math.floor(name.length / 3)) || sharesPrefix)
    ? best
    : undefined;
}

/** Up to `count` candidates nearest to a name nothing matched, nearest first (none when all are far). */
export function nearestNames(name: string, candidates: readonly string[], count = 3): string[] {
  if (name.length > 100) return [];
  const wanted = name.toLowerCase();
  // A shortened name (GetEvnt for GetEventGuests) is near the start of what was meant.
  const score = (candidate: string) =>
    Math.min(distance(wanted, candidate), distance(wanted, candidate.slice(0, wanted.length)) + 1);
  const scored = candidates
    .map((candidate) => ({ candidate, score: score(candidate.toLowerCase()) }))
    .sort((a, b) => a.score - b.score);
  const limit = Math.max(3, Math.floor(name.length / 2));
  return scored
    .filter(({ score }) => score <= limit)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
