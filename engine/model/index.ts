export { compileDefinitions, type CompiledDefinitions, type CompileOptions } from './compileDefinitions.js';
export { psDescriptor, MAX_XML_BYTES } from './parseXml.js';
export { evaluateCondition, normaliseExpression, feelSyntaxError, feelCostProblem } from './feel.js';
export { catchUp, firstFiring, nextFiring, timerProblem } from './TimerExpression.js';
export { MODEL_LIMITS } from './modelLimits.js';
export { PROBLEM_TEXTS, problemOf, say, type ProblemTextKey, type Said } from './problemTexts.js';
export { parseDuration, addDuration, isIsoDuration } from './IsoDuration.js';
export * from './types.js';
