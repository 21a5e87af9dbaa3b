import { serviceScenarios } from './scenario.js';

// Mon 13 April 2026 09:00; 3 working days: 14, 15, 16 → Thu 16 April 18:30 (13:30Z). D-1: Wed 15 April 18:30.
serviceScenarios('REAL-ESTATE-REG', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-16T13:30:00.000Z', backOffice: '2026-04-15T13:30:00.000Z' });
