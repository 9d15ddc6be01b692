import type { Migration } from '../../migrate';

/**
 * One audit chain with several desks writing: `desk_audit_append` appends an entry under an
 * advisory lock held to the end of the transaction, checking the chain's end only once it
 * holds it. In READ COMMITTED each statement of the function reads afresh, so the check sees
 * every append committed before the lock was granted, and none can commit while it is held.
 * False, and nothing written, when the end is not the one the entry links to.
 */
export const auditAppend: Migration = {
  version: 17,
  name: 'audit append',
  async up(tx) {
    await tx.exec(`
      CREATE OR REPLACE FUNCTION desk_audit_append(
        p_seq bigint, p_at text, p_actor text, p_desk text, p_action text, p_target text,
        p_outcome text, p_detail text, p_prev_hash text, p_hash text
      ) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7381001);
        IF (SELECT max(seq) FROM audit_log) IS DISTINCT FROM nullif(p_seq - 1, 0) THEN
          RETURN false;
        END IF;
        INSERT INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash)
          VALUES (p_seq, p_at, p_actor, p_desk, p_action, p_target, p_outcome, p_detail, p_prev_hash, p_hash);
        RETURN true;
      END $$;
    `);
  },
};
