CREATE TABLE "bond_breaches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bond_id" uuid NOT NULL,
	"movement" text NOT NULL,
	"moved_on" date NOT NULL,
	"destination" text NOT NULL,
	"approved_by" text,
	"note" text,
	"judgement" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_breaches_movement" CHECK (movement in ('transfer', 'loan')),
	CONSTRAINT "bond_breaches_destination" CHECK (length(trim(destination)) > 0)
);
--> statement-breakpoint
CREATE TABLE "service_bonds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"source" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"policy_version" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_bonds_trigger" CHECK (trigger in ('mentoring_passed', 'practising_qualification', 'promotion', 'further_study')),
	CONSTRAINT "service_bonds_period" CHECK (ends_on >= starts_on)
);
--> statement-breakpoint
ALTER TABLE "import_jobs" DROP CONSTRAINT "import_jobs_entity";--> statement-breakpoint
ALTER TABLE "bond_breaches" ADD CONSTRAINT "bond_breaches_bond_id_service_bonds_id_fk" FOREIGN KEY ("bond_id") REFERENCES "public"."service_bonds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_breaches" ADD CONSTRAINT "bond_breaches_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_bonds" ADD CONSTRAINT "service_bonds_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_bonds" ADD CONSTRAINT "service_bonds_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_bonds" ADD CONSTRAINT "service_bonds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bond_breaches_bond" ON "bond_breaches" USING btree ("bond_id");--> statement-breakpoint
CREATE INDEX "service_bonds_staff" ON "service_bonds" USING btree ("staff_id");--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_entity" CHECK (entity in ('institutions', 'pairings', 'staff', 'bonds'));