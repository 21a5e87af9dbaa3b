import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 8 working days: 14–17, 20–23 April → Thu 23 April 18:30 (13:30Z). D-1: Wed 22 April.
serviceScenarios('CHILDCARE-BENEFIT', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-23T13:30:00.000Z', backOffice: '2026-04-22T13:30:00.000Z' });
