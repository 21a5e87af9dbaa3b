import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 5 working days: 14, 15, 16, 17, 20 April → Mon 20 April 18:30 (13:30Z).
// D-1: Fri 17 April 18:30.
serviceScenarios('NO-CRIMINAL-RECORD', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-20T13:30:00.000Z', backOffice: '2026-04-17T13:30:00.000Z' });
