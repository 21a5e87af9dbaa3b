import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 1 working day: Tue 14 April 18:30 (13:30Z). D-1 is the close of the
// day of receipt, Mon 13 April 18:30, which is after registration (09:00), so it applies.
serviceScenarios('COMPANY-REG', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-14T13:30:00.000Z', backOffice: '2026-04-13T13:30:00.000Z' });
