CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"recipient_institution_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"arrived_on" date,
	"ended_on" date,
	"status" text DEFAULT 'proposed' NOT NULL,
	"judgement" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"justification" text,
	"approved_at" timestamp with time zone,
	"title_at_approval" text,
	"presence_rule" text,
	"end_reason" text,
	"replaced_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "dispatches_kind" CHECK (kind in ('resident', 'flexible_resident', 'flexible', 'secondment')),
	CONSTRAINT "dispatches_role" CHECK (role in ('clinical', 'management', 'supervision')),
	CONSTRAINT "dispatches_status" CHECK (status in ('proposed', 'submitted', 'approved', 'on_duty', 'completed', 'ended_early', 'replaced')),
	CONSTRAINT "dispatches_title" CHECK (title_at_approval is null or title_at_approval in ('none', 'junior', 'intermediate', 'deputy_senior', 'senior')),
	CONSTRAINT "dispatches_presence_rule" CHECK (presence_rule is null or presence_rule in ('P06', 'P07')),
	CONSTRAINT "dispatches_period" CHECK (planned_end >= planned_start),
	CONSTRAINT "dispatches_batch" CHECK (length(trim(batch)) > 0),
	CONSTRAINT "dispatches_approved" CHECK ((status in ('approved', 'on_duty', 'completed', 'ended_early', 'replaced')) = (approved_at is not null)),
	CONSTRAINT "dispatches_arrived" CHECK (status not in ('on_duty', 'completed') or arrived_on is not null),
	CONSTRAINT "dispatches_end_reason" CHECK (status not in ('ended_early', 'replaced') or length(trim(coalesce(end_reason, ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "management_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"post" text NOT NULL,
	"department" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "management_posts_post" CHECK (post in ('head', 'deputy_head', 'department_head', 'deputy_department_head')),
	CONSTRAINT "management_posts_period" CHECK (ends_on is null or ends_on >= starts_on)
);
--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_recipient_institution_id_institutions_id_fk" FOREIGN KEY ("recipient_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_replaced_by_dispatches_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_posts" ADD CONSTRAINT "management_posts_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatches_staff" ON "dispatches" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "dispatches_pairing" ON "dispatches" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "dispatches_recipient" ON "dispatches" USING btree ("recipient_institution_id");--> statement-breakpoint
CREATE INDEX "dispatches_status" ON "dispatches" USING btree ("status");--> statement-breakpoint
CREATE INDEX "management_posts_dispatch" ON "management_posts" USING btree ("dispatch_id");