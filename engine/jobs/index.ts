export { JobExecutor, type JobExecutorOptions } from './JobExecutor.js';
