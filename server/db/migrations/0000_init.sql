CREATE TABLE "sessions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_scopes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"region_code" varchar(6),
	"institution_id" uuid,
	CONSTRAINT "user_scopes_kind" CHECK (kind in ('all', 'region', 'institution', 'self')),
	CONSTRAINT "user_scopes_ref" CHECK ((kind = 'region') = (region_code is not null) and (kind = 'institution') = (institution_id is not null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" varchar(64) NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"institution_id" uuid,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_role" CHECK (role in ('province_office', 'tcm_bureau', 'prefecture_authority', 'county_authority', 'county_liaison', 'supporting_admin', 'recipient_admin', 'support_staff', 'recipient_staff', 'inspector', 'system_admin', 'security_admin', 'audit_admin')),
	CONSTRAINT "users_status" CHECK (status in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "county_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"flag" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"example" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_flags_flag" CHECK (flag in ('national_poverty', 'provincial_poverty', 'deep_poverty', 'ethnic', 'lifted_poverty', 'key_revitalisation')),
	CONSTRAINT "county_flags_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" varchar(18),
	"category" text NOT NULL,
	"tier" text NOT NULL,
	"grade" text DEFAULT 'none' NOT NULL,
	"role" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "institutions_category" CHECK (category in ('medical', 'maternal_child', 'tcm', 'cdc', 'supervision')),
	CONSTRAINT "institutions_tier" CHECK (tier in ('province', 'prefecture', 'county', 'central_township', 'township', 'village')),
	CONSTRAINT "institutions_grade" CHECK (grade in ('III_A', 'III_B', 'III', 'II_A', 'II_B', 'II', 'I_A', 'I', 'none')),
	CONSTRAINT "institutions_role" CHECK (role in ('supporting', 'recipient', 'both'))
);
--> statement-breakpoint
CREATE TABLE "region_code_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"old_code" varchar(6) NOT NULL,
	"old_name" text NOT NULL,
	"new_code" varchar(6) NOT NULL,
	"new_name" text NOT NULL,
	"changed_on" date NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(6),
	"path" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "regions_level" CHECK (level in ('nation', 'province', 'prefecture', 'county')),
	CONSTRAINT "regions_code_digits" CHECK (code ~ '^[0-9]{6}$'),
	CONSTRAINT "regions_valid_range" CHECK (valid_to is null or valid_from is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"period" text NOT NULL,
	"instance" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"attempts" integer DEFAULT 1 NOT NULL,
	"error" text,
	CONSTRAINT "job_runs_job_period_pk" PRIMARY KEY("job","period"),
	CONSTRAINT "job_runs_status" CHECK (status in ('running', 'done', 'failed')),
	CONSTRAINT "job_runs_finished" CHECK ((status = 'running') = (finished_at is null))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scopes" ADD CONSTRAINT "user_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scopes" ADD CONSTRAINT "user_scopes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scopes" ADD CONSTRAINT "user_scopes_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_flags" ADD CONSTRAINT "county_flags_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_scopes_user" ON "user_scopes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "county_flags_unique" ON "county_flags" USING btree ("region_code","flag","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_name" ON "institutions" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_credit_code" ON "institutions" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "institutions_region" ON "institutions" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "region_code_changes_unique" ON "region_code_changes" USING btree ("old_code","new_code","changed_on");--> statement-breakpoint
CREATE INDEX "regions_parent" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_path" ON "regions" USING btree ("path" text_pattern_ops);