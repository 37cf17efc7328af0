-- S12: the audit trail is append-only for every role, the table owner included.
--
-- Purging (S13) must still be possible, through the app's purgeAudit only: it sets
-- `counterpart.audit_purge` to 'on' with set_config(..., true), i.e. for its own
-- transaction, deletes a prefix of the chain and writes a checkpoint signed with
-- HMAC-SM3 under the app's audit key. Any session could set that custom setting too, so
-- the flag is not a security boundary; it keeps ordinary code and hand-typed SQL from
-- deleting by mistake. The guarantee is the chain itself: a deletion that is not covered
-- by a signed checkpoint leaves a gap in the ids or a head that no longer matches the
-- signed anchor, and verifyAudit reports it. The database never holds the key.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('counterpart.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（S12）/ audit_events is append-only: % refused', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Checkpoints are never changed; the anchor is updated by every append but never removed.
CREATE FUNCTION audit_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（S12）/ % on % refused', TG_OP, TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_keep BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_keep();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_keep();
--> statement-breakpoint
CREATE TRIGGER audit_anchor_keep BEFORE DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_keep();
--> statement-breakpoint
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_keep();
