CREATE TABLE "attendance_days" (
	"dispatch_id" uuid NOT NULL,
	"date" date NOT NULL,
	"staff_id" uuid NOT NULL,
	"status" text NOT NULL,
	"working_day" boolean NOT NULL,
	"reason" jsonb NOT NULL,
	"policy_version" integer,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_days_dispatch_id_date_pk" PRIMARY KEY("dispatch_id","date"),
	CONSTRAINT "attendance_days_status" CHECK (status in ('on_site', 'leave', 'trip', 'comp_rest', 'holiday', 'rest_day', 'absent', 'off_site', 'pending'))
);
--> statement-breakpoint
CREATE TABLE "attendance_dirty" (
	"staff_id" uuid NOT NULL,
	"date" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_dirty_staff_id_date_pk" PRIMARY KEY("staff_id","date")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text DEFAULT 'seed' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_kind" CHECK (kind in ('holiday', 'workday')),
	CONSTRAINT "calendar_days_source" CHECK (source in ('seed', 'manual')),
	CONSTRAINT "calendar_days_name" CHECK (length(trim(name)) between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"dispatch_id" uuid,
	"source" text NOT NULL,
	"punched_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"late_synced" boolean DEFAULT false NOT NULL,
	"provider" text,
	"crs" text,
	"location_enc" text,
	"lat_rounded" double precision,
	"lng_rounded" double precision,
	"accuracy_m" double precision,
	"distance_m" integer,
	"fence_id" uuid,
	"inside" boolean NOT NULL,
	"outside_reason" text,
	"device_id" varchar(100),
	"risks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"external_id" text,
	"correction_id" uuid,
	"user_id" uuid,
	CONSTRAINT "checkins_source" CHECK (source in ('app', 'dingtalk', 'correction')),
	CONSTRAINT "checkins_app_location" CHECK (source <> 'app' or (location_enc is not null and crs is not null and accuracy_m is not null)),
	CONSTRAINT "checkins_outside_reason" CHECK (source <> 'app' or inside or outside_reason is not null),
	CONSTRAINT "checkins_correction" CHECK ((source = 'correction') = (correction_id is not null))
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"device_id" varchar(100) NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "devices_status" CHECK (status in ('active', 'pending', 'rejected', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"leave_type" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"destination" text,
	"reason" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "leave_requests_kind" CHECK (kind in ('leave', 'trip', 'comp_rest')),
	CONSTRAINT "leave_requests_status" CHECK (status in ('pending', 'returned', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "leave_requests_type" CHECK ((kind = 'leave') = (leave_type is not null)),
	CONSTRAINT "leave_requests_dates" CHECK (end_date >= start_date)
);
--> statement-breakpoint
CREATE TABLE "location_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"notice_version" integer NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "presence_justifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"cause" text NOT NULL,
	"text" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "presence_justifications_rule" CHECK (rule in ('P06', 'P07')),
	CONSTRAINT "presence_justifications_cause" CHECK (cause in ('work', 'illness', 'family', 'weather_traffic', 'device', 'other')),
	CONSTRAINT "presence_justifications_status" CHECK (status in ('pending', 'accepted', 'rejected')),
	CONSTRAINT "presence_justifications_dates" CHECK (to_date >= from_date)
);
--> statement-breakpoint
CREATE TABLE "punch_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"date" date NOT NULL,
	"time" varchar(5) NOT NULL,
	"reason" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"checkin_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "punch_corrections_status" CHECK (status in ('pending', 'returned', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "punch_corrections_time" CHECK (time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "regional_holidays" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regional_holidays_name" CHECK (length(trim(name)) between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_size" CHECK (size > 0)
);
--> statement-breakpoint
ALTER TABLE "workflow_chains" DROP CONSTRAINT "workflow_chains_doc_type";--> statement-breakpoint
ALTER TABLE "workflow_instances" DROP CONSTRAINT "workflow_instances_doc_type";--> statement-breakpoint
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_consents" ADD CONSTRAINT "location_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_justifications" ADD CONSTRAINT "presence_justifications_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_justifications" ADD CONSTRAINT "presence_justifications_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_justifications" ADD CONSTRAINT "presence_justifications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_justifications" ADD CONSTRAINT "presence_justifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_holidays" ADD CONSTRAINT "regional_holidays_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_holidays" ADD CONSTRAINT "regional_holidays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_days_staff_date" ON "attendance_days" USING btree ("staff_id","date");--> statement-breakpoint
CREATE INDEX "attendance_days_date_status" ON "attendance_days" USING btree ("date","status");--> statement-breakpoint
CREATE INDEX "calendar_days_kind_date" ON "calendar_days" USING btree ("kind","date");--> statement-breakpoint
CREATE INDEX "checkins_staff_time" ON "checkins" USING btree ("staff_id","punched_at");--> statement-breakpoint
CREATE INDEX "checkins_date" ON "checkins" USING btree ("local_date");--> statement-breakpoint
CREATE INDEX "checkins_device" ON "checkins" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_external" ON "checkins" USING btree ("source","external_id") WHERE external_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_staff_device" ON "devices" USING btree ("staff_id","device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_one_active" ON "devices" USING btree ("staff_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "devices_device" ON "devices" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "leave_requests_staff_dates" ON "leave_requests" USING btree ("staff_id","start_date");--> statement-breakpoint
CREATE INDEX "leave_requests_dispatch" ON "leave_requests" USING btree ("dispatch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "location_consents_user_version" ON "location_consents" USING btree ("user_id","notice_version");--> statement-breakpoint
CREATE INDEX "presence_justifications_dispatch" ON "presence_justifications" USING btree ("dispatch_id");--> statement-breakpoint
CREATE INDEX "punch_corrections_staff_date" ON "punch_corrections" USING btree ("staff_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "regional_holidays_region_date" ON "regional_holidays" USING btree ("region_code","date");--> statement-breakpoint
CREATE INDEX "regional_holidays_date" ON "regional_holidays" USING btree ("date");--> statement-breakpoint
CREATE INDEX "files_uploader" ON "files" USING btree ("uploaded_by");--> statement-breakpoint
ALTER TABLE "workflow_chains" ADD CONSTRAINT "workflow_chains_doc_type" CHECK (doc_type in ('pairing_exception', 'dispatch', 'plan', 'leave', 'punch_correction', 'workload_table', 'device_binding'));--> statement-breakpoint
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_doc_type" CHECK (doc_type in ('pairing_exception', 'dispatch', 'plan', 'leave', 'punch_correction', 'workload_table', 'device_binding'));