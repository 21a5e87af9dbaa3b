import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 2 working days: Tue 14, Wed 15 → Wed 15 April 18:30 (13:30Z).
// The registrar works to D-1: Tue 14 April 18:30.
serviceScenarios('BIRTH-REG', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-15T13:30:00.000Z', backOffice: '2026-04-14T13:30:00.000Z' });
