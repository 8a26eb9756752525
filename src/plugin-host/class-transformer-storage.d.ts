/** class-transformer ships this file's types apart from it (types/storage.d.ts). */
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
