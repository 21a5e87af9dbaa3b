export { parseTaskForm, type ParsedTaskForm } from './parseTaskForm.js';
export { checkCompletion, type FormCompletion } from './checkCompletion.js';
export { FIELD_TYPES, LAYOUT_TYPES, OUTCOME_KEY, type ChoiceValue, type FieldType, type FormField, type TaskForm } from './TaskForm.js';
