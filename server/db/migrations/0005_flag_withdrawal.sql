DROP INDEX "county_flags_unique";--> statement-breakpoint
ALTER TABLE "county_flags" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "county_flags_unique" ON "county_flags" USING btree ("region_code","flag","valid_from") WHERE withdrawn_at is null;--> statement-breakpoint
ALTER TABLE "county_flags" ADD CONSTRAINT "county_flags_withdrawal" CHECK ((withdrawn_at is null) = (withdrawn_reason is null));