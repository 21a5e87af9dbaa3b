/** The form-js input fields a task form may hold; each writes the variable named by its key. */
export const FIELD_TYPES = ['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Components that show something and write nothing. */
export const LAYOUT_TYPES = ['text', 'html', 'spacer', 'separator', 'button'] as const;

export type ChoiceValue = string | number | boolean;

/** One input field of a task's form, as the completion check reads it. */
export interface FormField {
  readonly key: string;
  readonly type: FieldType;
  /** The label shown, for error messages (the key when the form gives none). */
  readonly label: string;
  /** `true`, or a FEEL expression (without `=`) deciding it with the form's data. */
  readonly required: boolean | string;
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly validationType?: 'email' | 'phone';
  readonly decimalDigits?: number;
  readonly subtype?: 'date' | 'time' | 'datetime';
  /** Shown but never sent (form-js leaves disabled fields out of its data). */
  readonly disabled?: boolean;
  /** Shown with the application's value, sent back unchanged. */
  readonly readonly?: boolean;
  /** `conditional.hide` expressions of the field and of the groups around it: hidden when one is true. */
  readonly hiddenBy?: readonly string[];
  /** A choice field's allowed values: listed, read from a variable, or computed by FEEL. */
  readonly values?: readonly ChoiceValue[];
  readonly valuesKey?: string;
  readonly valuesExpression?: string;
}

/** A user task's form: the form-js schema as written (for the inbox) and its input fields. */
export interface TaskForm {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly fields: readonly FormField[];
}

/**
 * The key of the field that answers the task's `outcome`: the value the gateway after the task
 * branches on (`outcome = "refuse"`). A completion sends it as `outcome`, not among `variables`.
 */
export const OUTCOME_KEY = 'outcome';
