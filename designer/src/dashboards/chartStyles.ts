import { css } from 'lit';

/** Inline-SVG charts: the SVG is the picture, the text beside it says the same for everyone. */
export const chartStyles = css`
  figure { margin: 0 0 16px; background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 12px; }
  figcaption { font-weight: 600; margin-bottom: 8px; }
  svg { width: 100%; height: auto; display: block; font-family: system-ui, sans-serif; }
  svg text { font-size: 14px; fill: #1d2733; }
  svg .value { font-weight: 600; font-variant-numeric: tabular-nums; }
  .bar-good { fill: #1a7f37; }
  .bar-poor { fill: #a40e26; }
  .bar-none { fill: #c4ccd5; }
  .track { fill: #eef1f5; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  details { margin-top: 8px; }
  details ul { margin: 6px 0 0; padding-left: 18px; font-size: 0.9rem; }
`;

export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 1000) / 10} %`;
}
