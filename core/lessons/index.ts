export { evaluateCheck, type CheckItem, type CheckResult, type CheckState } from './check';
export { factsBeforeRun, type LessonFacts } from './facts';
export { applyFix } from './fix';
export { graphFact } from './graph-facts';
export { LESSON_KEY, readLesson, type LessonRead } from './lesson';
export { LESSON_VERSION, LessonSchema, type Check, type FixStep, type Lesson, type Lock } from './schema';
