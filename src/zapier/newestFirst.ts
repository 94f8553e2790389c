// What Zapier's deduplication needs of a trigger's items: an `id` on each (an item without one is
// left out, not sent), each id once (TikTok repeats items; the first is kept), newest first
// (Zapier reads only this first page, so order decides what is new), and no more than Zapier
// takes from one poll.

interface Dated {
  id: string | null;
  createTime: number | null;
}

/** Zapier holds the runs of a poll that finds more than 100 new items. */
export const MAX_TRIGGER_ITEMS = 100;

export const newestFirst = <T extends Dated>(items: T[], cap = MAX_TRIGGER_ITEMS): (T & { id: string })[] => {
  const seen = new Set<string>();
  const unique = items.filter((item): item is T & { id: string } => {
    if (item.id === null || seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
  // Array sort is stable, and reads a NaN (two posts without a time) as equal: posts of one time,
  // and those without a time after the dated ones, keep their order.
  return unique
    .sort((a, b) => (b.createTime ?? Number.NEGATIVE_INFINITY) - (a.createTime ?? Number.NEGATIVE_INFINITY))
    .slice(0, cap);
};
