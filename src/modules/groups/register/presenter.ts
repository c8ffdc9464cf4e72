/** What the register's pages show of a group, worked out from its records. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IsoDate } from '../../../platform/calendar/index.js';
import { queryString } from '../../../platform/http/pagination.js';
import { formValues, redirectWithFlash } from '../../../platform/http/render.js';
import { personPickerItems } from '../../directory/index.js';
import type { Group } from '../access.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { groupPaths } from '../paths.js';
import { GROUP_TYPES, type GroupType } from '../rules.js';
import { groupElection } from '../elections/rules.js';

/** IAG-21: what the register and the group page say of the next election. */
export function electionFields(type: GroupType, lastElection: IsoDate | null, day: IsoDate) {
  const election = groupElection(type, lastElection, day);
  return { nextElectionDue: election?.due ?? null, electionOverdue: election?.overdue ?? false };
}

/**
 * A person picker without JavaScript, on a form that names one person (appointing a member, the
 * deployment contact): the search typed (or in the address) and the directory's matches, the
 * chosen one checked. The forms were each working it out the same way.
 */
export async function personPicker(
  directory: Parameters<typeof personPickerItems>[0],
  request: FastifyRequest,
  values: Record<string, string>,
) {
  const q = values.q ?? queryString(request.query, 'q');
  return {
    q,
    people: await personPickerItems(directory, request.principal, q, values.personId ?? ''),
  };
}

/**
 * The submit of a form about one group: the service saves what was sent, then the person is
 * taken to one of the group's pages and told what was done. Five forms did it the same way.
 */
export function saveForGroup<R>(
  save: (
    principal: FastifyRequest['principal'],
    groupId: string,
    input: Record<string, string>,
    requestId: string,
  ) => Promise<R>,
  done: (groupId: string, saved: R, request: FastifyRequest) => { to: string; message: string },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { groupId } = request.params as { groupId: string };
    const saved = await save(request.principal, groupId, formValues(request.body), request.id);
    const { to, message } = done(groupId, saved, request);
    return redirectWithFlash(reply, to, message);
  };
}

/** The breadcrumbs the groups' pages start with, in the request's words. */
export function groupsCrumbs(t: Translate) {
  return {
    home: { text: t('nav.home'), href: '/' },
    groups: { text: t('groups:common.advisoryGroups'), href: groupPaths.list },
  };
}
/** The breadcrumbs of a page about one group: home, the register, the group. */
export function groupCrumbs(t: Translate, group: { id: string; name: string }) {
  const { home, groups } = groupsCrumbs(t);
  return [home, groups, groupCrumb(group)];
}

export const groupCrumb = (g: { id: string; name: string }) => ({
  text: g.name,
  href: groupPaths.group(g.id),
});

/** Choices of a group's type, each named in the request's words. */
export function groupTypeItems(t: Translate, chosen: (type: GroupType) => Record<string, boolean>) {
  return GROUP_TYPES.map((type) => ({
    value: type,
    text: t(`groups:groupType.${type}`),
    ...chosen(type),
  }));
}

/** A group as its form shows it to be changed. */
export function groupFormValues(g: Group): Record<string, string> {
  return {
    name: g.name,
    type: g.type,
    status: g.status,
    ownerId: g.ownerId ?? '',
    parentGroupId: g.parentGroupId ?? '',
    purpose: g.purpose,
    focus: g.focus ?? '',
    meetingIntervalMonths: String(g.meetingIntervalMonths),
    minAge: g.minAge === null ? '' : String(g.minAge),
    maxAge: g.maxAge === null ? '' : String(g.maxAge),
    version: String(g.version),
  };
}
