export { CalendarRegistry, type CalendarVersion } from './CalendarRegistry.js';
