/** The directory's rules: what people type into its forms (and the API), each bad field named. */
import type { FieldError } from '../../platform/errors.js';
import { text, tooLong } from '../../platform/http/form-fields.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './kinds.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,25}$/;

export interface OrganisationInput {
  name?: string | undefined;
  kind?: string | undefined;
  parentId?: string | undefined;
  description?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  website?: string | undefined;
}

export interface PersonInput {
  fullName?: string | undefined;
  jobTitle?: string | undefined;
  organisationId?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  notes?: string | undefined;
  /** The e-mail address of the user account to link, or empty for none. */
  userEmail?: string | undefined;
}

function checkContact(errors: FieldError[], email: string | null, phone: string | null) {
  if (email && (!EMAIL.test(email) || email.length > 254)) {
    errors.push({
      field: 'email',
      message: 'Enter an e-mail address in the correct format, like name@example.org',
    });
  }
  if (phone && !PHONE.test(phone)) {
    errors.push({
      field: 'phone',
      message: 'Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000',
    });
  }
}

export function validateOrganisation(input: OrganisationInput) {
  const errors: FieldError[] = [];
  const name = text(input.name);
  if (!name) errors.push({ field: 'name', message: 'Enter the name of the organisation' });
  tooLong(errors, 'name', 'Name', name, 200);
  const kind = text(input.kind);
  if (!kind || !(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    errors.push({ field: 'kind', message: 'Select the type of organisation' });
  }
  const description = text(input.description);
  tooLong(errors, 'description', 'Description', description, 2000);
  const email = text(input.email)?.toLowerCase() ?? null;
  const phone = text(input.phone);
  checkContact(errors, email, phone);
  const address = text(input.address);
  tooLong(errors, 'address', 'Address', address, 500);
  const website = text(input.website);
  if (website) {
    let ok: boolean;
    try {
      ok = ['http:', 'https:'].includes(new URL(website).protocol);
    } catch {
      ok = false;
    }
    if (!ok || website.length > 500)
      errors.push({ field: 'website', message: 'Enter a web address that starts with https://' });
  }
  return {
    errors,
    value: {
      name: name ?? '',
      kind: (kind ?? 'other') as OrganisationKind,
      parentId: text(input.parentId),
      description,
      email,
      phone,
      address,
      website,
    },
  };
}

export function validatePerson(input: PersonInput) {
  const errors: FieldError[] = [];
  const fullName = text(input.fullName);
  if (!fullName) errors.push({ field: 'fullName', message: 'Enter the person’s full name' });
  tooLong(errors, 'fullName', 'Full name', fullName, 200);
  const jobTitle = text(input.jobTitle);
  tooLong(errors, 'jobTitle', 'Job title', jobTitle, 200);
  const email = text(input.email)?.toLowerCase() ?? null;
  const phone = text(input.phone);
  checkContact(errors, email, phone);
  const address = text(input.address);
  tooLong(errors, 'address', 'Address', address, 500);
  const notes = text(input.notes);
  tooLong(errors, 'notes', 'Notes', notes, 2000);
  return {
    errors,
    value: {
      fullName: fullName ?? '',
      jobTitle,
      organisationId: text(input.organisationId),
      email,
      phone,
      address,
      notes,
      userEmail: text(input.userEmail),
    },
  };
}

/** The version of the entry the form was filled in from, if it sent one. */
export function versionOf(body: unknown): number | undefined {
  const v =
    body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined;
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}
