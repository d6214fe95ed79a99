export * from './playback';
export { z } from './zod';
