import type { Migration } from '../../migrate';
import { foundation } from './001_foundation';
import { accounts } from './002_accounts';
import { searchIndexes } from './003_search_indexes';
import { signingKeys } from './004_signing_keys';
import { clients } from './005_clients';
import { tokenService } from './006_token_service';
import { trustBundles } from './007_trust_bundles';
import { notifications } from './008_notifications';
import { verification } from './009_verification';
import { recovery } from './010_recovery';
import { accountMasks } from './011_account_masks';
import { noReplace } from './012_no_replace';
import { lookupBudget } from './013_lookup_budget';
import { holderSessions } from './014_holder_sessions';
import { shortMasks } from './015_short_masks';
import { changeFeed } from './016_change_feed';
import { auditAppend } from './017_audit_append';

/**
 * The PostgreSQL store's migrations, one for each of the SQLite store's (../index.ts), with the
 * same version and name, giving the same tables, columns, keys, checks, indexes and refusals.
 * In order; a migration is never edited once released, only followed by a new one.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  foundation,
  accounts,
  searchIndexes,
  signingKeys,
  clients,
  tokenService,
  trustBundles,
  notifications,
  verification,
  recovery,
  accountMasks,
  noReplace,
  lookupBudget,
  holderSessions,
  shortMasks,
  changeFeed,
  auditAppend,
];
