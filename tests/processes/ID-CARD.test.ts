import { serviceScenarios } from './scenario.js';

// Received Mon 13 April 2026, 09:00 Almaty (04:00Z); 15 working days on the agency calendar.
// Receipt day not counted: 14–17 (4), 20–24 (9), 27–30 April (13); Fri 1 May is a holiday;
// Mon 4 May (14), Tue 5 May (15) → Tue 5 May 18:30 = 13:30Z. Back office D-1: Mon 4 May 18:30.
serviceScenarios('ID-CARD', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-05-05T13:30:00.000Z', backOffice: '2026-05-04T13:30:00.000Z' });
