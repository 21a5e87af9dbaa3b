import { css } from 'lit';

/** Data tables of the oversight pages; below 560 px each row becomes a card labelled by `data-label`. */
export const tableStyles = css`
  table { border-collapse: collapse; width: 100%; background: #fff; }
  caption { text-align: left; font-weight: 600; padding: 6px 0; }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #d7dce2; vertical-align: top; }
  th { background: #eef1f5; font-weight: 600; }
  tbody th { background: transparent; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  .actions button { padding: 6px 12px; }
  .panel-box { background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 14px; margin: 12px 0; }
  .mode { font-weight: 600; }
  .mode[data-mode='single'] { color: #0b3d6e; }
  .mode[data-mode='alternative'] { color: #7a4b00; }
  @media (max-width: 560px) {
    table, thead, tbody, tr, th, td { display: block; }
    thead { position: absolute; left: -9999px; }
    caption { display: block; }
    tr { border: 1px solid #c4ccd5; border-radius: 6px; margin-bottom: 10px; background: #fff; }
    td { border: none; padding: 4px 10px; }
    td.num { text-align: left; }
    td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
  }
`;
