// Docker's reference grammar lives in shared/ref so the renderer checks a name as the core does, as it is typed.
export * from '../../../shared/ref/reference.js';
