import type { Migration } from '../migrate';
import { foundation } from './001_foundation';
import { accounts } from './002_accounts';

/** In order; a migration is never edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [foundation, accounts];
