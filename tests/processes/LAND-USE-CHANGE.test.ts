import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 30 calendar days: 13 + 30 = Wed 13 May, a working day of the centre
// (9 May, a Saturday, moves to Mon 11 May, before it) → 20:00 = 15:00Z.
// The agency's completeness check, 2 working days (rule 5): 14, 15 April → D-1 Tue 14 April 18:30.
serviceScenarios('LAND-USE-CHANGE', {
  receivedAt: '2026-04-13T04:00:00Z',
  applicant: '2026-05-13T15:00:00.000Z',
  backOffice: '2026-04-14T13:30:00.000Z',
  backOfficeTask: 'agency_check',
});
