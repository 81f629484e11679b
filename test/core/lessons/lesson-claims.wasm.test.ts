import { lessonClaimsSuite } from './lesson-claims-suite';

lessonClaimsSuite('wasm');
