CREATE TABLE `season_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`season_id` text NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`organization` text,
	`category` text,
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `season_entries_key` ON `season_entries` (`season_id`,`key`);--> statement-breakpoint
CREATE TABLE `season_events` (
	`season_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`season_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `season_results` (
	`season_id` text PRIMARY KEY NOT NULL,
	`result` text NOT NULL,
	`digest` text NOT NULL,
	`published_at` text NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `season_rows` (
	`season_id` text NOT NULL,
	`entry_key` text NOT NULL,
	`position` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`season_id`, `entry_key`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`rule` text NOT NULL,
	`params` text,
	`rounds` text NOT NULL,
	`previous_id` text,
	`notice_days` integer NOT NULL,
	`status` text NOT NULL,
	`contact` text,
	`revision` integer DEFAULT 0 NOT NULL,
	`notice_from` text,
	`notice_until` text,
	`finalized_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `subjects` ADD `entry_id` text;--> statement-breakpoint
CREATE INDEX `subjects_entry` ON `subjects` (`entry_id`);