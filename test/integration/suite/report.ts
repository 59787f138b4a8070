/** What the suite reports besides pass/fail: timings, wall-clock stamps and facts about the environment. */
export const report: { timings: Record<string, number>; wall: Record<string, number>; info: Record<string, unknown> } = {
  timings: {},
  /** Date.now() stamps, comparable with the runner's clock (same machine). */
  wall: {},
  info: {},
};
