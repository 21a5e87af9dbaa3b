import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 7 working days: 14–17, 20–22 April → Wed 22 April 18:30 (13:30Z). D-1: Tue 21 April.
serviceScenarios('LARGE-FAMILY', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-22T13:30:00.000Z', backOffice: '2026-04-21T13:30:00.000Z' });
