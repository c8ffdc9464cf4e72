/** The directory's rules: what people type into its forms (and the API), each bad field named. */
import type { FieldError } from '../../platform/errors.js';
import { text, tooLong } from '../../platform/http/form-fields.js';
import type { Translate } from '../../platform/i18n/messages.js';
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

/** Reads the e-mail address, telephone and address both kinds of entry have. */
function contactOf(errors: FieldError[], input: OrganisationInput | PersonInput, t: Translate) {
  const email = text(input.email)?.toLowerCase() ?? null;
  const phone = text(input.phone);
  if (email && (!EMAIL.test(email) || email.length > 254))
    errors.push({ field: 'email', message: t('directory:common.errors.email') });
  if (phone && !PHONE.test(phone))
    errors.push({ field: 'phone', message: t('directory:common.errors.phone') });
  const address = text(input.address);
  tooLong(t, errors, 'address', t('directory:common.address'), address, 500);
  return { email, phone, address };
}

/** The words of the refusals come from `t` (the directory's catalogue). */
export function validateOrganisation(input: OrganisationInput, t: Translate) {
  const errors: FieldError[] = [];
  const name = text(input.name);
  if (!name)
    errors.push({ field: 'name', message: t('directory:organisations.errors.nameMissing') });
  tooLong(t, errors, 'name', t('directory:common.name'), name, 200);
  const kind = text(input.kind);
  if (!kind || !(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    errors.push({ field: 'kind', message: t('directory:organisations.errors.kindMissing') });
  }
  const description = text(input.description);
  tooLong(
    t,
    errors,
    'description',
    t('directory:organisations.errors.description'),
    description,
    2000,
  );
  const { email, phone, address } = contactOf(errors, input, t);
  const website = text(input.website);
  if (website) {
    let ok: boolean;
    try {
      ok = ['http:', 'https:'].includes(new URL(website).protocol);
    } catch {
      ok = false;
    }
    if (!ok || website.length > 500)
      errors.push({ field: 'website', message: t('directory:organisations.errors.website') });
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

export function validatePerson(input: PersonInput, t: Translate) {
  const errors: FieldError[] = [];
  const fullName = text(input.fullName);
  if (!fullName)
    errors.push({ field: 'fullName', message: t('directory:people.errors.fullNameMissing') });
  tooLong(t, errors, 'fullName', t('directory:people.form.fullName'), fullName, 200);
  const jobTitle = text(input.jobTitle);
  tooLong(t, errors, 'jobTitle', t('directory:common.jobTitle'), jobTitle, 200);
  const { email, phone, address } = contactOf(errors, input, t);
  const notes = text(input.notes);
  tooLong(t, errors, 'notes', t('directory:common.notes'), notes, 2000);
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
