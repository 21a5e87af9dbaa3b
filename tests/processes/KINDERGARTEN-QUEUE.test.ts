import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00. The offer within 3 working days (process SLA): Thu 16 April 18:30 (13:30Z).
// The queue number within 30 minutes (the review's SLA in wall-clock minutes, no D-1): 09:30 = 04:30Z.
serviceScenarios('KINDERGARTEN-QUEUE', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-16T13:30:00.000Z', backOffice: '2026-04-13T04:30:00.000Z' });
