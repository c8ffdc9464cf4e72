import type { FastifyRequest } from 'fastify';
import type { MeetingsRouteDeps as RouteDeps } from '../route-deps.js';
import { registerUploadPage, sendDownload } from '../../../platform/http/files.js';
import { formShow, redirectWithFlash } from '../../../platform/http/render.js';
import { ACCEPTED_DOCUMENTS_KEY } from '../../../platform/files/document-types.js';
import { meetingPaths as paths } from '../paths.js';
import { meetingBreadcrumbs, meetingWhen } from '../presenters.js';

const T = 'modules/meetings/papers/views';
// Who may attach or read a paper depends on the meeting's body, so the service decides.
const signedIn = { config: { access: 'signed-in' as const } };
const publicPage = { config: { access: 'public' as const } };

export function registerPaperRoutes({ app, services, renderPage }: RouteDeps): void {
  const { meetingPapers, meetings } = services;
  const params = (request: FastifyRequest) => request.params as Record<string, string>;

  const showUploadForm = formShow(renderPage, `${T}/paper-form.njk`, async (request) => {
    const { meetingId, itemId } = params(request);
    const form = await meetingPapers.uploadForm(request.principal, meetingId!, itemId!);
    return {
      title: request.t('meetings:papers.form.title', { title: form.item.title }),
      breadcrumbs: meetingBreadcrumbs(meetings.providers, request.t, form.body, form.meeting),
      ...form,
      when: meetingWhen(form.meeting, request.t),
      action: paths.addPaper(form.meeting.id, form.item.id),
      accepted: request.t(ACCEPTED_DOCUMENTS_KEY),
      maxMb: meetingPapers.maxMb,
    };
  });

  registerUploadPage(app, paths.addPaper.pattern, signedIn, services.config.files.maxBytes, {
    show: showUploadForm,
    async submit(request, reply, form) {
      const { meetingId, itemId } = params(request);
      const paper = await meetingPapers.upload(
        request.principal,
        meetingId!,
        itemId!,
        { title: form.fields.title, file: form.file },
        request.id,
      );
      return redirectWithFlash(
        reply,
        `${paths.meeting(meetingId!)}#agenda`,
        request.t('meetings:papers.form.added', { title: paper.title }),
      );
    },
  });

  app.get(paths.paper.pattern, signedIn, async (request, reply) => {
    const { meetingId, paperId } = params(request);
    const { paper, bytes } = await meetingPapers.download(request.principal, meetingId!, paperId!);
    return sendDownload(reply, paper, bytes);
  });

  app.post(paths.removePaper.pattern, signedIn, async (request, reply) => {
    const { meetingId, paperId } = params(request);
    const paper = await meetingPapers.remove(request.principal, meetingId!, paperId!, request.id);
    return redirectWithFlash(
      reply,
      `${paths.meeting(meetingId!)}#agenda`,
      request.t('meetings:papers.form.removed', { title: paper.title }),
    );
  });

  for (const provider of meetings.providers) {
    app.get(
      paths.publicPaper.pattern(provider.publicPathPrefix),
      publicPage,
      async (request, reply) => {
        const { bodyId, meetingId, paperId } = params(request);
        const { paper, bytes } = await meetingPapers.publicDownload(
          provider.type,
          bodyId!,
          meetingId!,
          paperId!,
        );
        return sendDownload(reply, paper, bytes);
      },
    );
  }
}
