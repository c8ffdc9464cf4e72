/**
 * Citizens' panel members a test makes for itself (CON-06): confirmed members of a borough with
 * any monitoring answers given, made in one statement each, with their leave link's token.
 */
import { randomUUID } from 'node:crypto';
import { panelLinks } from '../../src/modules/consultation/panel/links.js';
import {
  panelMemberMonitoring,
  panelMembers,
} from '../../src/modules/consultation/panel/schema.js';
import type { AgeBand, EthnicGroup, Sex } from '../../src/modules/consultation/monitoring.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';

export interface FactoryPanelMember {
  id: string;
  fullName: string;
  email: string;
  /** The leave (and stay) link's token. */
  leaveToken: string;
}

export interface PanelMemberSpec {
  boroughId: string;
  fullName?: string;
  ageBand?: AgeBand;
  sex?: Sex;
  ethnicGroup?: EthnicGroup;
  /** Not yet confirmed (awaiting the link), when false. */
  confirmed?: boolean;
}

/** The members asked for, confirmed unless told otherwise. */
export async function makePanelMembers(
  t: TestApp,
  specs: readonly PanelMemberSpec[],
): Promise<FactoryPanelMember[]> {
  const links = panelLinks(t.config.secret, t.config.publicUrl);
  const tag = uniqueTag();
  const made = specs.map((spec, i) => ({
    spec,
    id: randomUUID(),
    fullName: spec.fullName ?? `Panel Member ${tag} ${i + 1}`,
    email: `panel-${tag}-${i + 1}@example.org`,
  }));
  if (!made.length) return [];
  await t.services.db.insert(panelMembers).values(
    made.map((m) => ({
      id: m.id,
      fullName: m.fullName,
      email: m.email,
      boroughId: m.spec.boroughId,
      joinedBy: 'sign_up' as const,
      confirmedAt: m.spec.confirmed === false ? null : new Date('2026-01-05T10:00:00Z'),
      joinedOn: m.spec.confirmed === false ? null : '2026-01-05',
      leaveTokenHash: links.leaveTokenHash(m.id),
    })),
  );
  const monitored = made.filter((m) => m.spec.ageBand || m.spec.sex || m.spec.ethnicGroup);
  if (monitored.length)
    await t.services.db.insert(panelMemberMonitoring).values(
      monitored.map((m) => ({
        memberId: m.id,
        ageBand: m.spec.ageBand ?? null,
        sex: m.spec.sex ?? null,
        ethnicGroup: m.spec.ethnicGroup ?? null,
      })),
    );
  return made.map((m) => ({
    id: m.id,
    fullName: m.fullName,
    email: m.email,
    leaveToken: links.leaveToken(m.id),
  }));
}
