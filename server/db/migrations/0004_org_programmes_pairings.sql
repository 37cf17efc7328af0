CREATE TABLE "county_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "county_contacts_kind" CHECK (kind in ('contact_leader', 'liaison')),
	CONSTRAINT "county_contacts_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_main" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geofences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"crs" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"lat_wgs84" double precision NOT NULL,
	"lng_wgs84" double precision NOT NULL,
	"radius_m" integer DEFAULT 500 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "geofences_crs" CHECK (crs in ('wgs84', 'gcj02', 'bd09')),
	CONSTRAINT "geofences_radius" CHECK (radius_m between 50 and 5000),
	CONSTRAINT "geofences_lat" CHECK (lat between -90 and 90 and lat_wgs84 between -90 and 90),
	CONSTRAINT "geofences_lng" CHECK (lng between -180 and 180 and lng_wgs84 between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "pairing_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pairing_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"change" jsonb NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"supporting_institution_id" uuid NOT NULL,
	"recipient_institution_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"status" text DEFAULT 'active' NOT NULL,
	"exception_status" text DEFAULT 'none' NOT NULL,
	"exception_reason" text,
	"deviations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pairings_mode" CHECK (mode in ('one_to_one', 'team', 'hospital_department', 'school_hospital')),
	CONSTRAINT "pairings_status" CHECK (status in ('active', 'ended')),
	CONSTRAINT "pairings_exception_status" CHECK (exception_status in ('none', 'pending', 'approved', 'rejected')),
	CONSTRAINT "pairings_period" CHECK (period_end is null or period_end >= period_start),
	CONSTRAINT "pairings_two_institutions" CHECK (supporting_institution_id <> recipient_institution_id),
	CONSTRAINT "pairings_exception_reason" CHECK (exception_status = 'none' or length(trim(exception_reason)) > 0)
);
--> statement-breakpoint
CREATE TABLE "policy_pack_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"pack" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_pack_versions_positive" CHECK (version >= 1)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(40) NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"status" text DEFAULT 'active' NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "programmes_status" CHECK (status in ('draft', 'active', 'closed')),
	CONSTRAINT "programmes_period" CHECK (period_end is null or period_end >= period_start)
);
--> statement-breakpoint
ALTER TABLE "county_flags" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "county_flags" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "county_flags" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "county_contacts" ADD CONSTRAINT "county_contacts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geofences" ADD CONSTRAINT "geofences_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_changes" ADD CONSTRAINT "pairing_changes_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_changes" ADD CONSTRAINT "pairing_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_supporting_institution_id_institutions_id_fk" FOREIGN KEY ("supporting_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_recipient_institution_id_institutions_id_fk" FOREIGN KEY ("recipient_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_pack_versions" ADD CONSTRAINT "policy_pack_versions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_pack_versions" ADD CONSTRAINT "policy_pack_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "county_contacts_region" ON "county_contacts" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_name" ON "departments" USING btree ("institution_id","name");--> statement-breakpoint
CREATE INDEX "geofences_institution" ON "geofences" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "pairing_changes_pairing" ON "pairing_changes" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairings_programme" ON "pairings" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "pairings_supporting" ON "pairings" USING btree ("supporting_institution_id");--> statement-breakpoint
CREATE INDEX "pairings_recipient" ON "pairings" USING btree ("recipient_institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_pack_versions_version" ON "policy_pack_versions" USING btree ("programme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_code" ON "programmes" USING btree ("code");