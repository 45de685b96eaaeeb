/**
 * Whether a model finding's message names a 134060 validator item (`Entity: property`, as the log lists
 * it): the model rules write the validator's header then the item (src/core/rules/messages.ts), so the item
 * stands as a word there, with any spacing after its colon. Used to lead from a 134060 log error to the
 * findings that report the same problems.
 */
export function namesValidatorItem(message: string, item: string): boolean {
  const colon = item.indexOf(':');
  if (colon <= 0) return false;
  const esc = (s: string) => s.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s,(])${esc(item.slice(0, colon))}\\s*:\\s*${esc(item.slice(colon + 1))}(?=$|[\\s,.;)])`).test(message);
}
