import { serviceScenarios } from './scenario.js';

// Joint application Mon 13 April 2026 09:00. The marriage is registered on the 15th calendar
// day: 13 + 15 = Tue 28 April, a working day of the centre (Mon–Fri 9–20) → 20:00 = 15:00Z.
// The registrar checks by D-1: the close of the centre's last working day before it, Mon 27 April 20:00.
serviceScenarios('MARRIAGE-REG', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-28T15:00:00.000Z', backOffice: '2026-04-27T15:00:00.000Z' });
