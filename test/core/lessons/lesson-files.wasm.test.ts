import { lessonFilesSuite } from './lesson-files-suite';

lessonFilesSuite('wasm');
