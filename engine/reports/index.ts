export { SlaStats, STAT_DIMENSIONS, type StatDimension, type SlaStatRow, type TrendDay } from './SlaStats.js';
export { trackApplication, type TrackingView } from './trackApplication.js';
export { heatmap, type HeatmapCell } from './heatmap.js';
