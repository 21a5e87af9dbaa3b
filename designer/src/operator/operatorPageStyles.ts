/** The instance page's styles: light DOM (bpmn-js), so every rule is under `.op-page`. */
export const operatorPageStyles = `
  .op-page { font-family: system-ui, sans-serif; color: #1d2733; display: grid; gap: 10px; min-width: 0; }
  .op-page h2 { font-size: 1.3rem; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; overflow-wrap: anywhere; }
  .op-page h3 { font-size: 1.05rem; margin: 8px 0 6px; }
  .op-page p { margin: 0; }
  .op-hint { font-size: 0.88rem; color: #4a5663; overflow-wrap: anywhere; }
  .op-error { color: #a40e26; font-weight: 600; overflow-wrap: anywhere; }
  .op-badge { font-size: 0.85rem; border-radius: 10px; padding: 1px 8px; background: #e3e8ee; font-weight: 600; }
  .op-badge[data-state='incident'] { background: #a40e26; color: #fff; }
  .op-calls ul { list-style: none; padding: 0; margin: 0 0 8px; display: grid; gap: 4px; }
  .op-calls li { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; overflow-wrap: anywhere; }
  .op-badge[data-state='completed'] { background: #dff3e4; color: #14532d; }
  .op-badge[data-state='terminated'] { background: #f1e4d6; color: #6b3d00; }
  .op-diagram { height: 380px; border: 1px solid #c4ccd5; border-radius: 6px; background: #fff; overflow: hidden; position: relative; }
  .op-legend { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; font-size: 0.88rem; }
  .op-key { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 4px; vertical-align: middle; }
  .op-key-token { background: #1f6feb; }
  .op-key-taken { background: #2f8f4e; }
  .op-key-incident { background: #a40e26; }
  .op-diagram .op-token:not(.djs-connection) .djs-visual > :first-child { stroke: #1f6feb !important; stroke-width: 3px !important; }
  .op-diagram .op-visited:not(.djs-connection) .djs-visual > :first-child { fill: #eef7f0 !important; }
  .op-diagram .op-taken .djs-visual > path { stroke: #2f8f4e !important; stroke-width: 2.5px !important; }
  .op-diagram .op-incident:not(.djs-connection) .djs-visual > :first-child { stroke: #a40e26 !important; stroke-width: 3px !important; fill: #fde8eb !important; }
  .op-token-badge { background: #1f6feb; color: #fff; border-radius: 50%; width: 20px; height: 20px; font-size: 12px; line-height: 20px; text-align: center; }
  .op-incident-note { background: #a40e26; color: #fff; font: 12px system-ui, sans-serif; padding: 3px 6px; border-radius: 4px; width: max-content; max-width: 240px; white-space: normal; }
  .op-incidents { border: 2px solid #a40e26; background: #fdf2f3; border-radius: 6px; padding: 8px 12px; }
  .op-incidents ul, .op-report ul { margin: 0; padding-left: 18px; overflow-wrap: anywhere; }
  .op-columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
  .op-actions { display: grid; gap: 6px; background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 12px; }
  .op-actions label, .op-actions legend { font-weight: 600; }
  .op-actions textarea, .op-actions input, .op-actions select { font: inherit; padding: 6px 8px; border: 1px solid #7b8794; border-radius: 4px; width: 100%; box-sizing: border-box; }
  .op-actions textarea#op-variables { font-family: ui-monospace, monospace; font-size: 0.88rem; }
  .op-actions fieldset { border: 1px solid #c4ccd5; border-radius: 6px; padding: 8px 12px; display: grid; gap: 6px; margin: 6px 0 0; min-width: 0; }
  .op-buttons { display: flex; flex-wrap: wrap; gap: 8px; }
  .op-actions button { font: inherit; padding: 8px 14px; border-radius: 4px; border: 1px solid #0b3d6e; background: #0b3d6e; color: #fff; cursor: pointer; min-height: 40px; }
  .op-actions button.secondary { background: #fff; color: #0b3d6e; }
  .op-actions button:disabled { opacity: 0.5; cursor: not-allowed; }
  .op-status { min-height: 1.2em; font-weight: 600; overflow-wrap: anywhere; }
  .op-report { border: 1px solid #c4ccd5; border-radius: 6px; padding: 8px 12px; background: #f7f9fb; }
  .op-report[data-problems]:not([data-problems='0']) { border-color: #a40e26; }
  .op-records { min-width: 0; }
  .op-scroll { max-height: 300px; overflow: auto; border: 1px solid #d7dce2; border-radius: 6px; background: #fff; }
  .op-records table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  .op-records th, .op-records td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e3e8ee; vertical-align: top; overflow-wrap: break-word; }
  .op-records th, .op-records td:first-child { white-space: nowrap; }
  .op-records th { background: #eef1f5; position: sticky; top: 0; }
  @media (max-width: 760px) {
    .op-columns { grid-template-columns: minmax(0, 1fr); }
    .op-diagram { height: 260px; }
  }
`;
