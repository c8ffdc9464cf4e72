/** Placeholder replaced below. */
export type GrantsDemo = Record<string, never>;
export async function loadGrantsDemo(): Promise<GrantsDemo> {
  return {};
}
export async function removeGrantsDemo(): Promise<void> {}
