// Figures that Zap builders otherwise compute by hand in a Formatter or Code step.

/** (likes + comments + shares + saves) / views × 100, to 2 decimals; null without views. */
export const engagementRate = (stats: {
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  views: number | null;
}): number | null => {
  if (stats.views === null || stats.views <= 0) return null;
  const interactions = (stats.likes ?? 0) + (stats.comments ?? 0) + (stats.shares ?? 0) + (stats.saves ?? 0);
  const rate = Math.round((interactions / stats.views) * 100 * 100) / 100;
  // A nonsense view count (far below 1) would otherwise give Infinity, which is not a number to Zapier.
  return Number.isFinite(rate) ? rate : null;
};

export const profileUrl = (uniqueId: string | null): string | null =>
  uniqueId ? `https://www.tiktok.com/@${uniqueId}` : null;

/** The user names mentioned in the description, without `@`, no repeats. */
export const mentionsOf = (textExtra: { userUniqueId: string | null }[]): string | null => {
  const names = textExtra
    .map((entry) => (entry.userUniqueId ?? '').trim().replace(/^@+/, ''))
    // A mention with no name left (spaces, a lone @) names nobody.
    .filter((name) => name !== '');
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique.join(', ') : null;
};

/** Seconds as `m:ss`, as TikTok shows a video's length. */
export const durationText = (seconds: number | null): string | null => {
  if (seconds === null || seconds < 0) return null;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};
