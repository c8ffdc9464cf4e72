/** What an application's pages show: its sections as a task list, its answers, its status. */
import type { FastifyRequest } from 'fastify';
import { yearLabel } from '../funds/presenter.js';
import { applicationPaths as paths } from './paths.js';
import { SECTIONS, type Section, type SectionStatus } from './rules.js';

const sectionHref = (section: Section, id: string) =>
  ({
    about: paths.about(id),
    objectives: paths.objectives(id),
    budget: paths.budget(id),
    outcomes: paths.outcomes(id),
  })[section];

/** The GOV.UK task list's items, one a section, with its status as a tag or plain text. */
export function taskListItems(
  request: FastifyRequest,
  id: string,
  statuses: Record<Section, SectionStatus>,
) {
  return SECTIONS.map((s) => {
    const status = statuses[s];
    const text = request.t(`grants:applications.sectionStatuses.${status}`);
    return {
      title: { text: request.t(`grants:applications.sections.${s}`) },
      href: sectionHref(s, id),
      status:
        status === 'complete'
          ? { text }
          : {
              tag: {
                text,
                classes: status === 'in_progress' ? 'govuk-tag--light-blue' : 'govuk-tag--blue',
              },
            },
    };
  });
}

/** An application as its pages read it, whoever reads it. */
export function applicationView(
  request: FastifyRequest,
  found: {
    application: {
      id: string;
      reference: number;
      status: string;
      applicantKind: string;
    };
    round: { id: string; title: string; startYear: number; closesOn: string };
    fund: { name: string };
  },
) {
  const a = found.application;
  return {
    referenceText: request.t('grants:applications.referenceText', { reference: a.reference }),
    statusName: request.t(`grants:applications.statuses.${a.status}`),
    applicantKindName: request.t(`grants:funds.applicantKinds.${a.applicantKind}`),
    yearLabel: yearLabel(found.round.startYear),
    aboutHref: paths.about(a.id),
    objectivesHref: paths.objectives(a.id),
    budgetHref: paths.budget(a.id),
    outcomesHref: paths.outcomes(a.id),
  };
}
