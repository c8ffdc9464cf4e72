/**
 * IAG-10: the advisor's own availability: the kinds of experience they bring and the
 * days they cannot be deployed, which nominating reads. Part of `services.deployments`.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { createAdvisorAccess, type AdviceLookups } from '../access.js';
import { EXPERIENCE_AREAS, type ExperienceArea } from '../rules.js';
import { advisorProfiles, advisorUnavailability } from '../schema.js';
import type { AdviceServiceDeps, Input } from '../shared.js';

export function createAvailabilityService(deps: AdviceServiceDeps & { lookups: AdviceLookups }) {
  const { db, now, t } = deps;
  const { personOf } = createAdvisorAccess(deps.lookups);

  return {
    /** The advisor's experience and the days they cannot be deployed. */
    async availability(principal: Principal) {
      const user = requireUser(principal);
      const person = await personOf(db, user);
      if (!person) throw new NotFoundError();
      const today = todayInLondon(now());
      const [[profile], away] = await Promise.all([
        db.select().from(advisorProfiles).where(eq(advisorProfiles.personId, person.id)),
        db
          .select()
          .from(advisorUnavailability)
          .where(
            and(
              eq(advisorUnavailability.personId, person.id),
              sql`${advisorUnavailability.endsOn} >= ${today}::date`,
            ),
          )
          .orderBy(asc(advisorUnavailability.startsOn))
          .limit(100),
      ]);
      return { person, experience: profile?.experience ?? [], away };
    },

    /** IAG-10: the advisor says which kinds of experience they bring. */
    async saveExperience(principal: Principal, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const chosen = checkedValues(input.experience);
      if (chosen.some((e) => !(EXPERIENCE_AREAS as readonly string[]).includes(e)))
        throw new ValidationError([
          { field: 'experience', message: t('advice:common.experienceFromList') },
        ]);
      const experience = [...new Set(chosen)] as ExperienceArea[];
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        await tx
          .insert(advisorProfiles)
          .values({ personId: person.id, experience, updatedAt: now() })
          .onConflictDoUpdate({
            target: advisorProfiles.personId,
            set: { experience, updatedAt: now() },
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.experience-saved',
          recordType: 'person',
          recordId: person.id,
          after: { experience },
        });
      });
    },

    /** The advisor gives days they cannot be deployed. */
    async addUnavailability(principal: Principal, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const field = (name: string) => t(`advice:deployments.availability.away.${name}`);
      const startsOn = dateField(t, input, 'startsOn', field('startsOnName'), errors);
      const endsOn = dateField(t, input, 'endsOn', field('endsOnName'), errors);
      if (startsOn && endsOn && endsOn < startsOn)
        errors.push({ field: 'endsOn-day', message: field('endsBeforeStart') });
      if (endsOn && endsOn < todayInLondon(now()))
        errors.push({ field: 'endsOn-day', message: field('endsInPast') });
      const note = text(input.note);
      tooLong(t, errors, 'note', field('noteName'), note, 200);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        const [row] = await tx
          .insert(advisorUnavailability)
          .values({
            personId: person.id,
            startsOn: startsOn!,
            endsOn: endsOn!,
            note,
            createdAt: now(),
          })
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.unavailability-added',
          recordType: 'person',
          recordId: person.id,
          after: row,
        });
        return row!;
      });
    },

    /** The advisor takes back days they had said they could not do. */
    async removeUnavailability(principal: Principal, id: string, auditRequestId?: string) {
      const user = requireUser(principal);
      if (!isUuid(id)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        const [removed] = await tx
          .delete(advisorUnavailability)
          .where(
            and(eq(advisorUnavailability.id, id), eq(advisorUnavailability.personId, person.id)),
          )
          .returning();
        if (!removed) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.unavailability-removed',
          recordType: 'person',
          recordId: person.id,
          before: removed,
        });
      });
    },
  };
}
