import { css } from 'lit';

/** Forms, buttons, focus and badges shared by the role pages (shadow DOM needs them per component). */
export const formStyles = css`
  :host { display: block; font-family: system-ui, sans-serif; color: #1d2733; }
  h2 { font-size: 1.3rem; margin: 0 0 12px; }
  h3 { font-size: 1.05rem; margin: 16px 0 8px; }
  form, .panel { display: grid; gap: 14px; max-width: 640px; }
  label, legend { font-weight: 600; }
  .field { display: grid; gap: 4px; }
  .hint { font-size: 0.88rem; color: #4a5663; font-weight: normal; }
  .error { color: #a40e26; font-weight: 600; }
  /* Room for a message, so validating on blur never moves what the pointer is about to click. */
  .field .error { min-height: 1.25em; }
  input[type='text'], input[type='password'], input[type='date'], input[type='datetime-local'], input:not([type]), select, textarea {
    font: inherit; padding: 8px 10px; border: 1px solid #7b8794; border-radius: 4px; min-height: 24px; width: 100%; box-sizing: border-box; background: #fff;
  }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: #a40e26; border-width: 2px; }
  fieldset { border: 1px solid #c4ccd5; border-radius: 6px; padding: 10px 14px; margin: 0; display: grid; gap: 8px; }
  .choice { display: flex; gap: 8px; align-items: flex-start; font-weight: normal; }
  .choice input { width: 20px; height: 20px; margin: 0; flex: none; }
  button, .button {
    font: inherit; padding: 9px 16px; border-radius: 4px; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; min-height: 24px;
  }
  button.secondary, .button.secondary { background: #fff; color: #0b5cad; }
  button.small { padding: 3px 10px; font-size: 0.88rem; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  a { color: #0b5cad; }
  .status { min-height: 1.4em; margin: 8px 0; }
  .status:empty { min-height: 0; margin: 0; }
  .done { border-left: 5px solid #1a7f37; background: #e3f1e6; padding: 8px 12px; }
  .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 0.82rem; font-weight: 600; white-space: nowrap; }
  .badge.overdue { background: #a40e26; color: #fff; }
  .badge.at-risk { background: #ffd166; color: #3d2c00; }
  .badge.on-time { background: #e3f1e6; color: #1f5130; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  @media print { .status { display: none; } }
  @media (max-width: 480px) {
    dl { grid-template-columns: 1fr; gap: 2px; }
    dd { margin-bottom: 8px; }
  }
`;
