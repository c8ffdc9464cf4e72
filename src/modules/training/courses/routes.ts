/**
 * CDRP-11: the courses, a course with its sessions, a session with who attended, and their forms.
 * Read by those who oversee training, kept by the coordination unit and partnership officers.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../../platform/auth/permissions.js';
import { pageRequest } from '../../../platform/db/search.js';
import { paginationFor, queryString } from '../../../platform/http/pagination.js';
import {
  formShow,
  redirectWithFlash,
  registerFormPage,
  saveFor,
} from '../../../platform/http/render.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import { personPickerItems } from '../../directory/index.js';
import { courseCrumbs } from '../crumbs.js';
import { trainingPaths as paths } from '../paths.js';
import type { TrainingRouteDeps as RouteDeps } from '../route-deps.js';
import { AUDIENCES } from '../rules.js';

const T = 'modules/training/courses/views';
const readers = { config: { access: { action: 'training.view' as const } } };
const keepers = { config: { access: { action: 'training.manage' as const } } };

const courseIdOf = (request: FastifyRequest) => (request.params as { courseId: string }).courseId;
const sessionIdOf = (request: FastifyRequest) =>
  (request.params as { sessionId: string }).sessionId;
const saveForCourse = saveFor('courseId');
const saveForSession = saveFor('sessionId');

export function registerCourseRoutes({ app, services, renderPage }: RouteDeps): void {
  const { trainingCourses: courses, directory } = services;
  const audiences = (request: FastifyRequest, chosen?: unknown) =>
    AUDIENCES.map((a) => ({
      value: a,
      text: request.t(`training:audiences.${a}`),
      checked: a === chosen,
    }));

  app.get(paths.courses, readers, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const audience = queryString(query, 'audience');
    const result = await courses.list(request.principal, { audience }, page);
    return renderPage(request, reply, `${T}/list.njk`, {
      title: request.t('training:courses.title'),
      breadcrumbs: courseCrumbs(request).slice(0, 1),
      rows: result.items.map((c) => ({
        ...c,
        href: paths.course(c.id),
        audienceName: request.t(`training:audiences.${c.audience}`),
      })),
      total: result.total,
      audienceItems: [
        { value: '', text: request.t('training:courses.anyAudience') },
        ...AUDIENCES.map((a) => ({
          value: a,
          text: request.t(`training:audiences.${a}`),
          selected: a === result.audience,
        })),
      ],
      canManage: can(request.principal, 'training.manage'),
      paths,
      pagination: paginationFor(
        paths.courses,
        { audience: result.audience ?? undefined },
        page.page,
        page.limit,
        result.total,
      ),
    });
  });

  registerFormPage(app, paths.newCourse, keepers, {
    show: formShow(renderPage, `${T}/course-form.njk`, async (request, values) => ({
      title: request.t('training:courses.add'),
      breadcrumbs: courseCrumbs(request),
      audiences: audiences(request, values.audience),
      action: paths.newCourse,
      backHref: paths.courses,
    })),
    async submit(request, reply) {
      const course = await courses.createCourse(
        request.principal,
        (request.body ?? {}) as Record<string, string>,
        request.id,
      );
      return redirectWithFlash(
        reply,
        paths.course(course.id),
        request.t('training:courses.added', { title: course.title }),
      );
    },
  });

  registerFormPage(app, paths.editCourse.pattern, keepers, {
    initial: (request) => courses.courseValues(request.principal, courseIdOf(request)),
    show: formShow(renderPage, `${T}/course-form.njk`, async (request, values) => {
      const course = await courses.findCourse(request.principal, courseIdOf(request));
      return {
        title: request.t('training:courses.change'),
        breadcrumbs: [
          ...courseCrumbs(request),
          { text: course.title, href: paths.course(course.id) },
        ],
        audiences: audiences(request, values.audience),
        action: paths.editCourse(course.id),
        backHref: paths.course(course.id),
      };
    }),
    submit: saveForCourse(courses.updateCourse, (id, course, request) => ({
      to: paths.course(id),
      message: request.t('training:courses.changed', { title: course.title }),
    })),
  });

  app.get(paths.course.pattern, readers, async (request, reply) => {
    const page = pageRequest((request.query as Record<string, unknown>).page);
    const { course, sessions, total } = await courses.course(
      request.principal,
      courseIdOf(request),
      page,
    );
    return renderPage(request, reply, `${T}/course.njk`, {
      title: course.title,
      breadcrumbs: courseCrumbs(request),
      course,
      audienceName: request.t(`training:audiences.${course.audience}`),
      sessions: sessions.map((s) => ({ ...s, href: paths.session(s.id) })),
      total,
      canManage: can(request.principal, 'training.manage'),
      editHref: paths.editCourse(course.id),
      newSessionHref: paths.newSession(course.id),
      needsHref: `${paths.needs}?course=${course.id}`,
      pagination: paginationFor(paths.course(course.id), {}, page.page, page.limit, total),
    });
  });

  registerFormPage(app, paths.newSession.pattern, keepers, {
    initial: () => courses.sessionDefaults(),
    show: formShow(renderPage, `${T}/session-form.njk`, async (request, values) => {
      const course = await courses.findCourse(request.principal, courseIdOf(request));
      const boroughs = await courses.boroughs(request.principal);
      return {
        title: request.t('training:sessions.add'),
        breadcrumbs: [
          ...courseCrumbs(request),
          { text: course.title, href: paths.course(course.id) },
        ],
        course,
        boroughItems: [
          { value: '', text: request.t('training:sessions.chooseBorough') },
          ...boroughs.map((b) => ({
            value: b.id,
            text: b.name,
            selected: b.id === values.boroughId,
          })),
        ],
        action: paths.newSession(course.id),
        backHref: paths.course(course.id),
      };
    }),
    submit: saveForCourse(courses.addSession, (_id, session, request) => ({
      to: paths.session(session.id),
      message: request.t('training:sessions.added'),
    })),
  });

  /** A session's page, with the attendance form on it (its search, then the people found). */
  const showSession = formShow(renderPage, `${T}/session.njk`, async (request, values) => {
    const query = request.query as Record<string, unknown>;
    const page = pageRequest(query.page);
    const found = await courses.session(request.principal, sessionIdOf(request), page);
    const q = typeof values.q === 'string' ? values.q : queryString(query, 'q');
    const canManage = can(request.principal, 'training.manage');
    const people = canManage
      ? await personPickerItems(
          directory,
          request.principal,
          q,
          typeof values.personId === 'string' ? values.personId : undefined,
        )
      : [];
    return {
      title: request.t('training:sessions.title', {
        course: found.course.title,
        date: formatDate(request.t, found.session.heldOn),
      }),
      breadcrumbs: [
        ...courseCrumbs(request),
        { text: found.course.title, href: paths.course(found.course.id) },
      ],
      // Named apart from `session`, which every page is given as the signed-in session.
      sitting: found.session,
      course: found.course,
      borough: found.borough,
      attendance: found.attendance,
      attended: found.attended,
      absent: found.absent,
      total: found.total,
      q,
      people,
      canManage,
      action: paths.attendance(found.session.id),
      searchAction: paths.session(found.session.id),
      statusItems: ['attended', 'absent'].map((s) => ({
        value: s,
        text: request.t(`training:attendance.${s}`),
        checked: s === values.status,
      })),
      pagination: paginationFor(
        paths.session(found.session.id),
        { q },
        page.page,
        page.limit,
        found.total,
      ),
    };
  });
  app.get(paths.session.pattern, readers, (request, reply) => showSession(request, reply, {}));

  registerFormPage(app, paths.attendance.pattern, keepers, {
    shownElsewhere: true,
    show: showSession,
    submit: saveForSession(courses.recordAttendance, (id, row, request) => ({
      to: paths.session(id),
      message: request.t(`training:attendance.recorded.${row.status}`, { name: row.name }),
    })),
  });
}
