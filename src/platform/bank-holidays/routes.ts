/** The administrator's page of the bank holidays in use, and the upload of GOV.UK's file. */
import type { RouteDeps } from '../modules.js';
import { ValidationError } from '../errors.js';
import { registerUploadPage } from '../http/files.js';
import { receivedBytes } from '../http/multipart.js';
import { redirectWithFlash } from '../http/render.js';
import { bankHolidayPaths } from './paths.js';

/** GOV.UK's file is about 20 KB; a few years more stay far inside this. */
const MAX_BYTES = 1024 * 1024;
const manage = { config: { access: { action: 'users.manage' as const } } };

export function registerBankHolidayRoutes({ app, services, renderPage }: RouteDeps): void {
  const { bankHolidays } = services;
  registerUploadPage(app, bankHolidayPaths.page, manage, MAX_BYTES, {
    async show(request, reply, values, errors, status = 200) {
      return renderPage(
        request,
        reply,
        'platform/views/admin/bank-holidays.njk',
        {
          title: request.t('admin.bankHolidays.title'),
          breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
          ...(await bankHolidays.status(request.principal)),
          fileMessages: (errors ?? []).filter((e) => e.field === 'file').map((e) => e.message),
          values,
          errors,
        },
        status,
      );
    },
    async submit(request, reply, form) {
      const bytes = await receivedBytes(form.file);
      if (!bytes?.length)
        throw new ValidationError([
          {
            field: 'file',
            message: form.file?.tooLarge
              ? request.t('admin.bankHolidays.errors.tooLarge')
              : request.t('admin.bankHolidays.errors.missing'),
          },
        ]);
      const data = await bankHolidays.upload(request.principal, bytes, request.t, request.id);
      return redirectWithFlash(
        reply,
        bankHolidayPaths.page,
        request.t('admin.bankHolidays.uploaded', {
          firstYear: data.firstYear,
          lastYear: data.lastYear,
        }),
      );
    },
  });
}
