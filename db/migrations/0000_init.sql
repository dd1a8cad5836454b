CREATE TABLE `audit_events` (
	`meeting_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_hash` ON `audit_events` (`hash`);--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`channel` text NOT NULL,
	`grades` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `ballots_meeting_category` ON `ballots` (`meeting_id`,`category`);--> statement-breakpoint
CREATE TABLE `categories` (
	`meeting_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	`eligible` integer NOT NULL,
	`issued` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`meeting_id`, `key`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`organization` text,
	`rule` text NOT NULL,
	`status` text NOT NULL,
	`eligible` integer NOT NULL,
	`issued` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`opened_at` text,
	`closed_at` text
);
--> statement-breakpoint
CREATE TABLE `subjects` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subjects_meeting` ON `subjects` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'unused' NOT NULL,
	`receipt` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `tokens_meeting_receipt` ON `tokens` (`meeting_id`,`receipt`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`key_hash` text NOT NULL,
	`revoked` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_key_hash_unique` ON `users` (`key_hash`);