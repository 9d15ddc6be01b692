import type { Migration } from '../migrate';
import { foundation } from './001_foundation';

/** In order; a migration is never edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [foundation];
