/**
 * The choices a "find the person in the directory" form offers: up to 20 people matching what was
 * typed, as GOV.UK radio items, so every form that picks a person shows them the same way.
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { DirectoryService } from './service.js';

export async function personPickerItems(
  directory: DirectoryService,
  principal: Principal,
  q: string | undefined,
  selected: string | undefined,
) {
  if (!q) return [];
  const { items } = await directory.people.list(principal, { q, limit: 20, offset: 0 });
  return items.map((p) => ({
    value: p.id,
    text: p.fullName,
    hint: {
      text: [p.jobTitle, p.organisationName, p.email].filter(Boolean).join(', ') || undefined,
    },
    checked: p.id === selected,
  }));
}
