/** The bank holidays page's address (its upload posts to the same), defined once. */
export const bankHolidayPaths = {
  page: '/admin/bank-holidays',
};
