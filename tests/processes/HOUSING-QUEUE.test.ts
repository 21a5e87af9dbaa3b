import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 30 calendar days: Wed 13 May, centre open → 20:00 (15:00Z).
// D-1 on the same (centre) calendar: Tue 12 May 20:00.
serviceScenarios('HOUSING-QUEUE', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-05-13T15:00:00.000Z', backOffice: '2026-05-12T15:00:00.000Z' });
