CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_index" varchar(64) NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"phone_enc" text,
	"phone_index" varchar(64),
	"phone_masked" varchar(20),
	"institution_id" uuid NOT NULL,
	"department" text,
	"specialty" text,
	"title" text NOT NULL,
	"title_series" text,
	"post_type" text NOT NULL,
	"work_started_on" date,
	"qualification_type" text,
	"qualification_number" text,
	"backbone" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "staff_side" CHECK (side in ('support', 'recipient')),
	CONSTRAINT "staff_gender" CHECK (gender in ('male', 'female')),
	CONSTRAINT "staff_title" CHECK (title in ('none', 'junior', 'intermediate', 'deputy_senior', 'senior')),
	CONSTRAINT "staff_title_series" CHECK (title_series is null or title_series in ('medicine', 'nursing', 'pharmacy', 'technology', 'public_health')),
	CONSTRAINT "staff_post_type" CHECK (post_type in ('professional', 'management')),
	CONSTRAINT "staff_name" CHECK (length(trim(name)) between 1 and 100),
	CONSTRAINT "staff_backbone_recipient" CHECK (not backbone or side = 'recipient'),
	CONSTRAINT "staff_phone" CHECK ((phone_enc is null) = (phone_index is null) and (phone_enc is null) = (phone_masked is null))
);
--> statement-breakpoint
ALTER TABLE "import_jobs" DROP CONSTRAINT "import_jobs_entity";--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_id_number" ON "staff" USING btree ("id_number_index");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_user" ON "staff" USING btree ("user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX "staff_institution" ON "staff" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "staff_phone_index" ON "staff" USING btree ("phone_index");--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_entity" CHECK (entity in ('institutions', 'pairings', 'staff'));