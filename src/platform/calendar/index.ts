export {
  addCalendarDays,
  assertIsoDate,
  isIsoDate,
  parseIsoDate,
  type IsoDate,
} from './iso-date.js';
export {
  LONDON_TIME_ZONE,
  londonClock,
  londonInstant,
  londonMinutes,
  parseClockTime,
  startOfLondonDay,
  toLondonDate,
  todayInLondon,
} from './london-time.js';
export {
  addCalendarMonths,
  calendarMonthsDeadline,
  subjectAccessDueDate,
  withinCalendarMonths,
} from './calendar-months.js';
export {
  annualReportDueDate,
  reportingYear,
  reportingYearOf,
  type ReportingYear,
} from './reporting-year.js';
export { easterSunday } from './easter.js';
export {
  BankHolidayFileError,
  UK_NATIONS,
  bankHolidayDataWarning,
  currentBankHolidays,
  fixedRuleHolidays,
  mergeBankHolidayData,
  parseBankHolidayData,
  parseGovUkBankHolidays,
  ukBankHolidays,
  useBankHolidays,
  type BankHoliday,
  type BankHolidayData,
  type UkNation,
} from './bank-holidays.js';
export {
  FOI_RESPONSE_WORKING_DAYS,
  createWorkingDayCalendar,
  ukWorkingDays,
  workingDaysIn,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './working-days.js';
