CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'checking' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"sheets" jsonb,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_entity" CHECK (entity in ('institutions', 'pairings')),
	CONSTRAINT "import_jobs_status" CHECK (status in ('checking', 'invalid', 'ready', 'committing', 'committed', 'failed', 'cancelled', 'expired')),
	CONSTRAINT "import_jobs_progress" CHECK (processed_rows >= 0 and processed_rows <= total_rows)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"user_id" uuid,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_channel" CHECK (channel in ('sms', 'dingtalk')),
	CONSTRAINT "outbox_status" CHECK (status in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "workflow_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"on_behalf_of" uuid,
	"comment" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "workflow_actions_action" CHECK (action in ('submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw')),
	CONSTRAINT "workflow_actions_comment" CHECK (action not in ('return', 'reject') or length(trim(coalesce(comment, ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "workflow_chains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doc_type" text NOT NULL,
	"programme_id" uuid,
	"steps" jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "workflow_chains_doc_type" CHECK (doc_type in ('pairing_exception', 'dispatch', 'plan', 'leave', 'punch_correction', 'workload_table')),
	CONSTRAINT "workflow_chains_steps" CHECK (jsonb_typeof(steps) = 'array' and jsonb_array_length(steps) >= 1)
);
--> statement-breakpoint
CREATE TABLE "workflow_delegations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "workflow_delegations_period" CHECK (ends_on >= starts_on),
	CONSTRAINT "workflow_delegations_two_people" CHECK (from_user_id <> to_user_id)
);
--> statement-breakpoint
CREATE TABLE "workflow_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doc_type" text NOT NULL,
	"doc_id" uuid NOT NULL,
	"programme_id" uuid,
	"title" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"counterpart_institution_id" uuid,
	"tcm" boolean DEFAULT false NOT NULL,
	"steps" jsonb NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"reminded_step" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "workflow_instances_doc_type" CHECK (doc_type in ('pairing_exception', 'dispatch', 'plan', 'leave', 'punch_correction', 'workload_table')),
	CONSTRAINT "workflow_instances_status" CHECK (status in ('pending', 'returned', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "workflow_instances_step" CHECK (current_step >= 0 and current_step < jsonb_array_length(steps)),
	CONSTRAINT "workflow_instances_decided" CHECK ((status in ('approved', 'rejected', 'withdrawn')) = (decided_at is not null))
);
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_actions" ADD CONSTRAINT "workflow_actions_instance_id_workflow_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."workflow_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_actions" ADD CONSTRAINT "workflow_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_actions" ADD CONSTRAINT "workflow_actions_on_behalf_of_users_id_fk" FOREIGN KEY ("on_behalf_of") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_chains" ADD CONSTRAINT "workflow_chains_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_chains" ADD CONSTRAINT "workflow_chains_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_delegations" ADD CONSTRAINT "workflow_delegations_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_delegations" ADD CONSTRAINT "workflow_delegations_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_counterpart_institution_id_institutions_id_fk" FOREIGN KEY ("counterpart_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_user" ON "import_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_expiry" ON "import_jobs" USING btree ("expires_at") WHERE sheets is not null;--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread" ON "notifications" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "workflow_actions_instance" ON "workflow_actions" USING btree ("instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_chains_programme" ON "workflow_chains" USING btree ("doc_type","programme_id") WHERE programme_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_chains_default" ON "workflow_chains" USING btree ("doc_type") WHERE programme_id is null;--> statement-breakpoint
CREATE INDEX "workflow_delegations_to" ON "workflow_delegations" USING btree ("to_user_id");--> statement-breakpoint
CREATE INDEX "workflow_delegations_from" ON "workflow_delegations" USING btree ("from_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_instances_open" ON "workflow_instances" USING btree ("doc_type","doc_id") WHERE status in ('pending', 'returned');--> statement-breakpoint
CREATE INDEX "workflow_instances_doc" ON "workflow_instances" USING btree ("doc_type","doc_id");--> statement-breakpoint
CREATE INDEX "workflow_instances_status" ON "workflow_instances" USING btree ("status");--> statement-breakpoint
CREATE INDEX "workflow_instances_submitter" ON "workflow_instances" USING btree ("submitted_by");